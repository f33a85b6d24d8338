import { fileURLToPath } from 'node:url';
import type { JSONWebKeySet } from 'jose';
import type { EntityCache } from '../../lib/cache/cache.ts';
import { openCache } from '../../lib/cache/open.ts';
import { catalogDatabaseUrl, type Config } from '../../lib/config.ts';
import { migrate, readMigrations } from '../../lib/db/migrate.ts';
import type { Store } from '../../lib/db/store.ts';
import { startSubgraph, type SubgraphService } from '../../lib/http/startSubgraph.ts';
import type { Logger } from '../../lib/logger.ts';
import { buildCatalogSeed } from '../../seeds/catalog/build.ts';
import { loadCatalogSeed } from '../../seeds/catalog/load.ts';
import type { Context } from './context.ts';
import { createLoaders } from './loaders.ts';
import { CatalogRepository } from './repository.ts';
import { registerFileRoute } from './files.ts';
import { resolvers } from './resolvers/index.ts';
import { createCatalogSearch, type CatalogSearch } from './search/service.ts';
import { chinaDate } from '../../lib/time.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
export const CATALOG_SCHEMA_FILE = here('./schema.graphql');
export const CATALOG_MIGRATIONS_DIR = here('./migrations');

export interface CatalogService extends SubgraphService {
  cache: EntityCache;
}

export interface StartCatalogOptions {
  config: Config;
  logger: Logger;
  /** Overrides config.catalogPort; 0 picks a free port (tests). */
  port?: number;
  /** Overrides config.dataDir; `null` keeps PGlite in memory (tests). */
  dataDir?: string | null;
  /** The gateway's public keys, when a launcher runs both; otherwise INTERNAL_VERIFY_KEYS. */
  internalKeys?: JSONWebKeySet;
}

/** Loads the catalog seed if it changed, and tells the cache. */
export async function seedCatalog(store: Store, cache: EntityCache, logger: Logger): Promise<void> {
  const { changed } = await loadCatalogSeed(store, buildCatalogSeed());
  if (!changed) return;
  logger.info('catalog seed loaded');
  // The seed committed; a cache that cannot be told about it expires its entries within the TTL.
  await cache.invalidate().catch((error: Error) => logger.warn({ err: error.message }, 'catalog cache not invalidated'));
}

/** Brings a store up to date outside the service (npm run seed, tests): migrations, then the seed if wanted. */
export async function prepareCatalogStore(store: Store, cache: EntityCache, seed: boolean, logger: Logger): Promise<void> {
  await migrate(store, readMigrations(CATALOG_MIGRATIONS_DIR));
  if (seed) await seedCatalog(store, cache, logger);
}

export async function startCatalog(options: StartCatalogOptions): Promise<CatalogService> {
  const { config } = options;
  const logger = options.logger.child({ service: 'catalog' });
  const cache = await openCache({
    // Keyed by schema: two catalogs in one database (tests, staging) never share cache entries.
    owner: config.catalogDbSchema,
    redisUrl: config.redisUrl,
    ttlSeconds: config.cacheTtlSeconds,
    commandTimeoutMs: config.redisCommandTimeoutMs,
    logger,
    enabled: config.cacheEnabled,
  });
  // The search index is built from the store, so it exists once the store is open; requests
  // arrive only after that (the server listens last).
  let search: CatalogSearch | undefined;
  const changed = async () => {
    search?.markStale();
    await cache.invalidate().catch((error: Error) => logger.warn({ err: error.message }, 'catalog cache not invalidated'));
  };
  const service = await startSubgraph<Context>({
    name: 'catalog',
    config,
    logger,
    port: options.port ?? config.catalogPort,
    dataDir: options.dataDir,
    databaseUrl: catalogDatabaseUrl(config),
    dbSchema: config.catalogDbSchema,
    migrationsDir: CATALOG_MIGRATIONS_DIR,
    schemaFile: CATALOG_SCHEMA_FILE,
    resolvers,
    internalKeys: options.internalKeys,
    prepare: (store) => (config.autoSeed ? seedCatalog(store, cache, logger) : Promise.resolve()),
    context: (identity, store) => {
      const repository = new CatalogRepository(store);
      return {
        identity,
        repository,
        store,
        loaders: createLoaders(repository, cache),
        changed,
        today: chinaDate(),
        publicUrl: config.publicUrl,
        search: search!,
      };
    },
    routes: (app, store) => registerFileRoute(app, new CatalogRepository(store)),
    onClose: () => cache.close(),
  });
  search = createCatalogSearch(new CatalogRepository(service.store), chinaDate);
  return { ...service, cache };
}
