import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import { redisServer, type RedisServer } from '../support/redisServer.ts';
import { redisUrl } from '../support/services.ts';
import { startStack, type Stack } from '../support/stack.ts';

/**
 * Redis is a cache for the catalog, never a dependency of it: with Redis killed or frozen the
 * catalog keeps answering from the store, the outage is logged once, and the cache is used again
 * when Redis returns. Runs wherever real Redis is in play (REDIS_URL set, always in CI), against
 * a redis-server of its own that it can kill.
 */
describe.runIf(redisUrl())('catalog queries while Redis goes down and comes back', () => {
  let redis: RedisServer;
  let stack: Stack;
  const lines: Array<{ msg: string }> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });

  const QUERY = '{ serviceGuides(first: 20) { totalCount edges { node { implementationCode agency { name } item { name } } } } }';
  const ask = async () => {
    const { status, body } = await stack.graphql(QUERY);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.serviceGuides.totalCount).toBe(385);
    expect(body.data.serviceGuides.edges).toHaveLength(20);
    return body.data;
  };
  // The catalog cache and the gateway's rate limiter each use Redis and each log its outage once.
  const outageLines = (what: string) => lines.filter((line) => line.msg.startsWith(`redis unavailable: ${what}`));

  beforeAll(async () => {
    redis = await redisServer();
    await redis.start();
    stack = await startStack({ redisUrl: redis.url, logger: createLogger('info', sink), env: { REDIS_COMMAND_TIMEOUT_MS: '100' } });
  });
  afterAll(async () => {
    redis?.thaw();
    await stack?.close();
    await redis?.kill();
  });

  it('serves from the cache while Redis is up', async () => {
    const first = await ask();
    expect(await redis.keyCount()).toBeGreaterThan(0);
    const before = stack.catalog.store.stats.statements;
    expect(await ask()).toEqual(first);
    // Warm: only the page query (and its count) reach the store.
    expect(stack.catalog.store.stats.statements - before).toBe(2);
  });

  it('keeps answering from the store after Redis is killed, logging the outage once', async () => {
    const expected = await ask();
    await redis.kill();
    for (let i = 0; i < 5; i++) expect(await ask()).toEqual(expected);
    expect(stack.catalog.cache.available()).toBe(false);
    expect(outageLines('catalog')).toHaveLength(1);
    expect(outageLines('rate limits')).toHaveLength(1);
  });

  it('uses the cache again once Redis is back', async () => {
    await redis.start();
    await vi.waitFor(() => expect(stack.catalog.cache.available()).toBe(true), { timeout: 10_000, interval: 50 });
    expect(lines.some((line) => line.msg.startsWith('redis recovered: catalog'))).toBe(true);
    await ask();
    expect(await redis.keyCount()).toBeGreaterThan(0);
  });

  it('keeps answering when Redis hangs with its connections open', async () => {
    const expected = await ask();
    redis.freeze();
    try {
      // Each cache command gives up after REDIS_COMMAND_TIMEOUT_MS; no request waits on Redis longer.
      for (let i = 0; i < 3; i++) expect(await ask()).toEqual(expected);
      expect(stack.catalog.cache.available()).toBe(false);
    } finally {
      redis.thaw();
    }
    await vi.waitFor(
      async () => {
        await ask();
        expect(stack.catalog.cache.available()).toBe(true);
      },
      { timeout: 10_000, interval: 100 },
    );
  });
});
