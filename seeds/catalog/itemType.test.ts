import { describe, expect, it } from 'vitest';
import type { ItemType } from '../../lib/codes/index.ts';
import { classifyItemType } from './itemType.ts';

const POWER = '行政职权事项';

describe('classifyItemType', () => {
  it.each<[string, ItemType]>([
    ['会计从业资格证书核发', 'LICENSE'],
    ['建设项目环境影响报告书(表)、环境影响登记表审批', 'LICENSE'],
    ['公众聚集场所投入使用、营业前消防安全检查', 'LICENSE'],
    ['依法由县级政府办理的印刷企业设立', 'LICENSE'],
    ['基层法律服务工作者执业登记(初审)', 'LICENSE'],
    ['社会保险费征收', 'LEVY'],
    ['占用农业灌溉水源、灌排工程设施审批及开发补偿费征收', 'LEVY'],
    ['动物和动物产品的检疫费征收', 'LEVY'],
    ['收养登记', 'CONFIRMATION'],
    ['森林、林木、林地权属登记及证书核发', 'CONFIRMATION'],
    ['拖拉机注册登记、号牌、行驶证核发', 'CONFIRMATION'],
    ['农村部分计划生育家庭奖励扶助对象确认', 'CONFIRMATION'],
    ['建设工程消防设计和竣工验收备案', 'CONFIRMATION'],
    ['经济适用住房申请的审核登记', 'CONFIRMATION'],
    ['城乡居民最低生活保障待遇核定', 'PAYMENT'],
    ['下岗失业人员再就业小额担保贷款、贴息审核', 'PAYMENT'],
    ['税收保全', 'ENFORCEMENT'],
    ['企业年检', 'INSPECTION'],
    ['动物和动物产品检疫', 'INSPECTION'],
    ['减税、免税', 'OTHER_POWER'],
    ['转学、休学手续办理', 'OTHER_POWER'],
  ])('%s → %s', (name, type) => {
    expect(classifyItemType(name, POWER)).toBe(type);
  });

  it('takes disclosure and convenience items from their class, whatever the name says', () => {
    expect(classifyItemType('征收或者征用土地、房屋拆迁及其补偿、补助费用的发放、使用情况', '政府信息公开事项')).toBe(
      'DISCLOSURE',
    );
    expect(classifyItemType('有线电视收视费收取', '便民服务事项')).toBe('CONVENIENCE');
  });

  it('refuses an unknown class', () => {
    expect(() => classifyItemType('收养登记', '公共服务事项')).toThrow(RangeError);
  });
});
