import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInternalSigner, generateInternalKeyPair } from '../../lib/auth/internalToken.ts';
import { ANONYMOUS } from '../../lib/auth/principal.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { CITIZEN_CLAIMS, startTestIssuer, type TestIssuer } from '../support/testIssuer.ts';

/**
 * A client that skips the gateway and talks to a subgraph directly gets 401 for every operation —
 * _entities included — whatever identity it claims in headers or tokens. Only the gateway's own
 * internal token opens a subgraph.
 */
describe('requests that bypass the gateway', () => {
  let issuer: TestIssuer;
  let stack: Stack;
  beforeAll(async () => {
    issuer = await startTestIssuer();
    stack = await startStack({ env: { OIDC_ISSUER: issuer.issuer } });
  });
  afterAll(async () => {
    await stack?.close();
    await issuer?.close();
  });

  const direct = (url: string, query: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

  const ENTITIES = '{ _entities(representations: [{ __typename: "Agency", uscc: "11610725TB7250054A" }]) { ... on Agency { name } } }';
  const attempts: Array<[string, () => Promise<Record<string, string>>]> = [
    ['no credentials', async () => ({})],
    ['a forged identity header', async () => ({ 'x-tongban-principal': JSON.stringify({ ...ANONYMOUS, kind: 'AUDITOR', subject: 'x' }) })],
    ["a user's valid OIDC access token", async () => ({ authorization: `Bearer ${await issuer.sign()}` })],
    ['an internal token signed with another key', async () => {
      const forged = await generateInternalKeyPair();
      const token = await (await createInternalSigner(forged.privateJwk, 60)).sign({ principal: { ...ANONYMOUS, kind: 'AUDITOR', subject: 'x' }, meta: { clientIp: null, purpose: null } });
      return { authorization: `Bearer ${token}` };
    }],
    ['an internal-looking token under the real kid, signed by another key', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const kid = stack.internalKeys!.privateJwk.kid!;
      const token = await new SignJWT({ p: { ...ANONYMOUS, kind: 'AUDITOR', subject: 'x' }, m: {} })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'tongban-internal+jwt' })
        .setIssuer('tongban-gateway').setAudience('tongban-subgraphs').setSubject('x').setIssuedAt().setExpirationTime('1m')
        .sign(privateKey);
      return { authorization: `Bearer ${token}` };
    }],
  ];

  for (const subgraph of ['catalog', 'identity'] as const) {
    it.each(attempts)(`${subgraph}: refuses %s with 401, _entities included`, async (_name, credentials) => {
      const url = stack[subgraph].url;
      const headers = await credentials();
      for (const query of ['{ __typename }', ENTITIES, subgraph === 'identity' ? '{ verifyAccessLog { ok } }' : '{ serviceItems(first: 1) { totalCount } }']) {
        const response = await direct(url, query, headers);
        expect(response.status).toBe(401);
        const body = (await response.json()) as any;
        expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
        expect(body.data).toBeUndefined();
      }
    });
  }

  it('answers the gateway, which resolves the same entity', async () => {
    const { body } = await stack.graphql('{ me { agency { uscc name } } }', undefined, {
      token: await issuer.sign({ sub: 'staff-x', tongban_kind: 'STAFF', name: '测试员', agency: '11610725TB7250054A', roles: ['ACCEPT'] }),
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.me.agency).toEqual({ uscc: '11610725TB7250054A', name: '勉县公安局' });
  });

  it('an internal token is refused once expired', async () => {
    const signer = await createInternalSigner(stack.internalKeys!.privateJwk, 5, () => Date.now() - 60_000);
    const token = await signer.sign({ principal: ANONYMOUS, meta: { clientIp: null, purpose: null } });
    const response = await direct(stack.catalog.url, '{ __typename }', { authorization: `Bearer ${token}` });
    expect(response.status).toBe(401);
  });
});
