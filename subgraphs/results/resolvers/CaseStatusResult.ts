import type { CaseStatusResultResolvers } from '../generated/resolvers-types.ts';
import { kindName } from './names.ts';

/** Only the fields of the schema leave: no opinion, no reason, no applicant. */
export const CaseStatusResult: CaseStatusResultResolvers = {
  kindName,
};
