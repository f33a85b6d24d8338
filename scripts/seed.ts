/**
 * `npm run seed`: applies migrations and loads the catalog seed, then invalidates the catalog
 * cache. Idempotent: running it again with the same seed writes nothing. With the embedded PGlite
 * store, stop `npm start` first (one process may open a PGlite directory at a time); the embedded
 * default also seeds itself on start-up.
 */
import { openCache } from '../lib/cache/open.ts';
import { catalogDatabaseUrl, loadConfig } from '../lib/config.ts';
import { openStore } from '../lib/db/open.ts';
import { createLogger } from '../lib/logger.ts';
import { prepareCatalogStore } from '../subgraphs/catalog/service.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const store = await openStore({
  owner: 'catalog',
  schema: config.catalogDbSchema,
  databaseUrl: catalogDatabaseUrl(config),
  dataDir: config.dataDir,
});
const cache = await openCache({
  owner: 'catalog',
  redisUrl: config.redisUrl,
  ttlSeconds: config.cacheTtlSeconds,
  commandTimeoutMs: config.redisCommandTimeoutMs,
  logger,
});
try {
  await prepareCatalogStore(store, cache, true, logger);
  const { rows } = await store.query<{ items: number; guides: number }>(
    'SELECT (SELECT count(*)::int FROM service_item) AS items, (SELECT count(*)::int FROM service_guide) AS guides',
  );
  console.log(`catalog seeded: ${rows[0]?.items} items, ${rows[0]?.guides} guides (${store.kind})`);
} finally {
  await cache.close();
  await store.close();
}
