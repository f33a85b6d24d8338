import type { FeeItem, GuideContent } from '../../../subgraphs/catalog/guide/content.ts';
import type { ItemSubject } from './profile.ts';

/**
 * The few sample items that charge a fee, with the price document behind it (seed 003 element
 * 收费标准/收费依据). Everything else is free (不收费), as most county services were.
 */
const FEES: ReadonlyArray<{ keyword: string; item: FeeItem }> = [
  {
    keyword: '申领、换领、补领居民身份证',
    item: {
      name: '居民身份证工本费',
      standard: '每证20元；城市低保对象、农村特殊困难居民初次申领和换领免收',
      amountYuan: 20,
      basis: '《中华人民共和国居民身份证法》第二十一条；《国家发展改革委、财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）',
    },
  },
  {
    keyword: '机动车驾驶证核发',
    item: {
      name: '机动车驾驶证工本费',
      standard: '每证10元',
      amountYuan: 10,
      basis: '《国家计委、财政部关于发布公安部门行政事业性收费标准的通知》（计价格〔1994〕783号）（示例数据：文号待核实）',
    },
  },
  {
    keyword: '国有土地范围内房屋所有权登记',
    item: {
      name: '房屋登记费',
      standard: '住房每件80元，非住房每件550元',
      amountYuan: null,
      basis: '《国家发展改革委、财政部关于规范房屋登记费计费方式和收费标准等有关问题的通知》（发改价格〔2008〕924号）',
    },
  },
];

export function feesOf(subject: ItemSubject): GuideContent['fees'] {
  const items = FEES.filter((f) => subject.name.includes(f.keyword)).map((f) => ({ ...f.item }));
  return { charged: items.length > 0, items };
}
