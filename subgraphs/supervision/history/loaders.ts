import DataLoader from 'dataloader';
import type { Store } from '../../../lib/db/store.ts';
import { complaintStepsOfCases } from '../complaints/history.ts';
import { evaluationEventsOfCases, type EvaluationEvent } from '../evaluations/history.ts';
import { orderStepsOfCases } from '../orders/history.ts';
import type { SupervisionEvent } from './merge.ts';

/**
 * The history loaders of one request: what Case.history needs beyond the loaders other fields share
 * (alertsByCase, supervisedCase). One batch of statements for all the cases of a request.
 */
export interface HistoryLoaders {
  /** The steps of a case's supervision orders and complaints, with who may read each. */
  stepEventsByCase: DataLoader<string, SupervisionEvent[]>;
  /** A case's 好差评 events: evaluations given, rectification tasks, appeals. */
  evaluationEventsByCase: DataLoader<string, EvaluationEvent[]>;
}

export function historyLoaders(store: Store): HistoryLoaders {
  return {
    stepEventsByCase: new DataLoader(async (caseNumbers) => {
      const [orders, complaints] = await Promise.all([orderStepsOfCases(store, caseNumbers), complaintStepsOfCases(store, caseNumbers)]);
      return caseNumbers.map((caseNumber) => [...(orders.get(caseNumber) ?? []), ...(complaints.get(caseNumber) ?? [])]);
    }),
    evaluationEventsByCase: new DataLoader(async (caseNumbers) => {
      const byCase = new Map<string, EvaluationEvent[]>(caseNumbers.map((caseNumber) => [caseNumber, []]));
      for (const event of await evaluationEventsOfCases(store, caseNumbers)) byCase.get(event.caseNumber)?.push(event);
      return caseNumbers.map((caseNumber) => byCase.get(caseNumber)!);
    }),
  };
}
