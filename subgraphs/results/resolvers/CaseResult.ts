import { authorize } from '../../../lib/auth/authorize.ts';
import type { CaseResultResolvers } from '../generated/resolvers-types.ts';
import { deliveryMethodName, kindName } from './names.ts';

export const CaseResult: CaseResultResolvers = {
  // An entity so other subgraphs can add to a result (the certificates subgraph: the certificate it
  // produced). Reached only through Case.result, so it inherits the Case's authorization (Case.ts).
  async __resolveReference(reference, { identity, loaders }) {
    authorize(identity.principal, 'case.read');
    return loaders.result.load(reference.caseNumber);
  },
  // The catalog resolves the agency; this subgraph only names it.
  agency: (result) => ({ uscc: result.agency }),
  kindName,
  deliveryMethodName,
};
