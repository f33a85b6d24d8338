import { authorize } from '../../../lib/auth/authorize.ts';
import { chinaDate } from '../../../lib/time.ts';
import { refusalError } from '../../cases/errors.ts';
import type { Context } from '../context.ts';
import type { ComplaintActionInput } from '../generated/resolvers-types.ts';
import { checkActable, commitAction } from '../workflow/act.ts';
import { dueAfter } from '../workflow/input.ts';
import { actorOf } from '../workflow/machine.ts';
import { actOnComplaint as applyAction, routes } from './machine.ts';
import type { ComplaintAction, ComplaintModel } from './model.ts';
import { complaintsById, updateComplaint } from './repository.ts';

/**
 * Moves a complaint, as actOnSupervisionOrder moves an order: the machine decides, the write is
 * conditional on the version read. A routing (ROUTE, or CONFIRM by a complainant not satisfied)
 * gives the agency COMPLAINT_ANSWER_WORKING_DAYS working days from today.
 */
export async function actOnComplaint(context: Context, id: string, action: ComplaintAction, input: ComplaintActionInput): Promise<ComplaintModel> {
  const { identity } = context;
  authorize(identity.principal, 'complaint.act');
  const [found] = await complaintsById(context.store, [id]);
  const complaint = checkActable(found, id, 'complaint', input.expectedVersion, (complaint) =>
    authorize(identity.principal, 'complaint.act', { owners: complaint.complainantCodes, agency: complaint.agency }),
  );
  const now = context.now();
  const routing = routes(action, input.satisfied)
    ? dueAfter(await context.sources.calendar.current(), chinaDate(now), context.settings.complaintAnswerWorkingDays)
    : null;
  const outcome = applyAction(complaint, action, actorOf(identity.principal), input, now.toISOString(), routing && { dueOn: routing.dueOn, calendarVersion: routing.calendarVersion });
  if (!outcome.ok) throw refusalError(outcome);
  await commitAction(
    context,
    'complaint',
    complaint,
    action,
    input.expectedVersion,
    (tx) => updateComplaint(tx, complaint.id, complaint.version, outcome.change, outcome.step),
    async () => (await complaintsById(context.store, [id]))[0]?.version,
  );
  context.loaders.complaint.clear(complaint.id);
  context.loaders.complaintSteps.clear(complaint.id);
  return { ...complaint, ...outcome.change };
}
