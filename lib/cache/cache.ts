/**
 * A read cache for entities. Values are plain JSON-serialisable rows. Entries live under a
 * generation number: invalidation bumps the generation instead of deleting keys, which is O(1)
 * and leaves old entries to expire on their own.
 *
 * A cache never fails a read: when it cannot answer, every key is a miss and the caller goes to the
 * store. That is what keeps catalog queries answering while Redis is down.
 */
export interface EntityCache {
  readonly kind: 'redis' | 'memory' | 'none';
  getMany<T>(namespace: string, ids: readonly string[]): Promise<(T | undefined)[]>;
  setMany<T>(namespace: string, entries: ReadonlyArray<readonly [id: string, value: T]>): Promise<void>;
  /** Drops every entry of this cache, in every process sharing it. */
  invalidate(): Promise<void>;
  /** False while the backing service is unreachable (reads then all miss). */
  available(): boolean;
  close(): Promise<void>;
}
