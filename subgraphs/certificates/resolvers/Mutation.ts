import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { importCertificates } from '../importing.ts';
import { endCertificate, issueCertificate, replaceCertificate, rotateSealKey } from '../lifecycle.ts';

export const Mutation: MutationResolvers = {
  issueCertificate: (_parent, { input }, context) => issueCertificate(context, input),
  revokeCertificate: (_parent, { identifier, reason }, context) => endCertificate(context, identifier, reason, 'REVOKED'),
  cancelCertificate: (_parent, { identifier, reason }, context) => endCertificate(context, identifier, reason, 'CANCELLED'),
  replaceCertificate: (_parent, { identifier, input }, context) => replaceCertificate(context, identifier, input),
  rotateSealKey: (_parent, { agency }, context) => rotateSealKey(context, agency),
  importCertificates: (_parent, { format, content }, context) => importCertificates(context, format, content),
};
