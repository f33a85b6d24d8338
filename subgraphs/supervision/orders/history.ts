import type { Queryable } from '../../../lib/db/store.ts';
import type { SupervisionEvent } from '../history/merge.ts';
import { ORDER_ACTION_NAMES } from './machine.ts';
import { ORDER_STEPS, stepEventsOfCases } from '../workflow/steps.ts';

/**
 * Every step of the supervision orders on these cases (发起, 审核, 签收, 反馈, 办结 …) as history
 * entries, by case, oldest first; one statement. Orders are between supervision and the agency:
 * the entries carry the agency and no owners, so applicants never read them.
 */
export function orderStepsOfCases(db: Queryable, caseNumbers: readonly string[]): Promise<Map<string, SupervisionEvent[]>> {
  return stepEventsOfCases(db, ORDER_STEPS, caseNumbers, { kind: 'SUPERVISION_ORDER', label: '督办', names: ORDER_ACTION_NAMES });
}
