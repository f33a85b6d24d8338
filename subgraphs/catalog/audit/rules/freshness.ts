import { addMonths, isIsoDate } from '../../../../lib/time.ts';
import { defineRule } from '../types.ts';
import type { AuditInput, AuditRule, Issue } from '../types.ts';

/**
 * Seed 002: policy sections (法规文件) are updated at least every six months, everything else at
 * least yearly. The item's policy elements and the guide's own elements carry their review dates.
 */

interface Review {
  element: string;
  label: string;
  date: (input: AuditInput) => string | null;
  months: number;
}

const POLICY: Review = { element: 'policyReviewedOn', label: '政策要素（设定依据、申请材料、受理条件）', date: ({ item }) => item.policyReviewedOn, months: 6 };
const GUIDE: Review = { element: 'reviewedOn', label: '办事指南', date: ({ guide }) => guide.reviewedOn, months: 12 };

function dated(review: Review) {
  return (input: AuditInput): Issue[] => {
    const date = review.date(input);
    if (!isIsoDate(date)) {
      return [{ element: review.element, message: `${review.label}未记录核对日期`, fixHint: '核对后记录核对日期（YYYY-MM-DD）' }];
    }
    if (date > input.today) {
      return [{ element: review.element, message: `${review.label}的核对日期${date}晚于今天`, fixHint: '核对日期不能晚于今天，请更正' }];
    }
    return [];
  };
}

function fresh(review: Review) {
  return (input: AuditInput): Issue[] => {
    const date = review.date(input);
    // Missing and future dates are the dated rule's to report.
    if (!isIsoDate(date) || date > input.today) return [];
    const due = addMonths(date, review.months);
    if (due >= input.today) return [];
    return [
      {
        element: review.element,
        message: `${review.label}上次核对于${date}，已超过${review.months}个月（应于${due}前复核）`,
        fixHint: `重新核对${review.label}并更新核对日期`,
      },
    ];
  };
}

export const FRESHNESS_RULES: AuditRule[] = [
  defineRule({
    id: 'POLICY_REVIEW_DATED',
    severity: 'ERROR',
    description: '记录政策要素的核对日期',
    source: 'seed 002 更新频率',
    detect: dated(POLICY),
  }),
  defineRule({
    id: 'POLICY_REVIEW_FRESH',
    severity: 'WARNING',
    description: '政策要素六个月内核对过',
    source: 'seed 002 更新频率（法规文件每半年至少更新一次）',
    detect: fresh(POLICY),
  }),
  defineRule({
    id: 'GUIDE_REVIEW_DATED',
    severity: 'ERROR',
    description: '记录办事指南的核对日期',
    source: 'seed 002 更新频率',
    detect: dated(GUIDE),
  }),
  defineRule({
    id: 'GUIDE_REVIEW_FRESH',
    severity: 'WARNING',
    description: '办事指南十二个月内核对过',
    source: 'seed 002 更新频率（其他栏目每年至少更新一次）',
    detect: fresh(GUIDE),
  }),
];
