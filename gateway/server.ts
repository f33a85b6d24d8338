import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Agent } from 'undici';
import type { Config } from '../lib/config.ts';
import { maskError } from '../lib/errors.ts';
import { graphqlShapedErrorHandler } from '../lib/http/errorHandler.ts';
import type { Logger } from '../lib/logger.ts';
import { BoundedRemoteDataSource, createSubgraphAgent } from './datasources/BoundedRemoteDataSource.ts';
import { checkSubgraphs, type SubgraphEndpoint } from './readiness.ts';
import { readSupergraph, SUPERGRAPH_FILE } from './supergraph.ts';

export interface GatewayOptions {
  config: Config;
  logger: Logger;
  /** Subgraph name → URL, overriding the URLs composed into the supergraph. */
  subgraphUrls?: Record<string, string | undefined>;
  supergraphFile?: string;
  port?: number;
}

export interface GatewayService {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:4000/graphql */
  url: string;
  close(): Promise<void>;
}

/** The URL overrides the configuration provides, by subgraph name. */
export function configuredSubgraphUrls(config: Config): Record<string, string | undefined> {
  return { catalog: config.catalogUrl };
}

export async function startGateway(options: GatewayOptions): Promise<GatewayService> {
  const { config } = options;
  const logger = options.logger.child({ service: 'gateway' });
  const supergraph = readSupergraph(options.supergraphFile ?? SUPERGRAPH_FILE);
  const overrides = { ...configuredSubgraphUrls(config), ...options.subgraphUrls };

  const agents = new Map<string, Agent>();
  const endpoints: SubgraphEndpoint[] = [...supergraph.subgraphs].map(([name, composedUrl]) => {
    const agent = createSubgraphAgent({ connections: config.subgraphConnections, timeoutMs: config.subgraphTimeoutMs });
    agents.set(name, agent);
    return { name, url: overrides[name] ?? composedUrl, agent };
  });
  const endpointOf = (name: string) => endpoints.find((endpoint) => endpoint.name === name)!;

  // Government networks are closed: nothing may phone home. ApolloGateway reads this in its
  // constructor and otherwise starts an OpenTelemetry exporter to Apollo.
  process.env['APOLLO_TELEMETRY_DISABLED'] = '1';
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.sdl,
    buildService: ({ name }) => {
      const endpoint = endpointOf(name);
      return new BoundedRemoteDataSource(name, endpoint.url, endpoint.agent);
    },
    logger,
  });

  const app = Fastify({ logger: false, bodyLimit: config.bodyLimitBytes });
  const apollo = new ApolloServer({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted) => maskError(formatted, (original) => logger.error({ error: original }, 'masked error')),
    plugins: [fastifyApolloDrainPlugin(app), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled()],
  });
  await apollo.start();

  app.setErrorHandler(graphqlShapedErrorHandler(logger));
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_request, reply) => {
    const readiness = await checkSubgraphs(endpoints, config.readyTimeoutMs);
    return reply.status(readiness.ready ? 200 : 503).send({ status: readiness.ready ? 'ready' : 'unavailable', ...readiness });
  });
  await app.register(fastifyApollo(apollo));

  const address = await app.listen({ host: config.host, port: options.port ?? config.gatewayPort });
  return {
    app,
    url: `${address}/graphql`,
    async close() {
      await app.close();
      await apollo.stop();
      await Promise.all([...agents.values()].map((agent) => agent.close()));
    },
  };
}
