import type { JWK } from 'jose';
import { checkCertificateIdentifier } from '../../lib/codes/certificateId.ts';
import type { CertificateModel, VerificationModel, VerificationStatus } from './models.ts';
import { openSeal, payloadMatches } from './seal.ts';

/**
 * verifyCertificate: what anyone holding an identifier or a sealed token learns — whether the
 * certificate is genuine and in force, who issued it with which seal key, the type's name and the
 * validity. Never a holder or surface data, and never an error: malformed input is INVALID with a
 * reason.
 */
export const MAX_IDENTIFIER_LENGTH = 200;

export interface VerificationSources {
  certificate(identifier: string): Promise<CertificateModel | null>;
  /** A seal's public key by kid, retired keys included; null for a kid no agency holds. */
  publicKey(kid: string): Promise<JWK | null>;
  typeName(typeCode: string): Promise<string | null>;
  /** Today in China, YYYY-MM-DD. */
  today: string;
}

const STATUS_REASONS: Record<'REVOKED' | 'CANCELLED' | 'SUPERSEDED', string> = {
  REVOKED: '已吊销/撤销',
  CANCELLED: '已注销',
  SUPERSEDED: '已换发: a newer version replaces it',
};

function answer(status: VerificationStatus, reason: string, today: string, extra: Partial<VerificationModel> = {}): VerificationModel {
  return {
    status,
    reason,
    identifier: null,
    issuer: null,
    sealKeyId: null,
    typeName: null,
    validFrom: null,
    validUntil: null,
    supersededBy: null,
    checkedOn: today,
    ...extra,
  };
}

/** The answer for a genuine certificate: its stored status, then its validity on `today`. */
async function statusOf(certificate: CertificateModel, sources: VerificationSources): Promise<VerificationModel> {
  const details: Partial<VerificationModel> = {
    identifier: certificate.identifier,
    issuer: certificate.issuer,
    sealKeyId: certificate.sealKeyId,
    typeName: await sources.typeName(certificate.typeCode),
    validFrom: certificate.validFrom,
    validUntil: certificate.validUntil,
    supersededBy: certificate.supersededBy,
  };
  const { today } = sources;
  if (certificate.status !== 'ACTIVE') {
    const reason = `${STATUS_REASONS[certificate.status]}${certificate.statusChangedAt ? ` on ${certificate.statusChangedAt}` : ''}${certificate.statusReason ? `: ${certificate.statusReason}` : ''}`;
    return answer(certificate.status, reason, today, details);
  }
  if (certificate.validFrom > today) return answer('NOT_YET_VALID', `valid from ${certificate.validFrom}`, today, details);
  if (certificate.validUntil !== null && certificate.validUntil < today) return answer('EXPIRED', `expired after ${certificate.validUntil}`, today, details);
  return answer('VALID', certificate.validUntil === null ? 'genuine and in force until revoked or cancelled' : `genuine and in force until ${certificate.validUntil}`, today, details);
}

/** The stored certificate still carries a seal that matches what the row says (someone editing the table breaks it). */
async function storedSealHolds(certificate: CertificateModel, sources: VerificationSources): Promise<boolean> {
  const opened = await openSeal(certificate.sealedToken, sources.publicKey);
  return opened.ok && opened.kid === certificate.sealKeyId && payloadMatches(opened.payload, certificate);
}

export async function verifyByIdentifier(identifier: string, sources: VerificationSources): Promise<VerificationModel> {
  const { today } = sources;
  if (identifier.length > MAX_IDENTIFIER_LENGTH) return answer('INVALID', `the identifier is longer than ${MAX_IDENTIFIER_LENGTH} characters`, today);
  const check = checkCertificateIdentifier(identifier);
  if (!check.ok) return answer('INVALID', `not a certificate identifier: ${check.reason}`, today);
  const certificate = await sources.certificate(identifier);
  if (certificate === null) return answer('UNKNOWN', 'no certificate with this identifier was issued here', today, { identifier });
  if (!(await storedSealHolds(certificate, sources))) {
    return answer('TAMPERED', 'the stored certificate no longer matches its seal', today, { identifier, sealKeyId: certificate.sealKeyId });
  }
  return statusOf(certificate, sources);
}

export async function verifyByToken(token: string, sources: VerificationSources): Promise<VerificationModel> {
  const { today } = sources;
  const opened = await openSeal(token.trim(), sources.publicKey);
  if (!opened.ok) {
    return opened.kind === 'MALFORMED'
      ? answer('INVALID', opened.reason, today, { sealKeyId: opened.kid })
      : answer('TAMPERED', opened.reason, today, { sealKeyId: opened.kid });
  }
  const payload = opened.payload as { identifier?: unknown } | null;
  const identifier = payload !== null && typeof payload === 'object' ? payload.identifier : undefined;
  if (typeof identifier !== 'string') return answer('INVALID', 'the sealed data names no identifier', today, { sealKeyId: opened.kid });
  const check = checkCertificateIdentifier(identifier);
  if (!check.ok) return answer('INVALID', `the sealed identifier is malformed: ${check.reason}`, today, { sealKeyId: opened.kid });
  const certificate = await sources.certificate(identifier);
  if (certificate === null) return answer('UNKNOWN', 'no certificate with this identifier was issued here', today, { identifier, sealKeyId: opened.kid });
  if (certificate.sealKeyId !== opened.kid || !payloadMatches(opened.payload, certificate) || !(await storedSealHolds(certificate, sources))) {
    return answer('TAMPERED', 'the sealed data does not match the certificate as issued', today, { identifier, sealKeyId: opened.kid });
  }
  return statusOf(certificate, sources);
}

/** Exactly one of identifier and token. */
export async function verifyCertificate(
  args: { identifier?: string | null | undefined; token?: string | null | undefined },
  sources: VerificationSources,
): Promise<VerificationModel> {
  const identifier = args.identifier ?? null;
  const token = args.token ?? null;
  if ((identifier === null) === (token === null)) return answer('INVALID', 'give exactly one of identifier and token', sources.today);
  return identifier !== null ? verifyByIdentifier(identifier.trim(), sources) : verifyByToken(token!, sources);
}
