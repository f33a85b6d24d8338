import DataLoader from 'dataloader';
import { appendAccessBatch } from '../../../lib/audit/accessLog.ts';
import type { InternalIdentity } from '../../../lib/auth/internalToken.ts';
import type { Store } from '../../../lib/db/store.ts';
import { groupBy } from '../workflow/group.ts';
import type { ComplaintModel, ComplaintStepModel } from './model.ts';
import { complainantRead } from './access.ts';
import { complaintSteps, complaintsById, complaintsOfCases } from './repository.ts';

/** The complaint loaders of one request; one statement per batch. */
export interface ComplaintLoaders {
  complaint: DataLoader<string, ComplaintModel | null>;
  /** Case.complaints: every complaint about the case, oldest first (the resolver keeps what the reader may see). */
  complaintsByCase: DataLoader<string, ComplaintModel[]>;
  complaintSteps: DataLoader<string, ComplaintStepModel[]>;
  /**
   * Logs that the reader saw these complaints' complainant: one access-log transaction for all the
   * complaints a request's resolvers log in the same tick (Case.complaints over a list of cases),
   * not one per case. Not cached: every read is logged.
   */
  complainantReads: DataLoader<ComplaintModel, true>;
}

export function complaintLoaders(store: Store, reader: { identity: InternalIdentity; now: () => Date }): ComplaintLoaders {
  return {
    complaint: new DataLoader(async (ids) => {
      const found = new Map((await complaintsById(store, ids)).map((complaint) => [complaint.id, complaint]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    complaintsByCase: new DataLoader(async (caseNumbers) => groupBy(await complaintsOfCases(store, caseNumbers), caseNumbers, (complaint) => complaint.caseNumber)),
    complaintSteps: new DataLoader(async (ids) => {
      const found = await complaintSteps(store, ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    complainantReads: new DataLoader(
      async (complaints) => {
        await store.transaction((tx) => appendAccessBatch(tx, reader.identity, complaints.map(complainantRead), reader.now()));
        return complaints.map(() => true as const);
      },
      { cache: false },
    ),
  };
}
