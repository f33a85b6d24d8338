import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientIp } from '../../gateway/limits/clientIp.ts';
import { createRateLimiter, type RateLimiter } from '../../gateway/limits/rateLimiter.ts';
import { apiSchema } from '../../gateway/limits/testSchema.ts';
import { useQueryLimits } from '../../gateway/limits/useQueryLimits.ts';
import { rateLimitHook } from '../../gateway/limits/useRateLimit.ts';
import { useSchemaPrivacy } from '../../gateway/limits/useSchemaPrivacy.ts';
import { loadConfig } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';

/**
 * The abuse limits over HTTP, wired into Fastify and Apollo Server the way the gateway wires them
 * (the API schema stands in for the subgraphs): every refusal is a 4xx in the GraphQL error
 * shape naming its limit, and nothing refused reaches execution.
 */
describe('abuse limits over HTTP', () => {
  const config = loadConfig({ MAX_DEPTH: '6', MAX_ALIASES: '5', MAX_TOKENS: '200', MAX_COST: '500', RATE_LIMIT_PER_IP: '30' });
  let app: FastifyInstance;
  let limiter: RateLimiter;
  let executed = 0;

  beforeAll(async () => {
    app = Fastify();
    limiter = await createRateLimiter({ windowSeconds: config.rateLimitWindowSeconds, commandTimeoutMs: 100, logger: createLogger('silent') });
    const limits = useQueryLimits(config);
    const privacy = useSchemaPrivacy(config);
    const apollo = new ApolloServer({
      schema: apiSchema(),
      introspection: true,
      parseOptions: limits.parseOptions,
      validationRules: [...limits.validationRules, ...privacy.validationRules],
      plugins: [
        fastifyApolloDrainPlugin(app),
        ApolloServerPluginLandingPageDisabled(),
        limits.plugin,
        ...privacy.plugins,
        {
          async requestDidStart() {
            return {
              async executionDidStart() {
                executed++;
              },
            };
          },
        },
      ],
      rootValue: { regions: () => [] },
    });
    await apollo.start();
    const rateLimit = rateLimitHook({
      limiter,
      perPrincipal: config.rateLimitPerPrincipal,
      perIp: config.rateLimitPerIp,
      principalOf: () => undefined,
      ipOf: (request) => clientIp(request, config.trustProxy),
    });
    await app.register(async (graphql) => {
      graphql.addHook('onRequest', rateLimit);
      await graphql.register(fastifyApollo(apollo));
    });
    app.get('/health', async () => ({ status: 'ok' }));
  });
  afterAll(async () => {
    await app?.close();
    await limiter?.close();
  });

  let nextIp = 1;
  const ask = async (query: string, variables?: Record<string, unknown>, remoteAddress = `198.51.100.${nextIp++}`) => {
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      remoteAddress,
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      payload: { query, variables },
    });
    return { status: response.statusCode, headers: response.headers, body: response.json() };
  };

  it('answers a query within every limit', async () => {
    const { status, body, headers } = await ask('{ regions { name children { name } } }');
    expect(status).toBe(200);
    expect(body).toEqual({ data: { regions: [] } });
    expect(executed).toBeGreaterThan(0);
    expect(headers['ratelimit-limit']).toBe('30');
  });

  it.each([
    ['depth', '{ regions { children { children { children { children { children { name } } } } } } }', undefined, 7],
    ['aliases', '{ a: __typename b: __typename c: __typename d: __typename e: __typename f: __typename }', undefined, 6],
    ['cost', 'query ($n: Int) { serviceGuides(first: $n) { edges { node { name agency { name } } } } }', { n: 200 }, 802],
  ])('refuses a query over the %s limit with 400, before executing it', async (limit, query, variables, actual) => {
    const before = executed;
    const { status, body } = await ask(query, variables);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toEqual({
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit,
      max: { depth: 6, aliases: 5, cost: 500 }[limit],
      actual,
    });
    expect(body.errors[0].message).toContain(String({ depth: 6, aliases: 5, cost: 500 }[limit]));
    expect(executed).toBe(before);
  });

  it('refuses a document over the token limit with 400 while parsing', async () => {
    const { status, body } = await ask(`{ ${'__typename '.repeat(199)}}`);
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({
      message: 'Query has more than the maximum of 200 tokens.',
      extensions: { code: 'GRAPHQL_PARSE_FAILED', limit: 'tokens', max: 200 },
    });
  });

  it('refuses introspection and hides suggestions by default, keeping __typename', async () => {
    const introspection = await ask('{ __schema { types { name } } }');
    expect(introspection.status).toBe(400);
    expect(introspection.body.errors[0].message).toMatch(/introspection has been disabled/);
    const typo = await ask('{ regions { nmae } }');
    expect(typo.body.errors[0].message).toBe('Cannot query field "nmae" on type "Region".');
    expect((await ask('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers 429 once a client IP is over its limit, before GraphQL runs, and leaves /health alone', async () => {
    const ip = '203.0.113.99';
    for (let i = 0; i < 30; i++) expect((await ask('{ __typename }', undefined, ip)).status).toBe(200);
    const before = executed;
    const refused = await ask('{ regions { name } }', undefined, ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'ip' });
    expect(executed).toBe(before);
    expect((await app.inject({ method: 'GET', url: '/health', remoteAddress: ip })).statusCode).toBe(200);
  });
});
