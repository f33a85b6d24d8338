import type { EntityCache } from './cache.ts';

export interface MemoryCacheOptions {
  ttlSeconds: number;
  /** Bound on entries; the least recently used go first. The bound guards memory against abuse. */
  maxEntries?: number;
  now?: () => number;
}

/** The in-process cache of the embedded default. Invalidation reaches this process only. */
export function createMemoryCache(options: MemoryCacheOptions): EntityCache {
  const entries = new Map<string, { value: unknown; expiresAt: number }>();
  const maxEntries = options.maxEntries ?? 50_000;
  const now = options.now ?? Date.now;
  let generation = 0;
  const keyOf = (namespace: string, id: string) => `${generation}:${namespace}:${id}`;

  return {
    kind: 'memory',
    async getMany<T>(namespace: string, ids: readonly string[]) {
      const at = now();
      return ids.map((id) => {
        const key = keyOf(namespace, id);
        const entry = entries.get(key);
        if (!entry) return undefined;
        entries.delete(key);
        if (entry.expiresAt <= at) return undefined;
        // Re-inserted on every hit: Map keeps insertion order, so the oldest key is the least
        // recently used one, and eviction drops what nobody reads rather than what came first.
        entries.set(key, entry);
        return entry.value as T;
      });
    },
    async setMany(namespace, list) {
      const expiresAt = now() + options.ttlSeconds * 1000;
      for (const [id, value] of list) {
        entries.set(keyOf(namespace, id), { value, expiresAt });
      }
      for (const key of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(key);
      }
    },
    async invalidate() {
      generation += 1;
      entries.clear();
    },
    available: () => true,
    async close() {
      entries.clear();
    },
  };
}
