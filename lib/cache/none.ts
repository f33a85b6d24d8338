import type { EntityCache } from './cache.ts';

/**
 * A cache that never holds anything, for CACHE_ENABLED=false: every read goes to the store, so a
 * benchmark can show what the cache is worth.
 */
export function createNoCache(): EntityCache {
  return {
    kind: 'none',
    getMany: async (_namespace, ids) => ids.map(() => undefined),
    setMany: async () => {},
    invalidate: async () => {},
    available: () => true,
    close: async () => {},
  };
}
