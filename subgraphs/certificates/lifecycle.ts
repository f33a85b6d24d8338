import { appendAccess } from '../../lib/audit/accessLog.ts';
import { authorize } from '../../lib/auth/authorize.ts';
import { checkCertificateIdentifier, makeCertificateIdentifier } from '../../lib/codes/certificateId.ts';
import { checkUscc } from '../../lib/codes/uscc.ts';
import type { Queryable } from '../../lib/db/store.ts';
import { badUserInput, forbidden } from '../../lib/errors.ts';
import { chinaDate } from '../../lib/time.ts';
import type { Context } from './context.ts';
import { caseProblem, validateIssuance, validateReason, type IssuanceInput } from './issuance.ts';
import type { CertificateModel, IssuanceRecord, SealKeyModel, StoredStatus } from './models.ts';
import { CertificatesRepository } from './repository.ts';
import { sealedPayload, seal } from './seal.ts';
import { rotateSealKey as rotateKey, signingKey } from './sealKeys.ts';
import { CERTIFICATE_FIELDS } from './access.ts';

/**
 * The writes: issuance, replacement (换发), revocation (吊销/撤销), cancellation (注销), seal key
 * rotation. Each validates everything first, then writes the change and its access-log entry in one
 * transaction, so a refusal stores nothing and a change is never unlogged.
 */

/** Serials are the (type, issuer) sequence, zero-padded to 10 digits. */
export const SERIAL_DIGITS = 10;
const MAX_VERSION = 999;

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';

/** Gives the record its identifier, seals it with the issuer's current key and stores it. */
async function insertSealed(
  repository: CertificatesRepository,
  record: IssuanceRecord,
  lineage: { serial: string; version: number; supersedes: string | null },
  issuedBy: string,
  at: Date,
): Promise<CertificateModel> {
  const key = await signingKey(repository, record.issuer, at);
  const identifier = makeCertificateIdentifier({ typeCode: record.typeCode, issuerUscc: record.issuer, serial: lineage.serial, version: lineage.version });
  const sealedToken = await seal(sealedPayload({ ...record, identifier }), key);
  const certificate: CertificateModel = {
    ...record,
    identifier,
    serial: lineage.serial,
    version: lineage.version,
    status: 'ACTIVE',
    statusReason: null,
    statusChangedAt: null,
    statusChangedBy: null,
    supersedes: lineage.supersedes,
    supersededBy: null,
    sealKeyId: key.kid,
    sealedToken,
    issuedBy,
    createdAt: at.toISOString(),
    source: 'ISSUED',
  };
  await repository.insertCertificate(certificate);
  return certificate;
}

const written = (tx: Queryable, context: Context, identifier: string, fields: readonly string[]) =>
  appendAccess(tx, context.identity, { action: 'WRITE', resourceType: 'certificate', resourceId: identifier, fields }, context.now);

const alreadyIssued = (identifier: string) =>
  badUserInput('caseNumber', `already produced an active certificate of this type (${identifier}); replace or revoke that one instead`);

/** issueCertificate: by staff or the departmental system of an agency the type names as issuer. */
export async function issueCertificate(context: Context, input: IssuanceInput): Promise<CertificateModel> {
  const { principal } = context.identity;
  authorize(principal, 'certificate.issue');
  const issuer = principal.agency!;
  const at = context.now();
  const type = input.typeCode.length <= 21 ? await context.loaders.type.load(input.typeCode) : null;
  const record = validateIssuance(input, { type, issuer, today: chinaDate(at) });
  if (record.caseNumber !== null) {
    const problem = caseProblem(record, type!, await context.cases.caseFacts(record.caseNumber));
    if (problem !== null) throw problem;
  }
  let certificate: CertificateModel;
  try {
    certificate = await context.store.transaction(async (tx) => {
      const repository = new CertificatesRepository(tx);
      if (record.caseNumber !== null) {
        const existing = await repository.activeFromCase(record.caseNumber, record.typeCode);
        if (existing !== null) throw alreadyIssued(existing);
      }
      const serial = String(await repository.nextSerial(record.typeCode, record.issuer)).padStart(SERIAL_DIGITS, '0');
      const issued = await insertSealed(repository, record, { serial, version: 1, supersedes: null }, principal.subject, at);
      await written(tx, context, issued.identifier, CERTIFICATE_FIELDS);
      return issued;
    });
  } catch (error) {
    // Two issuances from one case raced past the check: the partial unique index let one through.
    if (isUniqueViolation(error) && record.caseNumber !== null) {
      throw alreadyIssued((await context.repository.activeFromCase(record.caseNumber, record.typeCode)) ?? 'issued concurrently');
    }
    throw error;
  }
  context.loaders.certificate.prime(certificate.identifier, certificate);
  return certificate;
}

/** The active certificate an agency acts on, after checking the identifier and the caller's right. */
async function activeCertificateFor(context: Context, operation: 'certificate.issue' | 'certificate.revoke', identifier: string, verb: string) {
  const { principal } = context.identity;
  authorize(principal, operation);
  const check = checkCertificateIdentifier(identifier);
  if (!check.ok) throw badUserInput('identifier', check.reason, '1.2.156.3005.2.{type}.{issuer}.{serial}.{version}.{check}');
  const [certificate] = await context.repository.certificatesByIdentifier([identifier]);
  if (certificate === undefined) throw badUserInput('identifier', 'is not a certificate issued here');
  authorize(principal, operation, { agency: certificate.issuer });
  if (certificate.status !== 'ACTIVE') {
    throw badUserInput('identifier', `is ${certificate.status.toLowerCase()}: only an active certificate can be ${verb}`);
  }
  return certificate;
}

/** revokeCertificate (吊销/撤销) and cancelCertificate (注销): the issuing agency, with a reason. */
export async function endCertificate(
  context: Context,
  identifier: string,
  reason: string,
  status: Extract<StoredStatus, 'REVOKED' | 'CANCELLED'>,
): Promise<CertificateModel> {
  const verb = status === 'REVOKED' ? 'revoked' : 'cancelled';
  const certificate = await activeCertificateFor(context, 'certificate.revoke', identifier, verb);
  const why = validateReason('reason', reason);
  const at = context.now();
  await context.store.transaction(async (tx) => {
    const changed = await new CertificatesRepository(tx).changeStatus(identifier, status, { reason: why, at: at.toISOString(), by: context.identity.principal.subject });
    if (!changed) throw badUserInput('identifier', `is no longer active: it changed while being ${verb}`);
    await written(tx, context, identifier, ['status']);
  });
  const [updated] = await context.repository.certificatesByIdentifier([identifier]);
  context.loaders.certificate.clear(identifier).prime(identifier, updated!);
  return updated!;
}

export interface ReplacementInput {
  surfaceData: Record<string, unknown>;
  validFrom: string;
  validUntil?: string | null;
  reason: string;
}

/**
 * replaceCertificate (换发, 变更): a new version under the same serial — a new identifier with its
 * own check character — issued today with the new surface data and validity; the old one becomes
 * SUPERSEDED and the two link to each other.
 */
export async function replaceCertificate(context: Context, identifier: string, input: ReplacementInput): Promise<CertificateModel> {
  const old = await activeCertificateFor(context, 'certificate.issue', identifier, 'replaced');
  const why = validateReason('reason', input.reason);
  if (old.version >= MAX_VERSION) throw badUserInput('identifier', `has reached version ${MAX_VERSION}, the last an identifier can carry`);
  const at = context.now();
  const type = await context.loaders.type.load(old.typeCode);
  const record = validateIssuance(
    {
      typeCode: old.typeCode,
      holder: old.holder,
      surfaceData: input.surfaceData,
      issuedOn: chinaDate(at),
      validFrom: input.validFrom,
      validUntil: input.validUntil ?? null,
      caseNumber: old.caseNumber,
      documentNumber: old.documentNumber,
    },
    { type, issuer: old.issuer, today: chinaDate(at) },
  );
  const by = context.identity.principal.subject;
  const replacement = await context.store.transaction(async (tx) => {
    const repository = new CertificatesRepository(tx);
    // The old one leaves ACTIVE first: a case keeps at most one active certificate of a type.
    const changed = await repository.changeStatus(old.identifier, 'SUPERSEDED', { reason: why, at: at.toISOString(), by });
    if (!changed) throw badUserInput('identifier', 'is no longer active: it changed while being replaced');
    const issued = await insertSealed(repository, record, { serial: old.serial, version: old.version + 1, supersedes: old.identifier }, by, at);
    await repository.linkSuccessor(old.identifier, issued.identifier);
    await written(tx, context, old.identifier, ['status']);
    await written(tx, context, issued.identifier, CERTIFICATE_FIELDS);
    return issued;
  });
  context.loaders.certificate.clear(old.identifier).prime(replacement.identifier, replacement);
  return replacement;
}

/** rotateSealKey: staff of the agency holding the APPROVE role (the one who signs off decisions). */
export async function rotateSealKey(context: Context, agency: string): Promise<SealKeyModel> {
  const { principal } = context.identity;
  authorize(principal, 'certificate.sealKey');
  const check = checkUscc(agency);
  if (!check.ok) throw badUserInput('agency', check.reason, 'an 18-character unified social credit code (GB 32100)');
  authorize(principal, 'certificate.sealKey', { agency });
  if (!principal.roles.includes('APPROVE')) throw forbidden('rotating a seal key needs the APPROVE role');
  const at = context.now();
  const key = await context.store.transaction(async (tx) => {
    const created = await rotateKey(new CertificatesRepository(tx), agency, at);
    await appendAccess(tx, context.identity, { action: 'WRITE', resourceType: 'seal_key', resourceId: created.kid, fields: [] }, context.now);
    return created;
  });
  return { kid: key.kid, agency: key.agency, algorithm: key.algorithm, createdAt: key.createdAt, retiredAt: key.retiredAt };
}
