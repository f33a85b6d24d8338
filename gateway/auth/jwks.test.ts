import { decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestIssuer, type TestIssuer } from '../../tests/support/testIssuer.ts';
import { createJwksSource, JwksUnavailableError } from './jwks.ts';

/** The JWKS cache against a real issuer over HTTP, with the clock in the test's hand. */
describe('JWKS source', () => {
  let issuer: TestIssuer;
  let clock: number;
  beforeEach(async () => {
    issuer = await startTestIssuer();
    clock = 1_000_000;
  });
  afterEach(async () => issuer.close());

  const source = () =>
    createJwksSource({
      jwksUri: async () => `${issuer.issuer}/jwks`,
      cacheSeconds: 600,
      cooldownSeconds: 30,
      maxStaleSeconds: 3_600,
      now: () => clock,
    });
  const keyFor = async (jwks: ReturnType<typeof source>, token: string) =>
    jwks.getKey(decodeProtectedHeader(token) as never, { payload: '', signature: '' } as never);

  it('fetches once and serves from memory while fresh', async () => {
    const jwks = source();
    const token = await issuer.sign();
    await keyFor(jwks, token);
    clock += 599_000;
    await keyFor(jwks, token);
    expect(issuer.jwksFetches()).toBe(1);
  });

  it('refetches for an unknown key id, but at most once per cooldown', async () => {
    const jwks = source();
    await keyFor(jwks, await issuer.sign());
    await issuer.rotate();
    await keyFor(jwks, await issuer.sign());
    expect(issuer.jwksFetches()).toBe(2);
    const madeUp = await issuer.sign(undefined, { kid: 'made-up' });
    await expect(keyFor(jwks, madeUp)).rejects.toThrow();
    await expect(keyFor(jwks, madeUp)).rejects.toThrow();
    expect(issuer.jwksFetches()).toBe(2);
    clock += 31_000;
    await expect(keyFor(jwks, madeUp)).rejects.toThrow();
    expect(issuer.jwksFetches()).toBe(3);
  });

  it('keeps using the last good keys while the endpoint is down, up to the stale allowance, then fails closed', async () => {
    const jwks = source();
    const token = await issuer.sign();
    await keyFor(jwks, token);
    await issuer.stop();
    clock += (600 + 3_000) * 1000; // past freshness, within the stale allowance
    await expect(keyFor(jwks, token)).resolves.toBeDefined();
    expect(jwks.usable()).toBe(true);
    clock += 601 * 1000; // past the allowance
    await expect(keyFor(jwks, token)).rejects.toBeInstanceOf(JwksUnavailableError);
    expect(jwks.usable()).toBe(false);
    await issuer.start();
    await expect(keyFor(jwks, await issuer.sign())).resolves.toBeDefined();
    expect(jwks.usable()).toBe(true);
  });
});
