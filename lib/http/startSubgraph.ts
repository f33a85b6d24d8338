import type { BaseContext } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import type { JSONWebKeySet } from 'jose';
import { internalVerifierFor } from '../auth/internalKeys.ts';
import type { InternalIdentity } from '../auth/internalToken.ts';
import type { Config } from '../config.ts';
import { migrate, readMigrations } from '../db/migrate.ts';
import { openStore } from '../db/open.ts';
import type { Store } from '../db/store.ts';
import type { Logger } from '../logger.ts';
import { createSubgraphServer } from './subgraphServer.ts';

export interface SubgraphService {
  app: FastifyInstance;
  store: Store;
  /** Where the subgraph listens, e.g. http://127.0.0.1:4001/graphql. */
  url: string;
  close(): Promise<void>;
}

export interface StartSubgraphOptions<Context extends BaseContext> {
  name: string;
  config: Config;
  logger: Logger;
  port: number;
  /** PGlite's parent directory; null keeps PGlite in memory; unset means DATA_DIR. Ignored when databaseUrl is set. */
  dataDir?: string | null | undefined;
  databaseUrl: string | undefined;
  dbSchema: string;
  migrationsDir: string;
  schemaFile: string;
  resolvers: object;
  /** The public keys internal tokens are verified with, when a launcher hands them over; else INTERNAL_VERIFY_KEYS. */
  internalKeys?: JSONWebKeySet | undefined;
  /** Runs after migrations, before the server listens (seeding, caches). */
  prepare?: (store: Store) => Promise<void>;
  context: (identity: InternalIdentity, store: Store) => Context;
  /** Extra HTTP routes beside /graphql (they sit behind the same internal-token check, unless under openPrefixes). */
  routes?: (app: FastifyInstance, store: Store) => void;
  /** Path prefixes of routes that authenticate their callers themselves (see SubgraphServerOptions). */
  openPrefixes?: readonly string[];
  /** Released after the server and before the store when the service closes. */
  onClose?: () => Promise<void>;
}

/** The life of every subgraph: open its store, migrate, prepare, serve; close in reverse. */
export async function startSubgraph<Context extends BaseContext>(options: StartSubgraphOptions<Context>): Promise<SubgraphService> {
  const { config, logger } = options;
  // Before the store opens: a subgraph without the keys to check its callers must not start at all.
  const verifier = internalVerifierFor(config, options.internalKeys);
  const store = await openStore({
    owner: options.name,
    schema: options.dbSchema,
    databaseUrl: options.databaseUrl,
    dataDir: (options.dataDir === undefined ? config.dataDir : options.dataDir) ?? undefined,
    poolSize: config.databasePoolSize,
  });
  try {
    const { applied } = await migrate(store, readMigrations(options.migrationsDir));
    if (applied.length) logger.info({ applied }, `${options.name} migrations applied`);
    await options.prepare?.(store);
    const app = await createSubgraphServer<Context>({
      name: options.name,
      schemaFile: options.schemaFile,
      resolvers: options.resolvers,
      verifier,
      context: (identity) => options.context(identity, store),
      ready: () => store.ping(),
      logger,
      bodyLimitBytes: config.bodyLimitBytes,
      ...(options.openPrefixes ? { openPrefixes: options.openPrefixes } : {}),
    });
    options.routes?.(app, store);
    const address = await app.listen({ host: config.host, port: options.port });
    return {
      app,
      store,
      url: `${address}/graphql`,
      async close() {
        await app.close();
        await options.onClose?.();
        await store.close();
      },
    };
  } catch (error) {
    await options.onClose?.();
    await store.close();
    throw error;
  }
}
