import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.ts';
import { CITIZEN_CLAIMS, startTestIssuer, type TestIssuer } from '../support/testIssuer.ts';

const ME = '{ me { subject kind name idNumber realNameLevel } }';
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Forged and broken tokens, each through the gateway over HTTP against an issuer the test controls
 * (real discovery, real JWKS): every one is a 401 with a WWW-Authenticate challenge and the code
 * UNAUTHENTICATED — never a 500, never data.
 */
describe('access tokens at the gateway', () => {
  let issuer: TestIssuer;
  let stack: Stack;
  beforeAll(async () => {
    issuer = await startTestIssuer();
    stack = await startStack({ env: { OIDC_ISSUER: issuer.issuer, OIDC_JWKS_COOLDOWN_SECONDS: '1' } });
  });
  afterAll(async () => {
    await stack?.close();
    await issuer?.close();
  });

  it('accepts a valid token and returns the principal from it', async () => {
    const { status, body } = await stack.graphql(ME, undefined, { token: await issuer.sign() });
    expect(status).toBe(200);
    expect(body.data.me).toEqual({
      subject: CITIZEN_CLAIMS.sub,
      kind: 'NATURAL_PERSON',
      name: CITIZEN_CLAIMS.name,
      idNumber: CITIZEN_CLAIMS.id_number,
      realNameLevel: 2,
    });
  });

  it('answers a private operation without a token with 401 and a challenge', async () => {
    const { status, headers, body } = await stack.graphql(ME);
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toMatch(/^Bearer realm="tongban"/);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('lets public operations through without a token', async () => {
    const { status, body } = await stack.graphql('{ serviceItems(first: 1) { totalCount } }');
    expect(status).toBe(200);
    expect(body.data.serviceItems.totalCount).toBe(385);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const cases: Array<[string, () => Promise<string>]> = [
    ['expired', () => issuer.sign({ ...CITIZEN_CLAIMS, exp: now() - 3600, iat: now() - 7200 })],
    ['tampered payload', async () => {
      const [header, , signature] = (await issuer.sign()).split('.');
      return `${header}.${b64({ ...CITIZEN_CLAIMS, sub: 'someone-else', iss: issuer.issuer, aud: 'tongban', exp: now() + 300 })}.${signature}`;
    }],
    ['wrong issuer', () => issuer.sign({ ...CITIZEN_CLAIMS, iss: 'http://127.0.0.1:9/not-the-issuer' })],
    ['wrong audience', () => issuer.sign({ ...CITIZEN_CLAIMS, aud: 'another-system' })],
    ['no exp', () => issuer.sign(CITIZEN_CLAIMS, {}, ['exp'])],
    ['no aud', () => issuer.sign(CITIZEN_CLAIMS, {}, ['aud'])],
    ['alg none', async () => `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64({ ...CITIZEN_CLAIMS, iss: issuer.issuer, aud: 'tongban', exp: now() + 300 })}.`],
    ['HS256 signed with the public key', async () => {
      const secret = new TextEncoder().encode(JSON.stringify(issuer.publicJwk()));
      return new SignJWT({ ...CITIZEN_CLAIMS })
        .setProtectedHeader({ alg: 'HS256', kid: issuer.publicJwk().kid!, typ: 'at+jwt' })
        .setIssuer(issuer.issuer).setAudience('tongban').setExpirationTime(now() + 300)
        .sign(secret);
    }],
    ["signed with an attacker's key under the issuer's kid", async () => {
      const { privateKey } = await generateKeyPair('RS256');
      return new SignJWT({ ...CITIZEN_CLAIMS })
        .setProtectedHeader({ alg: 'RS256', kid: issuer.publicJwk().kid!, typ: 'at+jwt' })
        .setIssuer(issuer.issuer).setAudience('tongban').setExpirationTime(now() + 300)
        .sign(privateKey);
    }],
    ['an ID token instead of an access token', () => issuer.sign(CITIZEN_CLAIMS, { typ: 'id_token+jwt' })],
    ['a citizen whose ID number fails its check digit', () => issuer.sign({ ...CITIZEN_CLAIMS, id_number: '110105194912310021' })],
    ['an unknown principal kind', () => issuer.sign({ ...CITIZEN_CLAIMS, tongban_kind: 'ROOT' })],
    // SERVICE is a subgraph calling another with its own service key; no access token may claim it.
    ['claiming to be a Tongban subgraph (tongban_kind SERVICE)', () => issuer.sign({ sub: 'cases', tongban_kind: 'SERVICE', name: 'cases' })],
    ['claiming to be a citizen-shaped SERVICE', () => issuer.sign({ ...CITIZEN_CLAIMS, tongban_kind: 'SERVICE' })],
    ['claiming to be anonymous', () => issuer.sign({ ...CITIZEN_CLAIMS, tongban_kind: 'ANONYMOUS' })],
    ['garbage', async () => 'not.a.jwt'],
  ];

  it.each(cases)('refuses a token that is %s with 401 UNAUTHENTICATED', async (_name, make) => {
    for (const query of [ME, '{ serviceItems(first: 1) { totalCount } }']) {
      const { status, headers, body } = await stack.graphql(query, undefined, { token: await make() });
      expect(status).toBe(401);
      expect(headers.get('www-authenticate')).toMatch(/^Bearer realm="tongban", error="invalid_token"/);
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.data).toBeUndefined();
    }
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const { status, body } = await stack.graphql(ME, undefined, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('picks up a rotated key without a restart, and keeps accepting tokens of the old key', async () => {
    const old = await issuer.sign();
    expect((await stack.graphql(ME, undefined, { token: old })).status).toBe(200);
    const kid = await issuer.rotate();
    const fresh = await issuer.sign({ ...CITIZEN_CLAIMS, sub: 'after-rotation' });
    const { status, body } = await stack.graphql(ME, undefined, { token: fresh });
    expect(status).toBe(200);
    expect(body.data.me.subject).toBe('after-rotation');
    expect(kid).toBe('test-key-2');
    expect((await stack.graphql(ME, undefined, { token: await issuer.sign({ ...CITIZEN_CLAIMS, sub: 'old-again' }) })).status).toBe(200);
    expect((await stack.graphql(ME, undefined, { token: old })).status).toBe(200);
  });

  it('ignores identity headers a client sends', async () => {
    const { status, body } = await stack.graphql(ME, undefined, {
      headers: { 'x-tongban-principal': JSON.stringify({ subject: 'admin', kind: 'AUDITOR' }), 'x-user-id': 'admin', 'x-remote-user': 'admin' },
    });
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
