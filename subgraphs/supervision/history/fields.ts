import type { SupervisedCase } from '../cases/projection.ts';
import type { EvaluationEvent } from '../evaluations/history.ts';
import type { CaseResolvers } from '../generated/resolvers-types.ts';
import { alertEvents } from './alerts.ts';
import { mergeHistory, visibleEvents, type SupervisionEvent } from './merge.ts';

/**
 * Case.history (全过程再现): the process records the gateway brings from the cases subgraph
 * (@requires), merged in time order with what supervision knows of the case — alerts, supervision
 * orders, complaints, evaluations — as far as the caller may read it (merge.ts visibleEvents).
 * Case.__resolveReference has checked 'case.read'.
 */
export const caseHistoryFields: Pick<CaseResolvers, 'history'> = {
  async history(parent, _args, context) {
    const [alerts, steps, evaluations, supervised] = await Promise.all([
      context.loaders.alertsByCase.load(parent.caseNumber),
      context.loaders.stepEventsByCase.load(parent.caseNumber),
      context.loaders.evaluationEventsByCase.load(parent.caseNumber),
      context.loaders.supervisedCase.load(parent.caseNumber),
    ]);
    const events = [...alerts.flatMap(alertEvents), ...steps, ...evaluations.map((event) => evaluationEvent(event, supervised))];
    return mergeHistory(parent.records ?? [], visibleEvents(context.identity.principal, events).map((event) => event.entry));
  },
};

/**
 * An evaluation is given by the case's applicant (or their agent) about the case's owning agency
 * (the evaluation copies both from the case's facts), so the case says who reads its 好差评 events.
 * A case supervision has not observed leaves them to auditors.
 */
function evaluationEvent(event: EvaluationEvent, supervised: SupervisedCase | null): SupervisionEvent {
  const { caseNumber: _caseNumber, ...entry } = event;
  if (supervised === null) return { entry, agency: '', owners: [] };
  return { entry, agency: supervised.agency, owners: [supervised.applicantIdNumber, ...(supervised.agentIdNumber ? [supervised.agentIdNumber] : [])] };
}
