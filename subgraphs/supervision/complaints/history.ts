import type { Queryable } from '../../../lib/db/store.ts';
import type { SupervisionEvent } from '../history/merge.ts';
import { COMPLAINT_STEPS, stepEventsOfCases } from '../workflow/steps.ts';
import { COMPLAINT_ACTION_NAMES } from './machine.ts';

/**
 * Every step of the complaints about these cases (登记, 受理, 转办, 答复, 回访, 确认) as history
 * entries, by case, oldest first; one statement. Each carries the agency complained about and the
 * complainant's identity codes, so the complainant reads their own and the agency its own; steps the
 * complainant took name them 投诉人, never by name (staff read complainants masked).
 */
export function complaintStepsOfCases(db: Queryable, caseNumbers: readonly string[]): Promise<Map<string, SupervisionEvent[]>> {
  return stepEventsOfCases(db, COMPLAINT_STEPS, caseNumbers, { kind: 'COMPLAINT', label: '投诉', names: COMPLAINT_ACTION_NAMES });
}
