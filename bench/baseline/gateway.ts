import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { Logger } from '../../lib/logger.ts';
import { freePort } from '../lib/freePort.ts';
import { readCatalogSchema, type BaselineServer } from './subgraph.ts';

/**
 * A stock ApolloGateway in front of the baseline subgraph: supergraph composed at run time,
 * the default RemoteGraphQLDataSource and fetcher, no cache, Apollo Server's defaults.
 */
export async function startBaselineGateway(options: { subgraphUrl: string; logger: Logger }): Promise<BaselineServer> {
  const composition = composeServices([{ name: 'catalog', url: options.subgraphUrl, typeDefs: readCatalogSchema() }]);
  if (composition.errors) {
    throw new Error(`baseline composition failed: ${composition.errors.map((error) => error.message).join('; ')}`);
  }
  // Nothing on a bench machine may phone home either; Tongban's gateway sets the same switch.
  process.env['APOLLO_TELEMETRY_DISABLED'] = '1';
  const gateway = new ApolloGateway({ supergraphSdl: composition.supergraphSdl, logger: options.logger });
  const server = new ApolloServer({ gateway, logger: options.logger });
  const port = await freePort();
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port } });
  return { url, close: () => server.stop() };
}
