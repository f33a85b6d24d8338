import { appendAccess } from '../../../lib/audit/accessLog.ts';
import { authorize } from '../../../lib/auth/authorize.ts';
import { badUserInput, forbidden } from '../../../lib/errors.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { normalizeResultInput, payloadDigest } from '../input.ts';
import { ResultsRepository } from '../repository.ts';

/** The one subgraph that records results: it completes cases and delivers them from its outbox. */
export const RECORDING_SERVICE = 'cases';

export const Mutation: MutationResolvers = {
  /**
   * The cases subgraph delivers a completed case's result at least once (its outbox retries until
   * it hears back), so a redelivery must change nothing and answer what the first one stored. A
   * result is never changed afterwards: a different payload for a recorded case is a fault of the
   * caller, refused so that neither version is silently lost.
   */
  async recordCaseResult(_parent, { input }, { identity, store, loaders }) {
    authorize(identity.principal, 'result.record');
    if (identity.principal.subject !== RECORDING_SERVICE) {
      throw forbidden(`only the ${RECORDING_SERVICE} subgraph records case results`);
    }
    const record = normalizeResultInput(input);
    const digest = payloadDigest(record);
    const { stored } = await store.transaction(async (tx) => {
      const outcome = await new ResultsRepository(tx).insertOnce(record, digest);
      // The write and its audit entry commit together; a redelivery writes nothing and logs nothing.
      if (outcome.inserted) {
        await appendAccess(tx, identity, {
          action: 'WRITE',
          resourceType: 'case_result',
          resourceId: record.caseNumber,
          fields: ['applicantName'],
        });
      }
      return outcome;
    });
    if (stored.payloadSha256 !== digest) {
      throw badUserInput('caseNumber', 'a different result is already recorded for this case');
    }
    loaders.result.prime(stored.result.caseNumber, stored.result);
    return stored.result;
  },
};
