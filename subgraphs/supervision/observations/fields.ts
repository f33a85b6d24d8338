import { authorize } from '../../../lib/auth/authorize.ts';
import type { Principal } from '../../../lib/auth/principal.ts';
import { forbidden } from '../../../lib/errors.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { ingestCaseObservation, ingestExchangeReport } from './ingest.ts';
import { validateCaseObservation, validateExchangeReport } from './validate.ts';

/** Who reports what: case writes come from the cases subgraph, unapplied pushes from the exchange service. */
export const OBSERVERS = { case: 'cases', exchange: 'exchange' } as const;

function assertObserver(principal: Principal, service: string): void {
  authorize(principal, 'supervision.observe');
  if (principal.subject !== service) throw forbidden(`only the ${service} service reports this to supervision`);
}

export const observationMutations: Pick<MutationResolvers, 'recordCaseObservation' | 'recordExchangeReport'> = {
  async recordCaseObservation(_parent, { observation }, { identity, store, sources, now }) {
    assertObserver(identity.principal, OBSERVERS.case);
    return ingestCaseObservation({ store, sources, now, identity }, validateCaseObservation(observation));
  },
  async recordExchangeReport(_parent, { report }, { identity, store, sources, now }) {
    assertObserver(identity.principal, OBSERVERS.exchange);
    return ingestExchangeReport({ store, sources, now, identity }, validateExchangeReport(report));
  },
};
