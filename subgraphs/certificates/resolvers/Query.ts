import { accessLogPage, accessLogVerification } from '../../../lib/audit/resolvers.ts';
import { authorize } from '../../../lib/auth/authorize.ts';
import { checkCertificateIdentifier } from '../../../lib/codes/certificateId.ts';
import { badUserInput } from '../../../lib/errors.ts';
import { decodeCursor, encodeCursor, fetchPage, pageSize } from '../../../lib/graphql/pagination.ts';
import { chinaDate } from '../../../lib/time.ts';
import { holderCodesOf, readable } from '../access.ts';
import type { Context } from '../context.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import type { CertificateModel } from '../models.ts';
import type { WalletPosition } from '../repository.ts';
import { myCertificateReads, sharedCertificate } from '../sharing.ts';
import { verifyCertificate, type VerificationSources } from '../verification.ts';

/** A wallet cursor is `<createdAt>|<identifier>`: the sort key of the last certificate seen. */
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|(1\.2\.156\.3005\.2\..{1,150})$/;
const cursorOf = (certificate: CertificateModel) => encodeCursor(`${certificate.createdAt}|${certificate.identifier}`);

function position(key: string | null): WalletPosition | null {
  if (key === null) return null;
  const [, createdAt, identifier] = CURSOR.exec(key)!;
  return { createdAt: createdAt!, identifier: identifier! };
}

/** What verification reads, through this request's loaders. */
export function verificationSources(context: Context): VerificationSources {
  return {
    certificate: (identifier) => context.loaders.certificate.load(identifier),
    publicKey: (kid) => context.loaders.sealPublicKey.load(kid),
    typeName: async (typeCode) => (await context.loaders.type.load(typeCode))?.name ?? null,
    today: chinaDate(context.now()),
  };
}

export const Query: QueryResolvers = {
  certificatesAccessLog: (_parent, args, context) => accessLogPage(context, args),
  verifyCertificatesAccessLog: (_parent, _args, context) => accessLogVerification(context),

  certificateTypes(_parent, _args, { identity, repository }) {
    authorize(identity.principal, 'certificate.types');
    return repository.allTypes();
  },

  certificateType(_parent, { typeCode }, { identity, loaders }) {
    authorize(identity.principal, 'certificate.types');
    return typeCode.length > 21 ? null : loaders.type.load(typeCode);
  },

  async certificate(_parent, { identifier }, context) {
    authorize(context.identity.principal, 'certificate.read');
    const check = checkCertificateIdentifier(identifier);
    if (!check.ok) throw badUserInput('identifier', check.reason, '1.2.156.3005.2.{type}.{issuer}.{serial}.{version}.{check}');
    return readable(context, await context.loaders.certificate.load(identifier));
  },

  /** The holder's wallet: by citizen ID (natural person) or USCC (legal person), and whom an agent acts for. */
  async myCertificates(_parent, { first, after, includeInactive }, context) {
    const { principal } = context.identity;
    authorize(principal, 'certificate.readOwn');
    const size = pageSize(first);
    const from = position(decodeCursor(after, (key) => CURSOR.test(key) && !Number.isNaN(Date.parse(key.slice(0, 24)))));
    const holders = holderCodesOf(principal);
    const page = await fetchPage(size, (limit) =>
      holders.length === 0 ? Promise.resolve([]) : context.repository.wallet(holders, !includeInactive, limit, from),
    );
    const nodes: CertificateModel[] = [];
    for (const certificate of page.nodes) {
      context.loaders.certificate.prime(certificate.identifier, certificate);
      const shown = await readable(context, certificate);
      if (shown !== null) nodes.push(shown);
    }
    return { nodes, hasNextPage: page.hasNextPage, cursorOf };
  },

  /** Public and never an error: a malformed identifier or token is INVALID with a reason. */
  verifyCertificate(_parent, args, context) {
    authorize(context.identity.principal, 'certificate.verify');
    return verifyCertificate(args, verificationSources(context));
  },

  /** 减材料: staff, for an open case of their agency whose applicant holds the certificate, with a purpose. */
  sharedCertificate: (_parent, { identifier, caseNumber, purpose }, context) => sharedCertificate(context, identifier, caseNumber, purpose),

  /** Who read the holder's certificates for a purpose, newest first. */
  myCertificateReads: (_parent, { first, after }, context) => myCertificateReads(context, first, after),
};
