import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type DocumentNode } from 'graphql';
import type { Queryable } from '../../lib/db/store.ts';
import type { Logger } from '../../lib/logger.ts';
import { CATALOG_SCHEMA_FILE } from '../../subgraphs/catalog/service.ts';
import { freePort } from '../lib/freePort.ts';
import { baselineResolvers } from './resolvers.ts';

export interface BaselineServer {
  /** Where the server answers GraphQL (any path; standalone servers ignore it). */
  url: string;
  close(): Promise<void>;
}

export const readCatalogSchema = (): DocumentNode => parse(readFileSync(CATALOG_SCHEMA_FILE, 'utf8'));

/**
 * The catalog subgraph as the stock tools build it: buildSubgraphSchema over Tongban's own SDL,
 * naive resolvers, Apollo Server's defaults, the standalone HTTP server. Only the logger is set,
 * to keep the bench's output readable.
 */
export async function startBaselineSubgraph(options: { db: Queryable; logger: Logger }): Promise<BaselineServer> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs: readCatalogSchema(), resolvers: baselineResolvers(options.db) as never }]),
    logger: options.logger,
  });
  const port = await freePort();
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port } });
  return { url, close: () => server.stop() };
}
