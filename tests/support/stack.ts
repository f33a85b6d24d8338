import { startGateway, type GatewayService } from '../../gateway/server.ts';
import { loadConfig, type Config } from '../../lib/config.ts';
import { createLogger, type Logger } from '../../lib/logger.ts';
import { startCatalog, type CatalogService } from '../../subgraphs/catalog/service.ts';
import { assertPostgresReachable, assertRedisReachable, dropSchema, postgresUrl, uniqueSchema } from './services.ts';

export interface StackOptions {
  store?: 'pglite' | 'postgres';
  /** A Redis URL to use as the catalog cache; omitted means the in-process cache. */
  redisUrl?: string;
  env?: Record<string, string>;
  /** Where the services log; silent by default. */
  logger?: Logger;
}

export interface Stack {
  config: Config;
  catalog: CatalogService;
  gateway: GatewayService;
  /** POSTs a GraphQL request to the gateway and returns status and parsed body. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/**
 * The platform as `npm start` runs it — catalog subgraph and gateway over real HTTP — on free
 * ports, with a store of its own: in-memory PGlite, or a throw-away schema in PostgreSQL.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const schema = uniqueSchema('catalog');
  const databaseUrl = options.store === 'postgres' ? postgresUrl() : undefined;
  if (options.store === 'postgres') {
    if (!databaseUrl) throw new Error('postgres stack requested without DATABASE_URL');
    await assertPostgresReachable(databaseUrl);
  }
  if (options.redisUrl) await assertRedisReachable(options.redisUrl);
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    CATALOG_DB_SCHEMA: schema,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  });
  const logger = options.logger ?? createLogger('silent');
  const catalog = await startCatalog({ config, logger, port: 0, dataDir: null });
  const gateway = await startGateway({ config, logger, port: 0, subgraphUrls: { catalog: catalog.url } });
  return {
    config,
    catalog,
    gateway,
    async graphql(query, variables) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as any };
    },
    async close() {
      await gateway.close();
      await catalog.close();
      if (databaseUrl) await dropSchema(databaseUrl, schema);
    },
  };
}
