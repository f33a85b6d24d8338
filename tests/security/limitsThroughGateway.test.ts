import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.ts';

/** The abuse limits as a client meets them: through the gateway, with the codes and numbers intact. */
describe('abuse limits at the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { MAX_DEPTH: '5', MAX_ALIASES: '2', MAX_COST: '500', MAX_TOKENS: '200', RATE_LIMIT_PER_IP: '40' } });
  });
  afterAll(async () => stack?.close());

  it('refuses a query over the depth limit with 400, naming the limit and the maximum', async () => {
    const { status, body } = await stack.graphql('{ serviceGuides(first: 1) { edges { node { agency { region { parent { children { name } } } } } } } }');
    expect(status).toBe(400);
    expect(body.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', max: 5 });
    expect(body.errors[0].extensions.actual).toBeGreaterThan(5);
  });

  it('refuses too many aliases and too high a cost', async () => {
    const aliases = await stack.graphql('{ a: regions { code } b: regions { code } c: regions { code } }');
    expect(aliases.status).toBe(400);
    expect(aliases.body.errors[0].extensions).toMatchObject({ limit: 'aliases', max: 2, actual: 3 });
    const cost = await stack.graphql('{ serviceItems(first: 100) { edges { node { guides { implementationCode } } } } }');
    expect(cost.status).toBe(400);
    expect(cost.body.errors[0].extensions).toMatchObject({ limit: 'cost', max: 500 });
    expect(cost.body.errors[0].extensions.actual).toBeGreaterThan(500);
  });

  it('refuses a query with too many tokens', async () => {
    const { status, body } = await stack.graphql(`{ ${Array.from({ length: 250 }, () => '__typename').join(' ')} }`);
    expect(status).toBe(400);
    expect(body.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED', limit: 'tokens', max: 200 });
  });

  it('refuses introspection and does not suggest field names', async () => {
    const introspection = await stack.graphql('{ __schema { types { name } } }');
    expect(introspection.status).toBe(400);
    expect(JSON.stringify(introspection.body)).not.toContain('ServiceGuide');
    const typo = await stack.graphql('{ serviceItemz(first: 1) { totalCount } }');
    expect(typo.status).toBe(400);
    expect(typo.body.errors[0].message).not.toMatch(/Did you mean/);
    expect((await stack.graphql('{ __typename }')).body.data).toEqual({ __typename: 'Query' });
  });

  it('answers 429 with Retry-After once an IP is over its rate', async () => {
    let response: Response | undefined;
    for (let i = 0; i < 60; i++) {
      response = await fetch(stack.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      if (response.status === 429) break;
    }
    expect(response!.status).toBe(429);
    expect(Number(response!.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await response!.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'ip' });
  });
});
