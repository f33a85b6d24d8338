import type { CertificateVerificationResolvers } from '../generated/resolvers-types.ts';

export const CertificateVerification: CertificateVerificationResolvers = {
  issuer: (verification) => (verification.issuer === null ? null : { uscc: verification.issuer }),
};
