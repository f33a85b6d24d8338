import type { CertificateTypeResolvers } from '../generated/resolvers-types.ts';

export const CertificateType: CertificateTypeResolvers = {
  // The catalog resolves the agencies; this subgraph only names them.
  issuingAgencies: (type) => type.issuingAgencies.map((uscc) => ({ uscc })),
};
