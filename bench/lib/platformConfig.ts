import { loadConfig, type Config } from '../../lib/config.ts';

/**
 * Tongban's configuration for a platform the bench starts. Tongban's own variables
 * (SUBGRAPH_CONNECTIONS, CACHE_TTL_SECONDS, DATABASE_URL, REDIS_URL, …) pass through so their
 * effect can be measured; logging, the schema and the scenario's overrides are the bench's. The
 * load comes from one IP and one principal, which the rate limits would turn into 429s: they stay
 * on (their counting is part of the cost measured), just out of reach.
 */
export function benchConfig(schema: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    RATE_LIMIT_PER_IP: '10000000',
    RATE_LIMIT_PER_PRINCIPAL: '10000000',
    ...process.env,
    LOG_LEVEL: 'silent',
    CATALOG_DB_SCHEMA: schema,
    ...overrides,
  });
}
