import { describe, expect, it } from 'vitest';
import { catalogDatabaseUrl, ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set, frozen', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ gatewayPort: 4000, catalogPort: 4001, dataDir: './data', autoSeed: true });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    [{ GATEWAY_PORT: 'eighty' }, 'GATEWAY_PORT', /whole number/],
    [{ GATEWAY_PORT: '70000' }, 'GATEWAY_PORT', /0–65535/],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /postgres/],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL', /expected a URL/],
    [{ AUTO_SEED: 'maybe' }, 'AUTO_SEED', /true or false/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /one of/],
    [{ CATALOG_DB_SCHEMA: 'catalog; DROP TABLE x' }, 'CATALOG_DB_SCHEMA', /lower-case/],
  ])('refuses %o naming the variable', (env, variable, reason) => {
    try {
      loadConfig(env);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as ConfigError).message).toMatch(reason);
    }
  });

  it('lets a subgraph have its own database over the shared one', () => {
    expect(catalogDatabaseUrl(loadConfig({ DATABASE_URL: 'postgres://a/db' }))).toBe('postgres://a/db');
    expect(
      catalogDatabaseUrl(loadConfig({ DATABASE_URL: 'postgres://a/db', CATALOG_DATABASE_URL: 'postgres://b/catalog' })),
    ).toBe('postgres://b/catalog');
  });
});
