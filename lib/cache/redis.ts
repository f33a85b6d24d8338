import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import type { EntityCache } from './cache.ts';

export interface RedisCacheOptions {
  url: string;
  /** Key prefix, one per owning subgraph: `tongban:catalog`. */
  prefix: string;
  ttlSeconds: number;
  commandTimeoutMs: number;
  logger: Logger;
}

/**
 * A Redis-backed EntityCache shared by every process of a subgraph.
 *
 * Outage behaviour is the point of the options below: no offline queue (a command while
 * disconnected fails at once instead of waiting for a reconnect), a short command timeout (a hung
 * Redis costs at most that long per batch), one retry-free attempt per command, and endless
 * background reconnection. Errors are logged once per outage, not once per command.
 *
 * The generation lives in Redis (`<prefix>:generation`); invalidation INCRs it and publishes the
 * new value so other processes switch at once. A process that missed the message (it was
 * disconnected) re-reads the generation when it reconnects.
 */
export async function createRedisCache(options: RedisCacheOptions): Promise<EntityCache> {
  const { prefix, logger } = options;
  const generationKey = `${prefix}:generation`;
  const channel = `${prefix}:invalidate`;
  const common = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
    lazyConnect: true,
  } as const;
  const client = new Redis(options.url, { ...common, commandTimeout: options.commandTimeoutMs });
  const subscriber = new Redis(options.url, { ...common, enableOfflineQueue: true });
  let generation = '0';
  let down = false;
  let closing = false;

  const markDown = (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: error.message }, 'redis unavailable: catalog reads go to the store until it returns');
  };
  client.on('error', markDown);
  // A dropped connection is an outage even before the first reconnect attempt fails.
  client.on('close', () => {
    if (!closing) markDown(new Error('connection closed'));
  });
  subscriber.on('error', () => {});
  const markUp = () => {
    if (!down) return;
    down = false;
    logger.info('redis recovered: catalog cache in use again');
  };
  client.on('ready', () => {
    client
      .get(generationKey)
      .then((value) => {
        generation = value ?? '0';
        markUp();
      })
      .catch(markDown);
  });
  subscriber.on('message', (_channel: string, message: string) => {
    generation = message;
  });

  await Promise.allSettled([client.connect(), subscriber.connect().then(() => subscriber.subscribe(channel))]);
  if (client.status === 'ready') {
    generation = (await client.get(generationKey).catch(() => null)) ?? '0';
  }

  const keyOf = (namespace: string, id: string) => `${prefix}:${generation}:${namespace}:${id}`;

  return {
    kind: 'redis',
    async getMany<T>(namespace: string, ids: readonly string[]) {
      if (ids.length === 0 || client.status !== 'ready') return ids.map(() => undefined);
      try {
        const values = await client.mget(ids.map((id) => keyOf(namespace, id)));
        // A hung Redis that thaws never reconnects, so a successful read is what ends that outage.
        markUp();
        return values.map((value) => (value === null ? undefined : (JSON.parse(value) as T)));
      } catch (error) {
        markDown(error as Error);
        return ids.map(() => undefined);
      }
    },
    async setMany(namespace, entries) {
      if (entries.length === 0 || client.status !== 'ready') return;
      const pipeline = client.pipeline();
      for (const [id, value] of entries) {
        pipeline.set(keyOf(namespace, id), JSON.stringify(value), 'EX', options.ttlSeconds);
      }
      await pipeline.exec().catch(markDown);
    },
    async invalidate() {
      // Invalidation must not be lost silently: if Redis is unreachable the caller hears about it.
      const next = String(await client.incr(generationKey));
      generation = next;
      await client.publish(channel, next);
    },
    available: () => client.status === 'ready' && !down,
    async close() {
      closing = true;
      client.disconnect();
      subscriber.disconnect();
    },
  };
}
