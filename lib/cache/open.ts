import type { Logger } from '../logger.ts';
import type { EntityCache } from './cache.ts';
import { createMemoryCache } from './memory.ts';
import { createNoCache } from './none.ts';
import { createRedisCache } from './redis.ts';

export interface OpenCacheOptions {
  owner: string;
  redisUrl?: string | undefined;
  ttlSeconds: number;
  commandTimeoutMs: number;
  logger: Logger;
  /** CACHE_ENABLED; false opens a cache that holds nothing. */
  enabled?: boolean;
}

/** Redis when configured, otherwise the in-process cache of the embedded default; none when disabled. */
export function openCache(options: OpenCacheOptions): Promise<EntityCache> {
  if (options.enabled === false) return Promise.resolve(createNoCache());
  if (options.redisUrl) {
    return createRedisCache({
      url: options.redisUrl,
      prefix: `tongban:${options.owner}`,
      ttlSeconds: options.ttlSeconds,
      commandTimeoutMs: options.commandTimeoutMs,
      logger: options.logger,
    });
  }
  return Promise.resolve(createMemoryCache({ ttlSeconds: options.ttlSeconds }));
}
