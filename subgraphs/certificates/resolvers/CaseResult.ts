import { authorize } from '../../../lib/auth/authorize.ts';
import { readable } from '../access.ts';
import type { CaseResultResolvers } from '../generated/resolvers-types.ts';

/**
 * CaseResult is the results subgraph's; this subgraph adds the certificate the case produced. The
 * gateway comes here only after the cases subgraph answered the case to the caller; the certificate
 * itself is still shown only to whom may read it (holder, issuing agency, auditors).
 */
export const CaseResult: CaseResultResolvers = {
  __resolveReference(reference, { identity }) {
    authorize(identity.principal, 'certificate.read');
    return { caseNumber: reference.caseNumber };
  },

  certificate: async (result, _args, context) => {
    const certificate = await context.loaders.certificateOfCase.load(result.caseNumber);
    if (certificate !== null) context.loaders.certificate.prime(certificate.identifier, certificate);
    return readable(context, certificate);
  },
};
