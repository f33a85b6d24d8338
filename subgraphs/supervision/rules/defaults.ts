import type { Store } from '../../../lib/db/store.ts';
import { CHECK_TYPE, type AlertColour, type RuleCheck } from './model.ts';
import { RulesRepository, type RuleContent } from './repository.ts';

export interface DefaultRule {
  code: string;
  check: RuleCheck;
  colour: AlertColour;
  parameters: Record<string, unknown>;
  description: string;
}

/**
 * The rules of seed 001 §5(6) and the design guide, each for every item (target ALL). Auditors
 * change them by making new versions or add more specific ones for an item type, agency or guide.
 *
 * A step over its own limit is YELLOW: the case as a whole may still finish in time, and red is kept
 * for what has already gone wrong for the applicant (an overrun case, an unlawful act).
 */
export const DEFAULT_RULES: readonly DefaultRule[] = [
  { code: 'TIMELINESS.PROMISED_YELLOW', check: 'DEADLINE_APPROACHING', colour: 'YELLOW', parameters: { workingDaysBefore: 1 }, description: '承诺办结期限前一个工作日仍未办结，黄牌预警' },
  { code: 'TIMELINESS.PROMISED_RED', check: 'DEADLINE_OVERRUN', colour: 'RED', parameters: { deadline: 'PROMISED', graceWorkingDays: 0 }, description: '超过承诺办结期限仍未办结或超期办结，红牌警告' },
  { code: 'TIMELINESS.LEGAL_RED', check: 'DEADLINE_OVERRUN', colour: 'RED', parameters: { deadline: 'LEGAL', graceWorkingDays: 0 }, description: '超过法定办结期限仍未办结或超期办结，红牌警告' },
  { code: 'TIMELINESS.STEP_OVERRUN', check: 'STEP_OVERRUN', colour: 'YELLOW', parameters: { graceWorkingDays: 0 }, description: '岗位环节超过本环节时限' },
  { code: 'TIMELINESS.SUPERVISION_OVERDUE', check: 'SUPERVISION_OVERDUE', colour: 'RED', parameters: { graceWorkingDays: 0 }, description: '督办件、投诉件或整改任务逾期未办' },
  { code: 'LEGALITY.DECISION_BEFORE_ACCEPTANCE', check: 'DECISION_BEFORE_ACCEPTANCE', colour: 'RED', parameters: {}, description: '未受理即作出决定或办结' },
  { code: 'LEGALITY.STEP_SKIPPED', check: 'STEP_SKIPPED', colour: 'RED', parameters: {}, description: '跳过办理流程中的环节作出决定' },
  { code: 'LEGALITY.REFUSAL_WITHOUT_REASON', check: 'REFUSAL_WITHOUT_REASON', colour: 'YELLOW', parameters: { minReasonLength: 4 }, description: '不予受理、不予许可或退回未说明理由' },
  { code: 'COMPLETENESS.MISSING_MATERIAL', check: 'MISSING_MATERIAL', colour: 'RED', parameters: { atDecision: true }, description: '缺少必要材料受理（容缺受理除外），或容缺材料未补齐即作出决定' },
  { code: 'FEE.NOT_CHARGEABLE', check: 'FEE_NOT_CHARGEABLE', colour: 'RED', parameters: {}, description: '办事指南不收费的事项记录了收费' },
  { code: 'FEE.ABOVE_STANDARD', check: 'FEE_ABOVE_STANDARD', colour: 'RED', parameters: { toleranceYuan: 0 }, description: '收费金额超过办事指南的收费标准' },
];

/** A default rule's first version, as seeded. */
export function defaultRuleContent(rule: DefaultRule): RuleContent {
  return {
    type: CHECK_TYPE[rule.check],
    check: rule.check,
    description: rule.description,
    parameters: rule.parameters,
    colour: rule.colour,
    target: { kind: 'ALL', value: null },
    enabled: true,
    author: 'seed',
    reason: '默认监察规则',
  };
}

/** Seeds the default rules where they do not exist; run at every start, it changes nothing the second time. */
export async function seedDefaultRules(store: Store, at: Date = new Date()): Promise<number> {
  return store.transaction(async (tx) => {
    const repository = new RulesRepository(tx);
    let created = 0;
    for (const rule of DEFAULT_RULES) {
      const inserted = await repository.create(rule.code, defaultRuleContent(rule), at);
      if (inserted) created += 1;
    }
    return created;
  });
}
