import { Redis } from 'ioredis';
import type { Logger } from '../../lib/logger.ts';
import { decide, inProcessCounter, type RateLimitDecision } from './windowCounter.ts';

export type { RateLimitDecision } from './windowCounter.ts';

export const RATE_LIMIT_KEY_PREFIX = 'tongban:ratelimit:';

export interface RateLimiterOptions {
  /** Shared counters across gateway processes; unset means each process counts on its own. */
  redisUrl?: string;
  windowSeconds: number;
  /** A Redis command slower than this counts as an outage for that request. */
  commandTimeoutMs: number;
  logger: Logger;
  /** Milliseconds since the epoch, for the in-process counter; injected by tests. */
  now?: () => number;
  /** How often to ask a Redis that stopped answering whether it is back. */
  probeIntervalMs?: number;
}

export interface RateLimiter {
  /** Counts one request for `key`; never rejects, whatever Redis does. */
  hit(key: string, limit: number): Promise<RateLimitDecision>;
  /** Where counts currently go. */
  backend(): 'redis' | 'memory';
  close(): Promise<void>;
}

// One round trip, atomic: the first request of a window starts its expiry, so keys vanish with
// their window and Redis decides window boundaries for every gateway process, whatever their
// clocks say. The PTTL repair covers a key that somehow lost its expiry, which would otherwise
// block its client for good.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`;

type ScriptedRedis = Redis & { tongbanRateLimitHit(key: string, windowMs: number): Promise<[number, number]> };

/**
 * Fixed-window request counters: in Redis when a URL is given (shared by every gateway process),
 * else in this process. A fixed window lets a client spend up to twice its limit across a
 * window boundary; that is accepted for one counter and one round trip per request, exact
 * Retry-After values, and identical behaviour in both stores. These limits stop floods and
 * scrapers, not meter usage.
 *
 * Redis is treated as lib/cache/redis.ts treats it: no offline queue, a short command timeout,
 * no retries, endless background reconnection. While it is unreachable or hung, requests are
 * counted in process (each gateway process then allows the full limit) and the outage is logged
 * once. A reconnect ends the outage; so does a background PING answering, which is how a hung
 * Redis that thaws is noticed without making a client request wait on it.
 */
export async function createRateLimiter(options: RateLimiterOptions): Promise<RateLimiter> {
  const windowMs = options.windowSeconds * 1_000;
  const memory = inProcessCounter({ windowSeconds: options.windowSeconds, ...(options.now ? { now: options.now } : {}) });
  if (!options.redisUrl) {
    return { hit: (key, limit) => memory.hit(key, limit), backend: () => 'memory', async close() {} };
  }

  const { logger } = options;
  const probeIntervalMs = options.probeIntervalMs ?? 1_000;
  const client = new Redis(options.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: options.commandTimeoutMs,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
    lazyConnect: true,
  }) as ScriptedRedis;
  client.defineCommand('tongbanRateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });

  let down = false;
  let closing = false;
  let probe: NodeJS.Timeout | undefined;

  const markUp = () => {
    if (!down) return;
    down = false;
    clearInterval(probe);
    probe = undefined;
    logger.info('redis recovered: rate limits are shared again');
  };
  const markDown = (error: Error) => {
    if (down || closing) return;
    down = true;
    logger.warn({ err: error.message }, 'redis unavailable: rate limits are counted per process until it returns');
    probe = setInterval(() => {
      if (client.status === 'ready') client.ping().then(markUp, () => {});
    }, probeIntervalMs);
    probe.unref();
  };
  client.on('error', markDown);
  client.on('close', () => markDown(new Error('connection closed')));
  client.on('ready', markUp);

  await client.connect().catch(() => {
    // Reported through the 'error' event; reconnection continues in the background.
  });

  return {
    async hit(key, limit) {
      if (!down && client.status === 'ready') {
        try {
          const [count, msLeft] = await client.tongbanRateLimitHit(RATE_LIMIT_KEY_PREFIX + key, windowMs);
          return decide(count, limit, msLeft);
        } catch (error) {
          markDown(error as Error);
        }
      }
      return memory.hit(key, limit);
    },
    backend: () => (!down && client.status === 'ready' ? 'redis' : 'memory'),
    async close() {
      closing = true;
      clearInterval(probe);
      client.disconnect();
    },
  };
}
