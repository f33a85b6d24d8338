import { describe, expect, it } from 'vitest';
import { TtlCache } from './cache.ts';

describe('TtlCache', () => {
  it('answers within the TTL and forgets after it', () => {
    let t = 0;
    const cache = new TtlCache<string>({ ttlSeconds: 30, now: () => t });
    const key = TtlCache.key('QueryLicensesByHolder', { HolderCode: 'X' });
    cache.set(key, 'answer');
    t = 29_999;
    expect(cache.get(key)).toBe('answer');
    t = 30_000;
    expect(cache.get(key)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keys by operation and arguments, whatever their order', () => {
    expect(TtlCache.key('Op', { a: 1, b: 2 })).toBe(TtlCache.key('Op', { b: 2, a: 1 }));
    expect(TtlCache.key('Op', { a: 1 })).not.toBe(TtlCache.key('Other', { a: 1 }));
    expect(TtlCache.key('Op', { a: 1 })).not.toBe(TtlCache.key('Op', { a: 2 }));
  });

  it('a TTL of 0 keeps nothing', () => {
    const cache = new TtlCache<string>({ ttlSeconds: 0, now: () => 0 });
    cache.set('k', 'v');
    expect(cache.get('k')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const cache = new TtlCache<number>({ ttlSeconds: 60, maxEntries: 2, now: () => 0 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
    expect(cache.get('c')).toBe(3);
  });
});
