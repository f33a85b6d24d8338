import path from 'node:path';
import { openPgliteStore } from './pglite.ts';
import { openPostgresStore } from './postgres.ts';
import type { Store } from './store.ts';

export interface OpenStoreOptions {
  /** The subgraph that owns the store; names its PGlite directory and its pg application_name. */
  owner: string;
  schema: string;
  databaseUrl?: string | undefined;
  /** PGlite's parent directory; ignored when databaseUrl is set. Undefined means in memory. */
  dataDir?: string | undefined;
  poolSize?: number;
}

/** PostgreSQL when a URL is configured, otherwise PGlite: the embedded default needs no server. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.databaseUrl) {
    return openPostgresStore({
      url: options.databaseUrl,
      schema: options.schema,
      poolSize: options.poolSize ?? 10,
      applicationName: `tongban-${options.owner}`,
    });
  }
  return openPgliteStore({
    schema: options.schema,
    ...(options.dataDir ? { dataDir: path.join(options.dataDir, options.owner) } : {}),
  });
}
