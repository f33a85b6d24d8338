import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger.ts';
import type { EntityCache } from './cache.ts';
import { createMemoryCache } from './memory.ts';
import { createRedisCache } from './redis.ts';
import { assertRedisReachable, redisUrl, uniqueSchema } from '../../tests/support/services.ts';

const logger = createLogger('silent');
const opened: EntityCache[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((cache) => cache.close()));
});

describe('memory cache', () => {
  it('returns what was set, misses what was not, and forgets on invalidate', async () => {
    const cache = createMemoryCache({ ttlSeconds: 60 });
    await cache.setMany('item', [['a', { n: 1 }]]);
    expect(await cache.getMany('item', ['a', 'b'])).toEqual([{ n: 1 }, undefined]);
    expect(await cache.getMany('other', ['a'])).toEqual([undefined]);
    await cache.invalidate();
    expect(await cache.getMany('item', ['a'])).toEqual([undefined]);
  });

  it('expires entries after their TTL', async () => {
    let now = 1_000;
    const cache = createMemoryCache({ ttlSeconds: 10, now: () => now });
    await cache.setMany('item', [['a', 1]]);
    now += 9_999;
    expect(await cache.getMany('item', ['a'])).toEqual([1]);
    now += 1;
    expect(await cache.getMany('item', ['a'])).toEqual([undefined]);
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const cache = createMemoryCache({ ttlSeconds: 60, maxEntries: 2 });
    await cache.setMany('item', [['a', 1], ['b', 2], ['c', 3]]);
    expect(await cache.getMany('item', ['a', 'b', 'c'])).toEqual([undefined, 2, 3]);
    await cache.getMany('item', ['b']);
    await cache.setMany('item', [['d', 4]]);
    expect(await cache.getMany('item', ['b', 'c', 'd'])).toEqual([2, undefined, 4]);
  });
});

describe.runIf(redisUrl())('redis cache (real Redis)', () => {
  const open = async (prefix: string) => {
    const cache = await createRedisCache({ url: redisUrl()!, prefix, ttlSeconds: 60, commandTimeoutMs: 500, logger });
    opened.push(cache);
    return cache;
  };

  it('shares entries between processes and invalidates them everywhere', async () => {
    await assertRedisReachable(redisUrl()!);
    const prefix = `tongban:test:${uniqueSchema()}`;
    const a = await open(prefix);
    const b = await open(prefix);
    await a.setMany('guide', [['g1', { name: '旅馆业特种行业许可证核发' }]]);
    expect(await b.getMany('guide', ['g1', 'g2'])).toEqual([{ name: '旅馆业特种行业许可证核发' }, undefined]);
    await a.invalidate();
    expect(await a.getMany('guide', ['g1'])).toEqual([undefined]);
    // b learns the new generation from the published message.
    await vi.waitFor(async () => expect(await b.getMany('guide', ['g1'])).toEqual([undefined]));
  });
});

describe('redis cache with Redis unreachable', () => {
  it('answers every read as a miss without throwing, and reports itself unavailable', async () => {
    // Port 1 on loopback: nothing listens there, so every connection attempt is refused at once.
    const cache = await createRedisCache({
      url: 'redis://127.0.0.1:1',
      prefix: 'tongban:test:down',
      ttlSeconds: 60,
      commandTimeoutMs: 100,
      logger,
    });
    opened.push(cache);
    expect(cache.available()).toBe(false);
    expect(await cache.getMany('item', ['a', 'b'])).toEqual([undefined, undefined]);
    await expect(cache.setMany('item', [['a', 1]])).resolves.toBeUndefined();
    await expect(cache.invalidate()).rejects.toThrow();
  });
});
