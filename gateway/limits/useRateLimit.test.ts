import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ANONYMOUS, type Principal } from '../../lib/auth/principal.ts';
import { createLogger } from '../../lib/logger.ts';
import { clientIp, ipBucket } from './clientIp.ts';
import { createRateLimiter } from './rateLimiter.ts';
import { principalKey, rateLimitHook } from './useRateLimit.ts';

const person = (subject: string): Principal => ({ ...ANONYMOUS, subject, kind: 'NATURAL_PERSON' });

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A Fastify app with /graphql rate-limited; `x-test-subject` stands in for a verified token ('' = ANONYMOUS). */
async function limitedApp(options: { perPrincipal?: number; perIp?: number; trustProxy?: boolean; now?: () => number } = {}) {
  const limiter = await createRateLimiter({ windowSeconds: 60, commandTimeoutMs: 100, logger: createLogger('silent'), now: options.now ?? (() => 0) });
  app = Fastify();
  const hook = rateLimitHook({
    limiter,
    perPrincipal: options.perPrincipal ?? 3,
    perIp: options.perIp ?? 2,
    principalOf: (request: FastifyRequest) => {
      const subject = request.headers['x-test-subject'];
      if (subject === undefined) return undefined;
      return subject === '' ? ANONYMOUS : person(String(subject));
    },
    ipOf: (request) => clientIp(request, options.trustProxy ?? false),
  });
  await app.register(async (scope) => {
    scope.addHook('onRequest', hook);
    scope.post('/graphql', async () => ({ data: { __typename: 'Query' } }));
  });
  app.get('/health', async () => ({ status: 'ok' }));
  return app;
}

const post = (from: string, headers: Record<string, string> = {}) =>
  app!.inject({ method: 'POST', url: '/graphql', remoteAddress: from, headers, payload: { query: '{ __typename }' } });

describe('rate-limit hook', () => {
  it('answers 429 with Retry-After and a GraphQL-shaped body once an IP is over its limit', async () => {
    let now = 0;
    await limitedApp({ now: () => now });
    const first = await post('203.0.113.7');
    expect(first.statusCode).toBe(200);
    expect(first.headers).toMatchObject({ 'ratelimit-limit': '2', 'ratelimit-remaining': '1', 'ratelimit-reset': '60' });
    expect((await post('203.0.113.7')).headers['ratelimit-remaining']).toBe('0');
    now += 20_000;
    const refused = await post('203.0.113.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('40');
    expect(refused.headers['content-type']).toMatch(/^application\/json/);
    expect(refused.json()).toEqual({
      errors: [
        {
          message: 'Too many requests from this address: the limit is 2 per window; retry after 40 seconds.',
          extensions: { code: 'RATE_LIMITED', limit: 'ip', retryAfter: 40 },
        },
      ],
    });
    expect((await post('203.0.113.8')).statusCode).toBe(200);
    now += 40_000;
    expect((await post('203.0.113.7')).statusCode).toBe(200);
  });

  it('counts a signed-in principal by subject, wherever it comes from, and not against the IP', async () => {
    await limitedApp();
    const statuses = [];
    for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4']) {
      statuses.push((await post(ip, { 'x-test-subject': 'alice' })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await post('198.51.100.5', { 'x-test-subject': 'alice' });
    expect(refused.json().errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'principal' });
    expect(refused.headers['ratelimit-limit']).toBe('3');

    expect((await post('198.51.100.1', { 'x-test-subject': 'bob' })).statusCode).toBe(200);
    // The office IP behind which alice and bob sit still has its whole anonymous allowance.
    expect((await post('198.51.100.1')).headers['ratelimit-remaining']).toBe('1');
  });

  it('keys a principal by a hash of its subject, never the subject itself', () => {
    const citizenId = '11010519491231002X';
    expect(principalKey(citizenId)).toMatch(/^principal:[\w-]{22}$/);
    expect(principalKey(citizenId)).not.toContain(citizenId.slice(0, 6));
    expect(principalKey(citizenId)).not.toBe(principalKey('110105194912310021'));
  });

  it('treats the ANONYMOUS principal as no principal', async () => {
    await limitedApp();
    await post('192.0.2.1', { 'x-test-subject': '' });
    await post('192.0.2.1');
    expect((await post('192.0.2.1', { 'x-test-subject': '' })).json().errors[0].extensions.limit).toBe('ip');
  });

  it('counts an IPv6 /64 as one client', async () => {
    await limitedApp();
    await post('2001:db8:1:2::1');
    await post('2001:db8:1:2:aaaa::2');
    expect((await post('2001:db8:1:2:ffff:ffff:ffff:ffff')).statusCode).toBe(429);
    expect((await post('2001:db8:1:3::1')).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For unless a proxy is trusted', async () => {
    await limitedApp();
    const spoofed = await Promise.all(['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((ip) => post('192.0.2.9', { 'x-forwarded-for': ip })));
    expect(spoofed.map((response) => response.statusCode).sort()).toEqual([200, 200, 429]);
  });

  it('takes the address the trusted proxy saw, not what the client wrote before it', async () => {
    await limitedApp({ trustProxy: true });
    // The proxy (10.1.1.1) appends the client's address to whatever the client sent.
    const via = (client: string, claimed: string) => post('10.1.1.1', { 'x-forwarded-for': `${claimed}, ${client}` });
    expect((await via('203.0.113.50', '1.1.1.1')).statusCode).toBe(200);
    expect((await via('203.0.113.50', '2.2.2.2')).statusCode).toBe(200);
    expect((await via('203.0.113.50', '3.3.3.3')).statusCode).toBe(429);
    expect((await via('203.0.113.51', '1.1.1.1')).statusCode).toBe(200);
  });

  it('leaves routes outside its scope alone', async () => {
    await limitedApp({ perIp: 1 });
    await post('192.0.2.20');
    expect((await post('192.0.2.20')).statusCode).toBe(429);
    const health = await app!.inject({ method: 'GET', url: '/health', remoteAddress: '192.0.2.20' });
    expect(health.statusCode).toBe(200);
    expect(health.headers['ratelimit-limit']).toBeUndefined();
  });
});

describe('client IP', () => {
  const request = (remoteAddress: string | undefined, forwarded?: string | string[]) => ({
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
    socket: { remoteAddress },
  });

  it('is the TCP peer without a trusted proxy, whatever the headers say', () => {
    expect(clientIp(request('192.0.2.1', '203.0.113.9'), false)).toBe('192.0.2.1');
    expect(clientIp(request('::ffff:192.0.2.1'), false)).toBe('192.0.2.1');
    expect(clientIp(request('2001:DB8::1'), false)).toBe('2001:db8::1');
    expect(clientIp(request(undefined), false)).toBeUndefined();
  });

  it('is the last X-Forwarded-For entry behind a trusted proxy, else the peer', () => {
    expect(clientIp(request('10.0.0.1', '1.1.1.1, 203.0.113.9'), true)).toBe('203.0.113.9');
    expect(clientIp(request('10.0.0.1', ['1.1.1.1', '203.0.113.9']), true)).toBe('203.0.113.9');
    expect(clientIp(request('10.0.0.1', '203.0.113.9:51234'), true)).toBe('203.0.113.9');
    expect(clientIp(request('10.0.0.1', '[2001:db8::7]:443'), true)).toBe('2001:db8::7');
    expect(clientIp(request('10.0.0.1', 'unknown'), true)).toBe('10.0.0.1');
    expect(clientIp(request('10.0.0.1', '203.0.113.9, '), true)).toBe('10.0.0.1');
    expect(clientIp(request('10.0.0.1'), true)).toBe('10.0.0.1');
  });

  it('buckets IPv6 by /64 and IPv4 by address', () => {
    expect(ipBucket('192.0.2.1')).toBe('192.0.2.1');
    expect(ipBucket('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(ipBucket('2001:0db8:0001:0002::9')).toBe('2001:db8:1:2::/64');
    expect(ipBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipBucket('::1')).toBe('0:0:0:0::/64');
    expect(ipBucket('::')).toBe('0:0:0:0::/64');
    expect(ipBucket('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(ipBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(ipBucket(undefined)).toBe('unknown');
  });
});
