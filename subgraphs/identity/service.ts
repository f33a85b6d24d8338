import { fileURLToPath } from 'node:url';
import type { JSONWebKeySet } from 'jose';
import { identityDatabaseUrl, type Config } from '../../lib/config.ts';
import { startSubgraph, type SubgraphService } from '../../lib/http/startSubgraph.ts';
import type { Logger } from '../../lib/logger.ts';
import { loadIdentitySeed } from '../../seeds/identity/load.ts';
import type { Context } from './context.ts';
import { IdentityRepository } from './repository.ts';
import { resolvers } from './resolvers/index.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
export const IDENTITY_SCHEMA_FILE = here('./schema.graphql');
export const IDENTITY_MIGRATIONS_DIR = here('./migrations');

export interface StartIdentityOptions {
  config: Config;
  logger: Logger;
  port?: number;
  dataDir?: string | null;
  internalKeys?: JSONWebKeySet;
}

/** The identity subgraph: `me`, the person register, and the access audit log. */
export function startIdentity(options: StartIdentityOptions): Promise<SubgraphService> {
  const { config } = options;
  return startSubgraph<Context>({
    name: 'identity',
    config,
    logger: options.logger.child({ service: 'identity' }),
    port: options.port ?? config.identityPort,
    dataDir: options.dataDir,
    databaseUrl: identityDatabaseUrl(config),
    dbSchema: config.identityDbSchema,
    migrationsDir: IDENTITY_MIGRATIONS_DIR,
    schemaFile: IDENTITY_SCHEMA_FILE,
    resolvers,
    internalKeys: options.internalKeys,
    prepare: async (store) => {
      if (config.autoSeed) await loadIdentitySeed(store);
    },
    context: (identity, store) => ({ identity, store, repository: new IdentityRepository(store) }),
  });
}
