import { loadConfig, type Config } from '../../lib/config.ts';
import { openPgliteStore } from '../../lib/db/pglite.ts';
import { openPostgresStore } from '../../lib/db/postgres.ts';
import type { Store } from '../../lib/db/store.ts';
import { assertPostgresReachable, dropSchema, postgresUrl, uniqueSchema } from './services.ts';

export interface TestStore {
  store: Store;
  /** Closes the store and removes everything the test wrote. */
  dispose(): Promise<void>;
}

/** A fresh, empty store of the given kind in its own schema. */
export async function openTestStore(kind: 'pglite' | 'postgres', schema = uniqueSchema()): Promise<TestStore> {
  if (kind === 'pglite') {
    const store = await openPgliteStore({ schema });
    return { store, dispose: () => store.close() };
  }
  const url = postgresUrl();
  if (!url) throw new Error('postgres store requested without DATABASE_URL');
  await assertPostgresReachable(url);
  const store = openPostgresStore({ url, schema, poolSize: 5 });
  return {
    store,
    async dispose() {
      await store.close();
      await dropSchema(url, schema);
    },
  };
}

export interface SubgraphTestConfig {
  config: Config;
  /** Removes the throw-away schema (PostgreSQL); nothing to do for in-memory PGlite. */
  dropStore(): Promise<void>;
}

/**
 * Configuration for one subgraph started alone in a test: its store in a schema of its own, set
 * through its `<NAME>_DB_SCHEMA` variable — in-memory PGlite, or the PostgreSQL of DATABASE_URL.
 */
export async function subgraphTestConfig(kind: 'pglite' | 'postgres', schemaVariable: string): Promise<SubgraphTestConfig> {
  const schema = uniqueSchema(schemaVariable.replace(/_DB_SCHEMA$/, '').toLowerCase());
  const databaseUrl = kind === 'postgres' ? postgresUrl() : undefined;
  if (kind === 'postgres') {
    if (!databaseUrl) throw new Error('postgres requested without DATABASE_URL');
    await assertPostgresReachable(databaseUrl);
  }
  const config = loadConfig({ LOG_LEVEL: 'silent', [schemaVariable]: schema, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  return { config, dropStore: async () => (databaseUrl ? dropSchema(databaseUrl, schema) : undefined) };
}
