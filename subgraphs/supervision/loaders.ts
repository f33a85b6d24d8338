import type { InternalIdentity } from '../../lib/auth/internalToken.ts';
import type { Store } from '../../lib/db/store.ts';
import { alertLoaders, type AlertLoaders } from './alerts/loaders.ts';
import { complaintLoaders, type ComplaintLoaders } from './complaints/loaders.ts';
import { evaluationLoaders, type EvaluationLoaders } from './evaluations/loaders.ts';
import { historyLoaders, type HistoryLoaders } from './history/loaders.ts';
import { orderLoaders, type OrderLoaders } from './orders/loaders.ts';
import { ruleLoaders, type RuleLoaders } from './rules/loaders.ts';

/** The loaders of one request (one statement per batch), each area's from its own folder. */
export type SupervisionLoaders = RuleLoaders & AlertLoaders & OrderLoaders & ComplaintLoaders & EvaluationLoaders & HistoryLoaders;

/** Who the request is for and its clock: what the loaders that write the access log record. */
export interface LoaderReader {
  identity: InternalIdentity;
  now: () => Date;
}

export function createLoaders(store: Store, reader: LoaderReader): SupervisionLoaders {
  return {
    ...ruleLoaders(store),
    ...alertLoaders(store),
    ...orderLoaders(store),
    ...complaintLoaders(store, reader),
    ...evaluationLoaders(store),
    ...historyLoaders(store),
  };
}
