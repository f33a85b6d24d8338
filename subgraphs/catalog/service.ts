import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { EntityCache } from '../../lib/cache/cache.ts';
import { openCache } from '../../lib/cache/open.ts';
import { catalogDatabaseUrl, type Config } from '../../lib/config.ts';
import { migrate, readMigrations } from '../../lib/db/migrate.ts';
import { openStore } from '../../lib/db/open.ts';
import type { Store } from '../../lib/db/store.ts';
import { createSubgraphServer } from '../../lib/http/subgraphServer.ts';
import type { Logger } from '../../lib/logger.ts';
import { buildCatalogSeed } from '../../seeds/catalog/build.ts';
import { loadCatalogSeed } from '../../seeds/catalog/load.ts';
import type { Context } from './context.ts';
import { createLoaders } from './loaders.ts';
import { CatalogRepository } from './repository.ts';
import { resolvers } from './resolvers/index.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
export const CATALOG_SCHEMA_FILE = here('./schema.graphql');
export const CATALOG_MIGRATIONS_DIR = here('./migrations');

export interface CatalogService {
  app: FastifyInstance;
  store: Store;
  cache: EntityCache;
  /** Where the subgraph listens, e.g. http://127.0.0.1:4001/graphql. */
  url: string;
  close(): Promise<void>;
}

export interface StartCatalogOptions {
  config: Config;
  logger: Logger;
  /** Overrides config.catalogPort; 0 picks a free port (tests). */
  port?: number;
  /** Overrides config.dataDir; `null` keeps PGlite in memory (tests). */
  dataDir?: string | null;
}

/** Brings the store up to date: migrations always, the seed when configured and changed. */
export async function prepareCatalogStore(store: Store, cache: EntityCache, seed: boolean, logger: Logger): Promise<void> {
  const { applied } = await migrate(store, readMigrations(CATALOG_MIGRATIONS_DIR));
  if (applied.length) logger.info({ applied }, 'catalog migrations applied');
  if (!seed) return;
  const { changed } = await loadCatalogSeed(store, buildCatalogSeed());
  if (!changed) return;
  logger.info('catalog seed loaded');
  // The seed committed; a cache that cannot be told about it expires its entries within the TTL.
  await cache.invalidate().catch((error: Error) => logger.warn({ err: error.message }, 'catalog cache not invalidated'));
}

export async function startCatalog(options: StartCatalogOptions): Promise<CatalogService> {
  const { config } = options;
  const logger = options.logger.child({ service: 'catalog' });
  const store = await openStore({
    owner: 'catalog',
    schema: config.catalogDbSchema,
    databaseUrl: catalogDatabaseUrl(config),
    dataDir: options.dataDir === null ? undefined : (options.dataDir ?? config.dataDir),
    poolSize: config.databasePoolSize,
  });
  const cache = await openCache({
    // Keyed by schema: two catalogs in one database (tests, staging) never share cache entries.
    owner: store.schema,
    redisUrl: config.redisUrl,
    ttlSeconds: config.cacheTtlSeconds,
    commandTimeoutMs: config.redisCommandTimeoutMs,
    logger,
  });
  try {
    await prepareCatalogStore(store, cache, config.autoSeed, logger);
    const repository = new CatalogRepository(store);
    const app = await createSubgraphServer<Context>({
      name: 'catalog',
      schemaFile: CATALOG_SCHEMA_FILE,
      resolvers,
      context: () => ({ repository, loaders: createLoaders(repository, cache) }),
      ready: () => store.ping(),
      logger,
      bodyLimitBytes: config.bodyLimitBytes,
    });
    const address = await app.listen({ host: config.host, port: options.port ?? config.catalogPort });
    return {
      app,
      store,
      cache,
      url: `${address}/graphql`,
      async close() {
        await app.close();
        await cache.close();
        await store.close();
      },
    };
  } catch (error) {
    await cache.close();
    await store.close();
    throw error;
  }
}
