import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The harness only starts the subgraph and issues a certificate; the verification below uses
// nothing but `jose` and what a third party has: the token and the published JWKS.
import { drivingInput, hotelCase, hotelInput, policeStaff, startCertificatesHarness, type CertificatesHarness } from './testSupport.ts';

/** Sorted-key JSON, written here rather than imported: a verifier needs no Tongban code. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${sortedJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

interface OfflineResult {
  ok: boolean;
  reason?: string;
  certificate?: { identifier: string; issuer: string; typeCode: string; holder: { codeType: string; code: string; name: string }; validUntil: string | null };
}

/**
 * What a bank, a landlord or another province's system runs offline: the seal verifies under the
 * published key its kid names, the key belongs to the agency the certificate names as issuer, the
 * token says it is a Tongban certificate, and the signed bytes are the canonical JSON of the data.
 */
async function verifyOffline(token: string, jwks: JSONWebKeySet): Promise<OfflineResult> {
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { ok: false, reason: 'not a JWS' };
  }
  if (header.typ !== 'tongban-certificate+jws' || header.alg !== 'ES256') return { ok: false, reason: 'not a sealed certificate' };
  const published = jwks.keys.find((key) => key.kid === header.kid);
  if (published === undefined) return { ok: false, reason: 'unknown seal key' };
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(token, createLocalJWKSet(jwks), { algorithms: ['ES256'] }));
  } catch {
    return { ok: false, reason: 'seal does not match' };
  }
  const text = new TextDecoder().decode(payload);
  const data = JSON.parse(text);
  if (sortedJson(data) !== text) return { ok: false, reason: 'payload is not in canonical form' };
  if ((published as Record<string, unknown>)['agency'] !== data.issuer) return { ok: false, reason: 'sealed by another agency than the issuer' };
  return { ok: true, certificate: data };
}

describe('a third party verifies a sealed certificate offline with jose and the published JWKS', () => {
  let h: CertificatesHarness;
  let hotel: any;
  let licence: any;
  let jwks: JSONWebKeySet;
  beforeAll(async () => {
    h = await startCertificatesHarness('pglite');
    h.cases.set(hotelCase(1).caseNumber, hotelCase(1));
    hotel = await h.issue(policeStaff, hotelInput(1));
    licence = await h.issue(policeStaff, drivingInput());
    const response = await h.get('/seals/jwks.json');
    expect(response.status).toBe(200);
    jwks = response.body;
  });
  afterAll(async () => h?.close());

  it('accepts a genuine certificate and reads what it says', async () => {
    for (const certificate of [hotel, licence]) {
      const result = await verifyOffline(certificate.sealedToken, jwks);
      expect(result.ok).toBe(true);
      expect(result.certificate).toMatchObject({
        identifier: certificate.identifier,
        issuer: certificate.issuer.uscc,
        typeCode: certificate.type.typeCode,
        holder: certificate.holder,
        validUntil: certificate.validUntil,
      });
    }
  });

  it('rejects a token whose payload was changed by one character', async () => {
    const [header, payload, signature] = hotel.sealedToken.split('.');
    const i = Math.floor(payload.length / 2);
    const changed = `${header}.${payload.slice(0, i)}${payload[i] === 'A' ? 'B' : 'A'}${payload.slice(i + 1)}.${signature}`;
    expect(await verifyOffline(changed, jwks)).toEqual({ ok: false, reason: 'seal does not match' });
  });

  it('rejects a seal key the JWKS does not publish, and garbage', async () => {
    expect((await verifyOffline(hotel.sealedToken, { keys: [] })).reason).toBe('unknown seal key');
    expect((await verifyOffline('garbage', jwks)).ok).toBe(false);
  });

  it('still verifies after the agency rotates its seal key (the retired key stays published)', async () => {
    const rotated = await h.post(policeStaff, 'mutation($a: ID!) { rotateSealKey(agency: $a) { kid } }', { a: policeStaff.agency });
    expect(rotated.body.errors).toBeUndefined();
    const fresh = (await h.get('/seals/jwks.json')).body as JSONWebKeySet;
    expect(fresh.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([hotel.sealKeyId, rotated.body.data.rotateSealKey.kid]));
    expect((await verifyOffline(hotel.sealedToken, fresh)).ok).toBe(true);
  });
});
