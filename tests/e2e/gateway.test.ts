import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.ts';

/** The gateway's own HTTP behaviour: health, readiness, refusals, and what clients see of faults. */
describe('gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => stack?.close());

  const origin = () => new URL(stack.gateway.url).origin;
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('turns Apollo telemetry off in its process', () => {
    expect(process.env['APOLLO_TELEMETRY_DISABLED']).toBe('1');
  });

  it('answers /health and, with every subgraph up, /ready', async () => {
    expect((await fetch(`${origin()}/health`)).status).toBe(200);
    const ready = await fetch(`${origin()}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, subgraphs: { catalog: 'up' } });
  });

  it('refuses malformed JSON with 400 and a GraphQL-shaped error', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('refuses batched operations', async () => {
    const response = await post(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/BAD_REQUEST/);
  });

  it('refuses a body over the configured limit with 413', async () => {
    const response = await post(JSON.stringify({ query: `{ __typename } #${'x'.repeat(stack.config.bodyLimitBytes)}` }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED and wrong variables with 400 BAD_USER_INPUT', async () => {
    const parse = await post(JSON.stringify({ query: '{ serviceItems(first: ' }));
    expect(parse.status).toBe(400);
    expect(((await parse.json()) as any).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const variables = await post(
      JSON.stringify({ query: 'query ($n: Int!) { serviceItems(first: $n) { totalCount } }', variables: { n: 'many' } }),
    );
    expect(variables.status).toBe(400);
    expect(((await variables.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('gateway when things break', () => {
  it('masks a store failure: a generic message, no SQL, no stack trace', async () => {
    const stack = await startStack();
    try {
      await stack.catalog.store.exec('DROP TABLE service_guide CASCADE');
      const { status, body } = await stack.graphql('{ serviceGuides(first: 1) { totalCount } }');
      expect(status).toBe(200);
      expect(body.errors).toEqual([
        expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
      ]);
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/service_guide|relation|stacktrace|\.ts:/);
    } finally {
      await stack.close();
    }
  });

  it('reports SUBGRAPH_UNAVAILABLE and /ready 503 when a subgraph is down, and stays up itself', async () => {
    const stack = await startStack();
    try {
      await stack.catalog.app.close();
      const { status, body } = await stack.graphql('{ serviceItems(first: 1) { totalCount } }');
      expect(status).toBe(200);
      expect(body.errors[0].extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'catalog' });
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
      const origin = new URL(stack.gateway.url).origin;
      const ready = await fetch(`${origin}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ ready: false, subgraphs: { catalog: 'down' } });
      expect((await fetch(`${origin}/health`)).status).toBe(200);
    } finally {
      await stack.close();
    }
  });
});
