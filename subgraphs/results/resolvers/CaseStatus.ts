import { authorize } from '../../../lib/auth/authorize.ts';
import type { CaseStatusResolvers } from '../generated/resolvers-types.ts';

/**
 * 结果反馈: the cases subgraph answers caseStatus only to a caller holding the case number and the
 * applicant's ID number; the result part comes from here and carries no personal data and no
 * opinion, so it needs no more than the public 'case.status' right.
 */
export const CaseStatus: CaseStatusResolvers = {
  __resolveReference(reference, { identity }) {
    authorize(identity.principal, 'case.status');
    return { caseNumber: reference.caseNumber };
  },

  result: (entity, _args, { loaders }) => loaders.result.load(entity.caseNumber),
};
