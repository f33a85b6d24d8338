import { readSchemaSource } from '../graphql/schemaSource.ts';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { parse, type DocumentNode } from 'graphql';
import type { InternalIdentity, InternalVerifier } from '../auth/internalToken.ts';
import { ERROR_CODES, maskError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { graphqlShapedErrorHandler } from './errorHandler.ts';

export interface SubgraphServerOptions<Context extends BaseContext> {
  name: string;
  schemaFile: string;
  resolvers: object;
  /** Verifies the gateway's internal token; a request without a valid one never reaches GraphQL. */
  verifier: InternalVerifier;
  context: (identity: InternalIdentity, request: FastifyRequest) => Promise<Context> | Context;
  /** Answers /ready: true when the subgraph's own dependencies (its store) answer. */
  ready: () => Promise<boolean>;
  logger: Logger;
  bodyLimitBytes?: number;
  /**
   * Routes under these path prefixes (e.g. `/soap/`) skip the internal-token check: they face
   * callers other than the gateway and authenticate them themselves (the CaseExchange SOAP endpoint
   * takes WS-Security or an identity-provider token). Matched against the route that will handle
   * the request, so an unknown path never slips through.
   */
  openPrefixes?: readonly string[];
}

export function readSchema(file: string): DocumentNode {
  return parse(readSchemaSource(file));
}

/**
 * One Federation 2 subgraph over HTTP: Fastify + Apollo Server, /graphql, /health, /ready, and
 * the same error masking as the gateway. Every subgraph is built by this one function.
 */
export async function createSubgraphServer<Context extends BaseContext>(
  options: SubgraphServerOptions<Context>,
): Promise<FastifyInstance> {
  const { logger } = options;
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimitBytes ?? 1_048_576 });
  const apollo = new ApolloServer<Context>({
    // Resolver maps are typed per subgraph by codegen; buildSubgraphSchema's own type is looser.
    schema: buildSubgraphSchema([{ typeDefs: readSchema(options.schemaFile), resolvers: options.resolvers as never }]),
    // runService owns SIGINT/SIGTERM and closes everything in order; Apollo's own handler would
    // stop the server a second time and re-raise the signal, and shutdown would never finish.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    // The gateway serves a static supergraph, so nothing needs to introspect a subgraph.
    introspection: false,
    formatError: (formatted) =>
      maskError(formatted, (original) => logger.error({ error: original, subgraph: options.name }, 'masked error')),
    // Inline traces feed Apollo's hosted usage reporting, which a closed network never uses; HTTP
    // cache hints are not used either, and the cache-control plugin costs time on every field.
    plugins: [fastifyApolloDrainPlugin(app), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
  });
  await apollo.start();
  app.setErrorHandler(graphqlShapedErrorHandler(logger));
  // Subgraphs answer the gateway only. Every GraphQL request — queries, mutations and the
  // gateway's _entities fetches alike — must carry a valid internal token; anything else is a 401
  // before a single resolver runs.
  const identities = new WeakMap<FastifyRequest, InternalIdentity>();
  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route === '/health' || route === '/ready') return;
    if (route !== undefined && options.openPrefixes?.some((prefix) => route.startsWith(prefix))) return;
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    try {
      if (!token) throw new Error('no internal token');
      identities.set(request, await options.verifier.verify(token));
    } catch {
      return reply
        .status(401)
        .header('www-authenticate', `Bearer realm="tongban-${options.name}"`)
        .send({ errors: [{ message: 'Requests to this service must come through the gateway', extensions: { code: ERROR_CODES.UNAUTHENTICATED } }] });
    }
  });
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_request, reply) =>
    (await options.ready()) ? { status: 'ready' } : reply.status(503).send({ status: 'unavailable' }),
  );
  await app.register(fastifyApollo(apollo), {
    context: async (request) => options.context(identities.get(request)!, request),
  });
  return app;
}
