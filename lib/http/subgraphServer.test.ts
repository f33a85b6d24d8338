import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInternalVerifier, generateInternalKeyPair } from '../auth/internalToken.ts';
import { createLogger } from '../logger.ts';
import { createSubgraphServer } from './subgraphServer.ts';

const SCHEMA = fileURLToPath(new URL('../../subgraphs/results/schema.graphql', import.meta.url));

describe('openPrefixes of a subgraph server', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    const keys = await generateInternalKeyPair();
    app = await createSubgraphServer({
      name: 'probe',
      schemaFile: SCHEMA,
      resolvers: {},
      verifier: createInternalVerifier(keys.publicJwks),
      context: (identity) => ({ identity }),
      ready: async () => true,
      logger: createLogger('silent'),
      openPrefixes: ['/soap/'],
    });
    app.post('/soap/CaseExchange', async () => 'open');
    app.get('/private', async () => 'private');
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => app.close());

  it('lets requests to routes under an open prefix through without an internal token', async () => {
    const response = await fetch(`${base}/soap/CaseExchange`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('open');
  });

  it('still refuses every other route, GraphQL and unknown paths alike, without an internal token', async () => {
    expect((await fetch(`${base}/private`)).status).toBe(401);
    expect((await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' })).status).toBe(401);
    // Not a route under the prefix, only a path that looks like one: no route matched, so no exemption.
    expect((await fetch(`${base}/soap/unknown`)).status).toBe(401);
    expect((await fetch(`${base}/soap/../graphql`, { method: 'POST' })).status).toBe(401);
  });

  it('keeps /health and /ready open', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });
});
