/**
 * A short cache of successful answers of one wrapped service, keyed by operation and arguments.
 * Entries live `ttlSeconds` on the injected clock; at most `maxEntries` are kept (the oldest
 * inserted goes first). A TTL of 0 disables it. Failures are never stored.
 */
export interface CacheOptions {
  ttlSeconds: number;
  maxEntries?: number;
  now?: () => number;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(private readonly options: CacheOptions) {
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 1000;
  }

  /** The key of an operation called with arguments (argument order does not matter). */
  static key(operation: string, args: Record<string, unknown>): string {
    const sorted = Object.keys(args)
      .sort()
      .map((name) => [name, args[name]]);
    return `${operation}\u0000${JSON.stringify(sorted)}`;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    if (this.options.ttlSeconds <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.options.ttlSeconds * 1000 });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
