import type { ItemType } from '../../../lib/codes/index.ts';
import type { CaseKind, GuideContent, ServiceObject, TimeLimit } from '../../../subgraphs/catalog/guide/content.ts';
import { SAMPLE_TIME_LIMITS } from '../timeLimits.ts';

/** What an item is and who asks for it: the facts the rest of the content is derived from. */
export interface ItemSubject {
  basicCode: string;
  name: string;
  type: ItemType;
  group: string;
}

const workingDays = (value: number): TimeLimit => ({ value, unit: 'WORKING_DAY' });
const naturalDays = (value: number): TimeLimit => ({ value, unit: 'NATURAL_DAY' });

// Applied by people for themselves: no legal person is ever the applicant.
const NATURAL_ONLY = [
  '身份证', '户口', '驾驶证核发', '驾驶证审验', '收养', '最低生活保障', '医疗救助', '五保', '临时救助', '老年', '生育保险待遇',
  '养老金', '死亡待遇', '工伤保险待遇', '失业保险待遇', '转退休', '教师资格', '会计从业', '执业医师', '护士', '兽医', '宅基地审批',
  '法律援助条件', '光荣证', '扶助', '少生快富', '再生育', '一孩', '婚育证明', '避孕', '就业登记', '职业资格证书查询', '社会保障卡',
  '城镇居民医疗保险', '转学', '小额担保贷款', '拖拉机驾驶证', '公证员', '基层法律服务工作者', '特种设备作业人员', '统计从业', '建房',
  '计划生育技术服务人员', '母婴保健技术考核', '传统医学', '个人所得税',
];
// Applied for by organisations only.
const LEGAL_ONLY = [
  '企业', '公司', '单位', '机构', '社会团体', '民办', '集团', '合作社', '投资项目', '三资', '学校', '建设项目', '建设工程', '工程',
  '商品房', '房地产', '特许经营', '定点', '集体合同', '工时', '劳动用工', '年金', '工伤保险缴费', '缴费基数', '社会保险登记',
  '社会保险变更', '税务登记', '增值税', '消费税', '营业税', '出口退', '最高开票限额', '印花税票代售', '道路旅客', '站(场)',
  '货物运输经营', '律师事务所', '公证机构', '供水', '排水', '危险', '烟花爆竹', '易制毒', '重大危险源', '应急救援预案', '职业病',
  '水利', '取水', '入河排污口', '排污', '污染', '垃圾', '粮食收购', '组织机构代码', '有线广播电视站', '节目', '电影放映',
  '演出', '娱乐场所', '印刷', '出版物', '医疗机构', '公共场所卫生', '餐饮', '药品', '种子', '种畜禽', '兽药经营', '动物诊疗',
  '动物防疫条件', '木材经营', '人民防空', '文艺表演团体', '刻制', '公章', '旅馆', '上网服务', '治安保卫', '废旧金属',
];

export function serviceObjectsOf(subject: ItemSubject): ServiceObject[] {
  if (subject.type === 'DISCLOSURE') return ['NATURAL_PERSON', 'LEGAL_PERSON'];
  if (NATURAL_ONLY.some((k) => subject.name.includes(k))) return ['NATURAL_PERSON'];
  // 个体工商户 and individuals may also run a business that needs a licence.
  if (subject.name.includes('个体')) return ['NATURAL_PERSON', 'LEGAL_PERSON'];
  if (LEGAL_ONLY.some((k) => subject.name.includes(k))) return ['LEGAL_PERSON'];
  return ['NATURAL_PERSON', 'LEGAL_PERSON'];
}

interface Limits {
  legal: TimeLimit | null;
  promised: TimeLimit | null;
  caseKind: CaseKind;
}

/**
 * Limits the law itself sets for particular items, overriding the type defaults: the days of
 * the cited article, in its own unit (the 行政许可法's limits are working days by its art. 82;
 * other laws' 日 are natural days). Promises are stated in the legal limit's unit, so the two
 * compare directly.
 */
const SPECIFIC_LIMITS: ReadonlyArray<{ keyword: string; limits: Limits }> = [
  // 居民身份证法 art. 12: issued within 60 days.
  { keyword: '申领、换领、补领居民身份证', limits: { legal: naturalDays(60), promised: naturalDays(30), caseKind: 'PROMISED' } },
  // 消防法 (2008) art. 15: inspection within ten working days.
  { keyword: '营业前消防安全检查', limits: { legal: workingDays(10), promised: workingDays(5), caseKind: 'PROMISED' } },
  // 社会团体登记管理条例 art. 12 and 民办非企业单位登记管理暂行条例 art. 11: 60 days.
  { keyword: '社会团体成立', limits: { legal: naturalDays(60), promised: naturalDays(30), caseKind: 'PROMISED' } },
  { keyword: '民办非企业单位成立', limits: { legal: naturalDays(60), promised: naturalDays(30), caseKind: 'PROMISED' } },
  // 道路交通安全法 art. 9: registration within five working days.
  { keyword: '机动车登记', limits: { legal: workingDays(5), promised: workingDays(3), caseKind: 'PROMISED' } },
  // 社会保险法 art. 57: reviewed within 15 days.
  { keyword: '社会保险登记', limits: { legal: naturalDays(15), promised: naturalDays(7), caseKind: 'PROMISED' } },
  // 执业医师法 (1998) art. 13: registered within 30 days.
  { keyword: '执业医师注册', limits: { legal: naturalDays(30), promised: naturalDays(15), caseKind: 'PROMISED' } },
  // 电影管理条例 art. 38: decided within 60 days.
  { keyword: '电影放映单位设立', limits: { legal: naturalDays(60), promised: naturalDays(30), caseKind: 'PROMISED' } },
  // 税收征收管理法 art. 15: registration on the day the application is received.
  { keyword: '税务登记', limits: { legal: naturalDays(1), promised: null, caseKind: 'IMMEDIATE' } },
];

/**
 * Types whose laws set no processing limit (a tax is due by a payment date, a convenience has no
 * statute) still state one in a county's implementation list, as the 2019 index asks; these are
 * the sample list's. Other types keep the seed's defaults (timeLimits.ts).
 */
const LISTED_LIMITS: Partial<Record<ItemType, { legal: TimeLimit; promised: TimeLimit }>> = {
  LEVY: { legal: workingDays(5), promised: workingDays(1) },
  INSPECTION: { legal: workingDays(20), promised: workingDays(10) },
  CONVENIENCE: { legal: workingDays(5), promised: workingDays(3) },
  ENFORCEMENT: { legal: workingDays(20), promised: workingDays(10) },
};

/** Simple confirmations and services done at the window while the applicant waits (即办件). */
const IMMEDIATE = ['刻制公章备案', '旅馆变更登记备案', '娱乐场所备案', '经营变更备案', '美术品经营单位备案', '老年(优待)证核发', '就业登记', '查询', '服务卡发放', '婚育证明发放', '咨询', '临时身份证'];

export function limitsOf(subject: ItemSubject): Limits {
  const specific = SPECIFIC_LIMITS.find((s) => subject.name.includes(s.keyword));
  if (specific) return { ...specific.limits };
  const defaults = LISTED_LIMITS[subject.type] ?? SAMPLE_TIME_LIMITS[subject.type];
  const legal = defaults.legal && { ...defaults.legal };
  if (defaults.promised === null || IMMEDIATE.some((k) => subject.name.includes(k))) return { legal, promised: null, caseKind: 'IMMEDIATE' };
  return { legal, promised: { ...defaults.promised }, caseKind: 'PROMISED' };
}

type Handling = Pick<GuideContent, 'visits' | 'onlineDepth' | 'singleSignOn' | 'handlingForm' | 'acrossScope' | 'runningSystem'>;

/**
 * How far online an item goes, by type, as a county could in 2019: disclosure requests and tax
 * returns fully online (IV), licences and confirmations checked online with one visit for the
 * originals (III), benefits pre-checked online with up to two visits (II), enforcement at the
 * window only (I).
 */
export function handlingOf(subject: ItemSubject, group: string): Handling {
  const runningSystem = group === '公安工作' || group === '税务工作' ? 'NATIONAL' : 'PROVINCIAL';
  const acrossScope = subject.name.includes('身份证') ? 'PROVINCE' : 'COUNTY';
  switch (subject.type) {
    case 'DISCLOSURE':
      return { visits: 0, onlineDepth: 4, singleSignOn: true, handlingForm: 'BOTH', acrossScope, runningSystem };
    case 'LEVY':
      return { visits: 0, onlineDepth: 4, singleSignOn: true, handlingForm: 'BOTH', acrossScope, runningSystem };
    case 'PAYMENT':
    case 'CONVENIENCE':
      return { visits: 2, onlineDepth: 2, singleSignOn: true, handlingForm: 'BOTH', acrossScope, runningSystem };
    case 'ENFORCEMENT':
      return { visits: 1, onlineDepth: 1, singleSignOn: false, handlingForm: 'WINDOW', acrossScope, runningSystem };
    default:
      return { visits: 1, onlineDepth: 3, singleSignOn: true, handlingForm: 'BOTH', acrossScope, runningSystem };
  }
}
