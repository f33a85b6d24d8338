import DataLoader from 'dataloader';
import type { Store } from '../../../lib/db/store.ts';
import { groupBy } from '../workflow/group.ts';
import type { ComplaintModel, ComplaintStepModel } from './model.ts';
import { complaintSteps, complaintsById, complaintsOfCases } from './repository.ts';

/** The complaint loaders of one request; one statement per batch. */
export interface ComplaintLoaders {
  complaint: DataLoader<string, ComplaintModel | null>;
  /** Case.complaints: every complaint about the case, oldest first (the resolver keeps what the reader may see). */
  complaintsByCase: DataLoader<string, ComplaintModel[]>;
  complaintSteps: DataLoader<string, ComplaintStepModel[]>;
}

export function complaintLoaders(store: Store): ComplaintLoaders {
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
  };
}
