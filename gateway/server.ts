import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { JWK } from 'jose';
import type { Agent } from 'undici';
import { internalSignerFor } from '../lib/auth/internalKeys.ts';
import { ANONYMOUS } from '../lib/auth/principal.ts';
import { ConfigError, type Config } from '../lib/config.ts';
import { maskError } from '../lib/errors.ts';
import { graphqlShapedErrorHandler } from '../lib/http/errorHandler.ts';
import type { Logger } from '../lib/logger.ts';
import { accessTokenVerifierFor } from './auth/oidc.ts';
import { identityOf, useAuthentication } from './auth/useAuthentication.ts';
import { useAuthStatus } from './auth/useAuthStatus.ts';
import type { GatewayContext } from './context.ts';
import { BoundedRemoteDataSource, createSubgraphAgent } from './datasources/BoundedRemoteDataSource.ts';
import { clientIp, ipBucket } from './limits/clientIp.ts';
import { createRateLimiter } from './limits/rateLimiter.ts';
import { useQueryLimits } from './limits/useQueryLimits.ts';
import { rateLimitHook } from './limits/useRateLimit.ts';
import { useLookupRateLimit } from './limits/useLookupRateLimit.ts';
import { useSchemaPrivacy } from './limits/useSchemaPrivacy.ts';
import { registerCertificateRoutes, registerFileProxy, registerSoapProxy } from './publicRoutes.ts';
import { checkSubgraphs, type SubgraphEndpoint } from './readiness.ts';
import { readSupergraph, SUPERGRAPH_FILE } from './supergraph.ts';

export interface GatewayOptions {
  config: Config;
  logger: Logger;
  /** Subgraph name → URL, overriding the URLs composed into the supergraph. */
  subgraphUrls?: Record<string, string | undefined>;
  supergraphFile?: string;
  port?: number;
  /** The OIDC issuer, when a launcher starts the development provider; otherwise OIDC_ISSUER. */
  oidcIssuer?: string;
  /** The private key for internal tokens, when a launcher generates it; otherwise INTERNAL_SIGNING_KEY. */
  internalSigningKey?: JWK;
}

export interface GatewayService {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:4000/graphql */
  url: string;
  close(): Promise<void>;
}

/** The URL overrides the configuration provides, by subgraph name. */
export function configuredSubgraphUrls(config: Config): Record<string, string | undefined> {
  return { catalog: config.catalogUrl, identity: config.identityUrl, cases: config.casesUrl, results: config.resultsUrl, certificates: config.certificatesUrl, exchange: config.exchangeUrl, supervision: config.supervisionUrl };
}

export async function startGateway(options: GatewayOptions): Promise<GatewayService> {
  const { config } = options;
  const logger = options.logger.child({ service: 'gateway' });
  const issuer = options.oidcIssuer ?? config.oidcIssuer;
  if (!issuer) throw new ConfigError('OIDC_ISSUER', 'required: the issuer URL of the identity provider');
  const verifier = accessTokenVerifierFor(config, issuer);
  const signer = await internalSignerFor(config, options.internalSigningKey);
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

  // Fastify's own trustProxy would take the client-written leftmost X-Forwarded-For entry;
  // clientIp() takes the entry our own proxy appended, and only when TRUST_PROXY is on.
  const app = Fastify({ logger: false, bodyLimit: config.bodyLimitBytes });
  const ipOf = (request: FastifyRequest) => clientIp(request, config.trustProxy);
  const limiter = await createRateLimiter({
    redisUrl: config.redisUrl,
    windowSeconds: config.rateLimitWindowSeconds,
    commandTimeoutMs: config.redisCommandTimeoutMs,
    logger,
  });
  const limits = useQueryLimits<GatewayContext>(config);
  const privacy = useSchemaPrivacy<GatewayContext>(config);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // INTROSPECTION is enforced by useSchemaPrivacy's rule; Apollo's own switch would duplicate it.
    introspection: true,
    parseOptions: limits.parseOptions,
    validationRules: [...limits.validationRules, ...privacy.validationRules],
    // runService owns SIGINT/SIGTERM and closes everything in order; Apollo's own handler would
    // stop the server a second time and re-raise the signal, and shutdown would never finish.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted) => maskError(formatted, (original) => logger.error({ error: original }, 'masked error')),
    plugins: [
      fastifyApolloDrainPlugin(app),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      useAuthStatus(),
      limits.plugin,
      ...privacy.plugins,
      useLookupRateLimit<GatewayContext>({
        limiter,
        fields: { caseStatus: config.caseStatusLookupsPerWindow },
        ipOf: (context) => context.identity.meta.clientIp,
      }),
    ],
  });
  await apollo.start();

  const authenticate = useAuthentication(verifier, ipOf);
  const rateLimit = rateLimitHook({
    limiter,
    perPrincipal: config.rateLimitPerPrincipal,
    perIp: config.rateLimitPerIp,
    principalOf: (request) => identityOf(request).principal,
    ipOf,
  });
  app.setErrorHandler(graphqlShapedErrorHandler(logger));
  // Authentication first (a refused token ends the request), then the rate limit, which counts a
  // signed-in principal by subject and an anonymous caller by IP.
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== '/graphql') return;
    await authenticate(request, reply);
    if (reply.sent) return reply;
    return rateLimit(request, reply);
  });
  app.get('/health', async () => ({ status: 'ok' }));
  // The gateway's own requests (readiness, file downloads) go out as an anonymous principal.
  const anonymousToken = () => signer.sign({ principal: ANONYMOUS, meta: { clientIp: null, purpose: null } });
  app.get('/ready', async (_request, reply) => {
    const [subgraphs, identityProvider] = await Promise.all([
      checkSubgraphs(endpoints, config.readyTimeoutMs, anonymousToken),
      verifier.keysUsable() ? Promise.resolve(true) : verifier.warmUp().then(() => true, () => false),
    ]);
    const ready = subgraphs.ready && identityProvider;
    return reply
      .status(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'unavailable', ready, subgraphs: subgraphs.subgraphs, identityProvider: identityProvider ? 'up' : 'down' });
  });
  registerFileProxy(app, endpointOf('catalog'), anonymousToken);
  const certificates = endpoints.find((endpoint) => endpoint.name === 'certificates');
  if (certificates) registerCertificateRoutes(app, certificates, anonymousToken);
  const exchange = endpoints.find((endpoint) => endpoint.name === 'exchange');
  if (exchange) {
    await registerSoapProxy(app, exchange, {
      bodyLimitBytes: 2 * 1_048_576,
      allow: async (request) => (await limiter.hit(`soap:ip:${ipBucket(ipOf(request))}`, config.rateLimitPerIp)).allowed,
    });
  }
  await app.register(fastifyApollo(apollo), {
    context: async (request) => {
      const identity = identityOf(request);
      return { identity, internalToken: () => signer.sign(identity) };
    },
  });

  const address = await app.listen({ host: config.host, port: options.port ?? config.gatewayPort });
  // Fetch the provider's keys now, so the first signed-in request does not wait for them; a
  // provider that is not up yet is retried on demand.
  verifier.warmUp().catch((error: Error) => logger.warn({ err: error.message }, 'identity provider keys not fetched yet'));
  return {
    app,
    url: `${address}/graphql`,
    async close() {
      await app.close();
      await apollo.stop();
      await limiter.close();
      await Promise.all([...agents.values()].map((agent) => agent.close()));
    },
  };
}
