import DataLoader from 'dataloader';
import type { EntityCache } from './cache.ts';

/**
 * A per-request DataLoader for entities by key, read through the shared cache: one cache round
 * trip for the whole batch, one store statement for the misses, and the misses written back.
 * Keys the store does not know resolve to null and are not cached, so a newly created entity is
 * visible at once.
 */
export function cachedLoader<V>(
  cache: EntityCache,
  namespace: string,
  keyOf: (value: V) => string,
  fetchMany: (keys: readonly string[]) => Promise<V[]>,
): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(async (keys) => {
    const cached = await cache.getMany<V>(namespace, keys);
    const missing = keys.filter((_key, index) => cached[index] === undefined);
    const found = new Map<string, V>();
    if (missing.length > 0) {
      for (const value of await fetchMany(missing)) found.set(keyOf(value), value);
      await cache.setMany(namespace, [...found]);
    }
    return keys.map((key, index) => cached[index] ?? found.get(key) ?? null);
  });
}

/** A per-request DataLoader from one key to many values (no shared cache: lists change shape). */
export function groupedLoader<K, V>(
  fetchMany: (keys: readonly K[]) => Promise<Array<{ key: K; value: V }>>,
  cacheKeyFn?: (key: K) => unknown,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[], unknown>(
    async (keys) => {
      const groups = new Map<unknown, V[]>();
      const id = cacheKeyFn ?? ((key: K) => key);
      for (const { key, value } of await fetchMany(keys)) {
        const list = groups.get(id(key));
        if (list) list.push(value);
        else groups.set(id(key), [value]);
      }
      return keys.map((key) => groups.get(id(key)) ?? []);
    },
    cacheKeyFn ? { cacheKeyFn } : {},
  );
}
