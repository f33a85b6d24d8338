import { authorize } from '../../../lib/auth/authorize.ts';
import type { CaseResolvers } from '../generated/resolvers-types.ts';

/**
 * Case.result inherits the Case's authorization. The cases subgraph owns the case and decides who
 * may read it (the applicant, the agencies handling it, auditors); the gateway asks this subgraph
 * for a Case's result only after the cases subgraph has answered that Case to the same caller,
 * and no client can reach `_entities` (a subgraph answers only internal tokens). What is checked
 * here is the part of 'case.read' that needs no knowledge of the case: the kinds of principal that
 * may never read one get nothing, even if a future query path leaked a Case reference to them.
 */
export const Case: CaseResolvers = {
  __resolveReference(reference, { identity }) {
    authorize(identity.principal, 'case.read');
    return { caseNumber: reference.caseNumber };
  },

  result: (entity, _args, { loaders }) => loaders.result.load(entity.caseNumber),
};
