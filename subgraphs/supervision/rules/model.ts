import type { AlertColour, RuleCheck, RuleTargetKind, RuleType } from '../generated/resolvers-types.ts';

export type { AlertColour, RuleCheck, RuleTargetKind, RuleType };

/** What a rule applies to (规则适用范围); `value` is null exactly for ALL. */
export interface RuleTargetModel {
  kind: RuleTargetKind;
  value: string | null;
}

/** One immutable version of a supervision rule (监察规则信息库), the GraphQL Rule. */
export interface RuleModel {
  code: string;
  version: number;
  type: RuleType;
  check: RuleCheck;
  description: string;
  /** As validated and completed with defaults for the check (rules/parameters.ts). */
  parameters: Record<string, unknown>;
  colour: AlertColour;
  target: RuleTargetModel;
  enabled: boolean;
  author: string;
  reason: string;
  createdAt: string;
}

/** The type each check belongs to: a rule's type must be its check's. */
export const CHECK_TYPE: Readonly<Record<RuleCheck, RuleType>> = {
  DEADLINE_APPROACHING: 'TIMELINESS',
  DEADLINE_OVERRUN: 'TIMELINESS',
  STEP_OVERRUN: 'TIMELINESS',
  SUPERVISION_OVERDUE: 'TIMELINESS',
  DECISION_BEFORE_ACCEPTANCE: 'LEGALITY',
  STEP_SKIPPED: 'LEGALITY',
  REFUSAL_WITHOUT_REASON: 'LEGALITY',
  MISSING_MATERIAL: 'COMPLETENESS',
  FEE_NOT_CHARGEABLE: 'FEE',
  FEE_ABOVE_STANDARD: 'FEE',
};

export const RULE_CHECKS = Object.keys(CHECK_TYPE) as RuleCheck[];

export const RULE_TYPE_NAMES: Readonly<Record<RuleType, string>> = {
  TIMELINESS: '时效性',
  LEGALITY: '流程合法性',
  COMPLETENESS: '内容完整性',
  FEE: '收费合规性',
};

export const COLOUR_NAMES: Readonly<Record<AlertColour, string>> = { YELLOW: '黄牌预警', RED: '红牌警告' };

/** GUIDE beats AGENCY beats ITEM_TYPE beats ALL when several rules of a check match. */
export const TARGET_SPECIFICITY: Readonly<Record<RuleTargetKind, number>> = { GUIDE: 3, AGENCY: 2, ITEM_TYPE: 1, ALL: 0 };
