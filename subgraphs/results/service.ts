import { fileURLToPath } from 'node:url';
import type { JSONWebKeySet } from 'jose';
import { resultsDatabaseUrl, type Config } from '../../lib/config.ts';
import { startSubgraph, type SubgraphService } from '../../lib/http/startSubgraph.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Context } from './context.ts';
import { createLoaders } from './loaders.ts';
import { ResultsRepository } from './repository.ts';
import { resolvers } from './resolvers/index.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
export const RESULTS_SCHEMA_FILE = here('./schema.graphql');
export const RESULTS_MIGRATIONS_DIR = here('./migrations');

export interface StartResultsOptions {
  config: Config;
  logger: Logger;
  port?: number;
  dataDir?: string | null;
  /**
   * The public keys internal tokens are verified with: the gateway's, and the cases subgraph's
   * service key (the only caller of recordCaseResult).
   */
  internalKeys?: JSONWebKeySet;
}

/** The results subgraph: 办理结果信息库 — case results, Case.result, 结果反馈 and 结果公示. */
export function startResults(options: StartResultsOptions): Promise<SubgraphService> {
  const { config } = options;
  return startSubgraph<Context>({
    name: 'results',
    config,
    logger: options.logger.child({ service: 'results' }),
    port: options.port ?? config.resultsPort,
    dataDir: options.dataDir,
    databaseUrl: resultsDatabaseUrl(config),
    dbSchema: config.resultsDbSchema,
    migrationsDir: RESULTS_MIGRATIONS_DIR,
    schemaFile: RESULTS_SCHEMA_FILE,
    resolvers,
    internalKeys: options.internalKeys,
    context: (identity, store) => {
      const repository = new ResultsRepository(store);
      return { identity, store, repository, loaders: createLoaders(repository) };
    },
  });
}
