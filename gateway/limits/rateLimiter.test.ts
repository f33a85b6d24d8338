import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import { redisServer, type RedisServer } from '../../tests/support/redisServer.ts';
import { assertRedisReachable, redisUrl } from '../../tests/support/services.ts';
import { createRateLimiter, RATE_LIMIT_KEY_PREFIX, type RateLimiter } from './rateLimiter.ts';
import { inProcessCounter } from './windowCounter.ts';

const silent = createLogger('silent');
const opened: RateLimiter[] = [];
const open = async (...args: Parameters<typeof createRateLimiter>) => {
  const limiter = await createRateLimiter(...args);
  opened.push(limiter);
  return limiter;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((limiter) => limiter.close()));
});

const uniqueKey = () => `test:${randomBytes(6).toString('hex')}`;
const hits = async (limiter: Pick<RateLimiter, 'hit'>, key: string, limit: number, times: number) => {
  const out = [];
  for (let i = 0; i < times; i++) out.push(await limiter.hit(key, limit));
  return out;
};

describe('in-process limiter', () => {
  it('allows `limit` requests per window, then refuses until the window ends', async () => {
    let now = 1_000_000;
    const limiter = await open({ windowSeconds: 60, commandTimeoutMs: 100, logger: silent, now: () => now });
    expect(limiter.backend()).toBe('memory');
    expect(await hits(limiter, 'a', 3, 3)).toEqual([
      { allowed: true, remaining: 2, resetSeconds: 60, retryAfterSeconds: 0 },
      { allowed: true, remaining: 1, resetSeconds: 60, retryAfterSeconds: 0 },
      { allowed: true, remaining: 0, resetSeconds: 60, retryAfterSeconds: 0 },
    ]);
    now += 15_000;
    expect(await limiter.hit('a', 3)).toEqual({ allowed: false, remaining: 0, resetSeconds: 45, retryAfterSeconds: 45 });
    now += 44_999;
    expect(await limiter.hit('a', 3)).toEqual({ allowed: false, remaining: 0, resetSeconds: 1, retryAfterSeconds: 1 });
    now += 1;
    expect(await limiter.hit('a', 3)).toEqual({ allowed: true, remaining: 2, resetSeconds: 60, retryAfterSeconds: 0 });
  });

  it('counts each key on its own, each window starting at its key\'s first request', async () => {
    let now = 0;
    const counter = inProcessCounter({ windowSeconds: 10, now: () => now });
    await hits(counter, 'a', 1, 2);
    now += 5_000;
    expect((await counter.hit('b', 1)).allowed).toBe(true);
    expect((await counter.hit('a', 1)).allowed).toBe(false);
    now += 5_000;
    expect((await counter.hit('a', 1)).allowed).toBe(true);
    expect(await counter.hit('b', 1)).toMatchObject({ allowed: false, retryAfterSeconds: 5 });
  });

  it('forgets the oldest windows beyond maxKeys, so memory stays bounded', async () => {
    const counter = inProcessCounter({ windowSeconds: 60, now: () => 0, maxKeys: 2 });
    for (const key of ['a', 'b', 'c']) await counter.hit(key, 1);
    expect((await counter.hit('a', 1)).allowed).toBe(true);
    expect((await counter.hit('c', 1)).allowed).toBe(false);
  });
});

describe.runIf(redisUrl())('Redis limiter', () => {
  const url = redisUrl()!;
  let raw: Redis;
  const keys: string[] = [];
  beforeAll(async () => {
    await assertRedisReachable(url);
    raw = new Redis(url);
  });
  afterAll(async () => {
    if (keys.length) await raw.del(...keys.map((key) => RATE_LIMIT_KEY_PREFIX + key));
    raw?.disconnect();
  });

  it('shares one count between limiter instances, in a key that expires with the window', async () => {
    const key = uniqueKey();
    keys.push(key);
    const first = await open({ redisUrl: url, windowSeconds: 60, commandTimeoutMs: 500, logger: silent });
    const second = await open({ redisUrl: url, windowSeconds: 60, commandTimeoutMs: 500, logger: silent });
    expect([first.backend(), second.backend()]).toEqual(['redis', 'redis']);

    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push(await first.hit(key, 5), await second.hit(key, 5));
    expect(decisions.map((decision) => [decision.allowed, decision.remaining])).toEqual([
      [true, 4], [true, 3], [true, 2], [true, 1], [true, 0], [false, 0],
    ]);
    expect(decisions[5]!.retryAfterSeconds).toBeGreaterThan(0);
    expect(decisions[5]!.retryAfterSeconds).toBeLessThanOrEqual(60);

    expect(await raw.get(RATE_LIMIT_KEY_PREFIX + key)).toBe('6');
    const ttl = await raw.pttl(RATE_LIMIT_KEY_PREFIX + key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('starts a new window once the key has expired', async () => {
    const key = uniqueKey();
    keys.push(key);
    const limiter = await open({ redisUrl: url, windowSeconds: 60, commandTimeoutMs: 500, logger: silent });
    await hits(limiter, key, 1, 2);
    // What Redis does when the window's time is up.
    await raw.del(RATE_LIMIT_KEY_PREFIX + key);
    expect(await limiter.hit(key, 1)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('repairs a key that has lost its expiry instead of blocking its client for good', async () => {
    const key = uniqueKey();
    keys.push(key);
    await raw.set(RATE_LIMIT_KEY_PREFIX + key, '100');
    const limiter = await open({ redisUrl: url, windowSeconds: 60, commandTimeoutMs: 500, logger: silent });
    expect((await limiter.hit(key, 5)).allowed).toBe(false);
    expect(await raw.pttl(RATE_LIMIT_KEY_PREFIX + key)).toBeGreaterThan(0);
  });
});

describe.runIf(redisUrl())('Redis limiter while Redis goes down and comes back', () => {
  let redis: RedisServer;
  const lines: Array<{ msg: string }> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger('info', sink);
  const outages = () => lines.filter((line) => line.msg.startsWith('redis unavailable'));
  const recoveries = () => lines.filter((line) => line.msg.startsWith('redis recovered'));
  let limiter: RateLimiter;

  beforeAll(async () => {
    redis = await redisServer();
    await redis.start();
    limiter = await createRateLimiter({ redisUrl: redis.url, windowSeconds: 60, commandTimeoutMs: 100, probeIntervalMs: 50, logger });
  });
  afterAll(async () => {
    redis?.thaw();
    await limiter?.close();
    await redis?.kill();
  });

  it('counts in Redis while it is up', async () => {
    expect(limiter.backend()).toBe('redis');
    await limiter.hit('up', 10);
    expect(await redis.keyCount()).toBe(1);
  });

  it('falls back to counting in process when Redis is killed, logging the outage once', async () => {
    await redis.kill();
    const decisions = await hits(limiter, 'outage', 3, 5);
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false, false]);
    expect(limiter.backend()).toBe('memory');
    expect(outages()).toHaveLength(1);
  });

  it('counts in Redis again once it is back', async () => {
    await redis.start();
    await vi.waitFor(() => expect(limiter.backend()).toBe('redis'), { timeout: 10_000, interval: 50 });
    expect(recoveries()).toHaveLength(1);
    expect((await limiter.hit('outage', 3)).remaining).toBe(2);
    expect(await redis.keyCount()).toBe(1);
  });

  it('falls back when Redis hangs with its connection open, and returns when it thaws', async () => {
    redis.freeze();
    try {
      // Each request waits at most the command timeout once; later ones skip Redis altogether.
      const decisions = await hits(limiter, 'frozen', 2, 3);
      expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, false]);
      expect(limiter.backend()).toBe('memory');
      expect(outages()).toHaveLength(2);
    } finally {
      redis.thaw();
    }
    await vi.waitFor(() => expect(limiter.backend()).toBe('redis'), { timeout: 10_000, interval: 50 });
    expect(recoveries()).toHaveLength(2);
    await limiter.hit('thawed', 2);
    expect(await redis.keyCount()).toBeGreaterThanOrEqual(2);
  });
});

describe.runIf(redisUrl())('Redis limiter started while Redis is down', () => {
  let redis: RedisServer;
  afterAll(async () => {
    await redis?.kill();
  });

  it('counts in process until Redis comes up, then in Redis', async () => {
    redis = await redisServer();
    const limiter = await open({ redisUrl: redis.url, windowSeconds: 60, commandTimeoutMs: 100, probeIntervalMs: 50, logger: silent });
    expect(limiter.backend()).toBe('memory');
    expect((await hits(limiter, 'early', 1, 2)).map((decision) => decision.allowed)).toEqual([true, false]);
    await redis.start();
    await vi.waitFor(() => expect(limiter.backend()).toBe('redis'), { timeout: 10_000, interval: 50 });
    expect((await limiter.hit('early', 1)).allowed).toBe(true);
    expect(await redis.keyCount()).toBe(1);
  });
});
