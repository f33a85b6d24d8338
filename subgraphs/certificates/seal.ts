import { calculateJwkThumbprint, CompactSign, compactVerify, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { canonicalJson } from '../../lib/canonicalJson.ts';
import type { CertificateModel, HolderModel, IssuanceRecord } from './models.ts';

/**
 * The electronic seal (电子印章) of a certificate: a compact JWS, ES256, under the issuing agency's
 * seal key, over the canonical JSON (keys sorted, lib/canonicalJson.ts) of what the certificate
 * says. Anyone holding the agency's public key (the JWKS at /seals/jwks.json) can check it without
 * Tongban; docs/certificates.md shows how.
 */
export const SEAL_ALGORITHM = 'ES256';
export const SEAL_TYPE = 'tongban-certificate+jws';

/** What the seal covers: everything a certificate states, nothing about its later status. */
export interface SealedPayload {
  identifier: string;
  typeCode: string;
  holder: HolderModel;
  surfaceData: Record<string, unknown>;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  issuer: string;
}

export function sealedPayload(certificate: IssuanceRecord & { identifier: string }): SealedPayload {
  return {
    identifier: certificate.identifier,
    typeCode: certificate.typeCode,
    holder: { codeType: certificate.holder.codeType, code: certificate.holder.code, name: certificate.holder.name },
    surfaceData: certificate.surfaceData,
    issuedOn: certificate.issuedOn,
    validFrom: certificate.validFrom,
    validUntil: certificate.validUntil,
    issuer: certificate.issuer,
  };
}

/** The bytes the seal signs. */
export function canonicalPayload(payload: SealedPayload): string {
  return canonicalJson(payload);
}

export interface SigningSealKey {
  kid: string;
  privateJwk: JWK;
}

/** Seals a certificate's payload with the agency's current key: a compact JWS. */
export async function seal(payload: SealedPayload, key: SigningSealKey): Promise<string> {
  const privateKey = await importJWK(key.privateJwk, SEAL_ALGORITHM);
  return new CompactSign(new TextEncoder().encode(canonicalPayload(payload)))
    .setProtectedHeader({ alg: SEAL_ALGORITHM, kid: key.kid, typ: SEAL_TYPE })
    .sign(privateKey);
}

/** A new seal key pair for an agency; the kid is the RFC 7638 thumbprint of the public key. */
export async function generateSealKey(): Promise<{ kid: string; publicJwk: JWK; privateJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair(SEAL_ALGORITHM, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { kid, publicJwk: { ...publicJwk, kid, alg: SEAL_ALGORITHM, use: 'sig' }, privateJwk: { ...privateJwk, kid, alg: SEAL_ALGORITHM } };
}

export type OpenedSeal =
  | { ok: true; kid: string; payload: unknown; payloadText: string }
  | { ok: false; kind: 'MALFORMED' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE'; kid: string | null; reason: string };

/** Upper bound on a token verifyCertificate will look at; sealed certificates are a few kilobytes. */
export const MAX_TOKEN_LENGTH = 65_536;

/**
 * Checks a sealed token's form and signature with the public key its kid names (retired keys
 * included). Never throws: what went wrong is the answer.
 */
export async function openSeal(token: string, publicKeyOf: (kid: string) => Promise<JWK | null>): Promise<OpenedSeal> {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, kind: 'MALFORMED', kid: null, reason: `the token is longer than ${MAX_TOKEN_LENGTH} characters` };
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/.test(token)) {
    return { ok: false, kind: 'MALFORMED', kid: null, reason: 'not a compact JWS (three base64url parts separated by dots)' };
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { ok: false, kind: 'MALFORMED', kid: null, reason: 'the JWS header does not decode' };
  }
  const kid = typeof header.kid === 'string' ? header.kid : null;
  if (header.alg !== SEAL_ALGORITHM) return { ok: false, kind: 'MALFORMED', kid, reason: `the seal algorithm should be ${SEAL_ALGORITHM}` };
  if (header.typ !== SEAL_TYPE) return { ok: false, kind: 'MALFORMED', kid, reason: `the token type should be ${SEAL_TYPE}` };
  if (kid === null) return { ok: false, kind: 'MALFORMED', kid, reason: 'the JWS header names no key (kid)' };
  const jwk = await publicKeyOf(kid);
  if (jwk === null) return { ok: false, kind: 'UNKNOWN_KEY', kid, reason: 'sealed with a key that no issuing agency holds' };
  let payloadText: string;
  try {
    const key = await importJWK(jwk, SEAL_ALGORITHM);
    const verified = await compactVerify(token, key, { algorithms: [SEAL_ALGORITHM] });
    payloadText = new TextDecoder('utf-8', { fatal: true }).decode(verified.payload);
  } catch {
    return { ok: false, kind: 'BAD_SIGNATURE', kid, reason: 'the seal does not match the sealed data' };
  }
  try {
    return { ok: true, kid, payload: JSON.parse(payloadText), payloadText };
  } catch {
    return { ok: false, kind: 'MALFORMED', kid, reason: 'the sealed data is not JSON' };
  }
}

/** True when a sealed payload says exactly what the stored certificate says. */
export function payloadMatches(payload: unknown, certificate: CertificateModel): boolean {
  return canonicalJson(payload) === canonicalPayload(sealedPayload(certificate));
}
