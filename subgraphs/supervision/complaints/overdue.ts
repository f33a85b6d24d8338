import type { ClockTask } from '../alerts/types.ts';
import { answeredLate, overdueTask } from '../workflow/overdue.ts';
import type { ComplaintModel } from './model.ts';
import { COMPLAINT_COLUMNS, toComplaint } from './repository.ts';

/** With the agency past its answer day, or answered after it. */
export function complaintOverdue(complaint: Pick<ComplaintModel, 'state' | 'answerDueOn' | 'answeredAt'>, today: string): boolean {
  if (complaint.answerDueOn === null) return false;
  if (complaint.state === 'ROUTED') return today > complaint.answerDueOn;
  return answeredLate(complaint.answeredAt, complaint.answerDueOn);
}

/**
 * The clock's part for complaints: each complaint routed to an agency and unanswered past its
 * answer day raises one SUPERVISION_OVERDUE alert per answer period (occasion `due:<day>`).
 */
export const overdueComplaints: ClockTask = overdueTask({
  table: 'complaint',
  dueColumn: 'answer_due_on',
  awaiting: "state = 'ROUTED'",
  columns: COMPLAINT_COLUMNS,
  toAlert(row) {
    const complaint = toComplaint(row);
    const dueOn = complaint.answerDueOn!;
    return {
      id: complaint.id,
      dueOn,
      calendarVersion: complaint.calendarVersion!,
      kind: 'COMPLAINT',
      target: { agency: complaint.agency, region: complaint.region, implementationCode: complaint.implementationCode, itemType: complaint.itemType },
      caseNumber: complaint.caseNumber,
      message: `投诉件 ${complaint.number} 已超过答复期限 ${dueOn}，被投诉单位尚未答复`,
      evidence: { complaintNumber: complaint.number, dueOn },
    };
  },
});
