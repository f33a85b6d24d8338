import type { ItemType } from '../../lib/codes/index.ts';
import { itemClassOf } from './itemClass.ts';

interface ItemTypeRule {
  type: ItemType;
  /** A name matches when it contains any of these strings or matches any of these patterns. */
  keywords: readonly (string | RegExp)[];
}

/**
 * Ordered rules for 行政职权事项, tuned by reading all 295 names of the 2011
 * catalog. The first matching rule wins, so the order encodes which part of a
 * compound name decides its type.
 */
export const ITEM_TYPE_RULES: readonly ItemTypeRule[] = [
  // A fee or tax collected is a levy even when the name also mentions the approval
  // it comes with (占用灌溉水源审批及开发补偿费征收) or a quarantine (检疫费征收).
  { type: 'LEVY', keywords: ['征收', '收取'] },
  { type: 'ENFORCEMENT', keywords: ['保全', '强制'] },
  { type: 'PUNISHMENT', keywords: ['处罚'] },
  { type: 'ADJUDICATION', keywords: ['裁决'] },
  // Benefits decided for a person: 待遇核定/审核, 养老金核定, 贴息审核.
  { type: 'PAYMENT', keywords: ['待遇', '养老金', '贴息', '补贴', '补助', '救助', '给付', '抚恤'] },
  // Strong licence words beat registration words: 环境影响登记表审批 is an approval,
  // 执业登记 admits a practitioner, and 消防法 art. 15 makes the pre-opening fire
  // safety check of a public venue a licence despite its name.
  { type: 'LICENSE', keywords: ['许可', '审批', '核准', '批准', '执业登记', '营业前消防安全检查'] },
  { type: 'INSPECTION', keywords: ['年检', '年度检查', '检查', '验照', '检验', '检疫'] },
  // Registration, filing and status confirmation. Listed before the weak licence
  // words so that 权属登记及证书核发, 注册登记…行驶证核发, 审核登记 and
  // 光荣证/优待证/经营权证核发 (certificates that record a status) stay confirmations;
  // 对象确认 beats the 奖励 of 奖励扶助对象确认; the 审查 variants here check a
  // filing or an eligibility, not an activity to permit.
  {
    type: 'CONFIRMATION',
    keywords: [
      '登记', '备案', '认定', '确认', '确定', '认可', '审验', '鉴定', '复核', '审定', '核定', '申报',
      '权属', '经营权证', '光荣证', '优待', '身份证', '户口', '转退休', '书面审查', '合同审查', '条件审查',
    ],
  },
  { type: 'REWARD', keywords: ['奖励'] },
  // Weaker licence words: reviews and certificates that permit an activity, and
  // bare "X设立" (印刷企业设立) or a 机构变更 subject to approval.
  { type: 'LICENSE', keywords: ['核发', '审核', '审查', '预审', '验收', '考核', '注册', '机构变更', /设立$/] },
];

function matches(name: string, keyword: string | RegExp): boolean {
  return typeof keyword === 'string' ? name.includes(keyword) : keyword.test(name);
}

/** Item type of a catalog entry: fixed by class for disclosure and convenience items, by name otherwise. */
export function classifyItemType(name: string, className: string): ItemType {
  switch (itemClassOf(className)) {
    case 'DISCLOSURE':
      return 'DISCLOSURE';
    case 'CONVENIENCE':
      return 'CONVENIENCE';
    case 'ADMINISTRATIVE_POWER': {
      const rule = ITEM_TYPE_RULES.find((r) => r.keywords.some((k) => matches(name, k)));
      return rule?.type ?? 'OTHER_POWER';
    }
  }
}
