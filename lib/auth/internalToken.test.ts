import type { JSONWebKeySet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createInternalSigner,
  createInternalVerifier,
  generateInternalKeyPair,
  InternalTokenError,
  servicePrincipal,
  type InternalIdentity,
  type InternalKeyPair,
} from './internalToken.ts';
import { ANONYMOUS, type Principal } from './principal.ts';

const meta = { clientIp: null, purpose: null };
/** The `svc` member of a JWK (not a registered JWK parameter, so jose's type does not name it). */
const svcOf = (jwk: object) => (jwk as Record<string, unknown>)['svc'];
const as = (principal: Principal): InternalIdentity => ({ principal, meta });
const AUDITOR: Principal = { ...ANONYMOUS, kind: 'AUDITOR', subject: 'auditor-1', name: '审计员' };
const CITIZEN: Principal = { ...ANONYMOUS, kind: 'NATURAL_PERSON', subject: 'citizen-1', idNumber: '11010519491231002X' };

/**
 * Whose word a subgraph takes for whom: the gateway's key vouches for users (and anonymous callers)
 * and never for a SERVICE; a subgraph's own service key (its JWK carries `svc`) vouches only for
 * { kind: SERVICE, subject: <svc> } — never for a user, never for another service.
 */
describe('internal tokens and service keys', () => {
  let gateway: InternalKeyPair;
  let cases: InternalKeyPair;
  let results: InternalKeyPair;
  let keys: JSONWebKeySet;
  const sign = async (pair: InternalKeyPair, identity: InternalIdentity) => (await createInternalSigner(pair.privateJwk, 60)).sign(identity);

  beforeAll(async () => {
    gateway = await generateInternalKeyPair();
    cases = await generateInternalKeyPair('cases');
    results = await generateInternalKeyPair('results');
    // What a subgraph verifies with: the gateway's public key and both services' public keys.
    keys = { keys: [...gateway.publicJwks.keys, ...cases.publicJwks.keys, ...results.publicJwks.keys] };
  });

  const refusal = async (token: string, verifierKeys: JSONWebKeySet = keys) => {
    try {
      await createInternalVerifier(verifierKeys).verify(token);
    } catch (error) {
      return error;
    }
    throw new Error('the token was accepted');
  };

  it('marks a service key with svc, on both halves; the gateway key has none', () => {
    expect(svcOf(cases.privateJwk)).toBe('cases');
    expect(cases.publicJwks.keys).toEqual([expect.objectContaining({ svc: 'cases', kid: cases.privateJwk.kid, alg: 'ES256', use: 'sig' })]);
    expect(cases.publicJwks.keys[0]!['d']).toBeUndefined();
    expect(svcOf(gateway.privateJwk)).toBeUndefined();
    expect(svcOf(gateway.publicJwks.keys[0]!)).toBeUndefined();
    expect(cases.privateJwk.kid).not.toBe(results.privateJwk.kid);
  });

  it('names the service as a SERVICE principal', () => {
    expect(servicePrincipal('cases')).toEqual({ ...ANONYMOUS, kind: 'SERVICE', subject: 'cases', name: 'cases' });
  });

  it("accepts a service's key signing for that service", async () => {
    const identity = await createInternalVerifier(keys).verify(await sign(cases, as(servicePrincipal('cases'))));
    expect(identity.principal).toMatchObject({ kind: 'SERVICE', subject: 'cases' });
    const other = await createInternalVerifier(keys).verify(await sign(results, as(servicePrincipal('results'))));
    expect(other.principal).toMatchObject({ kind: 'SERVICE', subject: 'results' });
  });

  it("accepts the gateway's key signing for users and anonymous callers", async () => {
    const verifier = createInternalVerifier(keys);
    for (const principal of [ANONYMOUS, AUDITOR, CITIZEN]) {
      expect((await verifier.verify(await sign(gateway, as(principal)))).principal).toEqual(principal);
    }
  });

  it("refuses a service key signing for a user or an anonymous caller", async () => {
    for (const principal of [AUDITOR, CITIZEN, ANONYMOUS]) {
      const error = await refusal(await sign(cases, as(principal)));
      expect(error).toBeInstanceOf(InternalTokenError);
      expect((error as Error).message).toBe('a service key of cases may only sign for that service');
    }
  });

  it('refuses a service key signing for another service', async () => {
    expect(await refusal(await sign(cases, as(servicePrincipal('results'))))).toBeInstanceOf(InternalTokenError);
    expect(await refusal(await sign(results, as(servicePrincipal('cases'))))).toBeInstanceOf(InternalTokenError);
  });

  it("refuses a SERVICE principal signed with the gateway's key", async () => {
    const error = await refusal(await sign(gateway, as(servicePrincipal('cases'))));
    expect(error).toBeInstanceOf(InternalTokenError);
    expect((error as Error).message).toBe('a SERVICE principal needs its service key');
  });

  it('refuses a service key the subgraph was not given', async () => {
    const stranger = await generateInternalKeyPair('cases');
    expect(await refusal(await sign(stranger, as(servicePrincipal('cases'))))).toBeInstanceOf(InternalTokenError);
    // A subgraph that knows only the gateway's key takes no service's word.
    expect(await refusal(await sign(cases, as(servicePrincipal('cases'))), gateway.publicJwks)).toBeInstanceOf(InternalTokenError);
  });

  it('does not remember a refused token as verified', async () => {
    const verifier = createInternalVerifier(keys);
    const token = await sign(cases, as(AUDITOR));
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(InternalTokenError);
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(InternalTokenError);
  });

  it('refuses an expired service token like any other', async () => {
    const stale = await createInternalSigner(cases.privateJwk, 5, () => Date.now() - 60_000);
    const error = await refusal(await stale.sign(as(servicePrincipal('cases'))));
    expect(error).toBeInstanceOf(InternalTokenError);
  });
});
