import { chinaDate } from '../../../lib/time.ts';
import { readable } from '../access.ts';
import type { CertificateResolvers } from '../generated/resolvers-types.ts';
import type { CertificateModel, CertificateStatus } from '../models.ts';
import { printableHtml } from '../printable.ts';

/** Certificate.status: an active certificate past validUntil is EXPIRED (today in China). */
const statusOn = (certificate: CertificateModel, now: Date): CertificateStatus =>
  certificate.status === 'ACTIVE' && certificate.validUntil !== null && certificate.validUntil < chinaDate(now) ? 'EXPIRED' : certificate.status;

export const Certificate: CertificateResolvers = {
  /** The same rule as certificate(identifier): holder, issuing agency, auditors; null for anyone else. */
  async __resolveReference(reference, context) {
    return readable(context, await context.loaders.certificate.load(reference.identifier));
  },

  type: async (certificate, _args, { loaders }) => {
    const type = await loaders.type.load(certificate.typeCode);
    // The foreign key keeps every certificate's type; a missing one is a broken store.
    if (type === null) throw new Error(`certificate ${certificate.identifier}: type ${certificate.typeCode} is missing`);
    return type;
  },
  issuer: (certificate) => ({ uscc: certificate.issuer }),
  status: (certificate, _args, { now }) => statusOn(certificate, now()),
  /**
   * Whoever was given the certificate may print it: every way to a Certificate (certificate,
   * myCertificates, sharedCertificate, the entity reference) already decided, and logged, the read.
   */
  printableHtml: async (certificate, _args, { loaders, now, publicUrl }) =>
    printableHtml({ certificate, type: await loaders.type.load(certificate.typeCode), status: statusOn(certificate, now()), publicUrl }),
  supersedes: async (certificate, _args, context) =>
    certificate.supersedes === null ? null : readable(context, await context.loaders.certificate.load(certificate.supersedes)),
  supersededBy: async (certificate, _args, context) =>
    certificate.supersededBy === null ? null : readable(context, await context.loaders.certificate.load(certificate.supersededBy)),
};
