import { ApolloServer } from '@apollo/server';
import { parse, specifiedRules, validate, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchema } from './testSchema.ts';
import { estimateCost, maxAliasesRule, maxDepthRule, queryParseOptions, useQueryLimits } from './useQueryLimits.ts';

const schema = apiSchema();
const errorsOf = (query: string, rules = [maxDepthRule(4), maxAliasesRule(3)]) =>
  validate(schema, parse(query), [...specifiedRules, ...rules]);
const cost = (query: string, variables: Record<string, unknown> = {}, defaultListSize?: number) =>
  estimateCost(parse(query), schema, variables, defaultListSize === undefined ? {} : { defaultListSize });

/** `{ regions { children { … name } } }`, `depth` fields deep. */
const nestedRegions = (depth: number) => `{ regions { ${'children { '.repeat(depth - 2)}name${' }'.repeat(depth - 1)} }`;

describe('maximum depth', () => {
  it('accepts a query at the maximum and refuses one level more, naming the limit', () => {
    expect(errorsOf(nestedRegions(4))).toEqual([]);
    const [error, ...rest] = errorsOf(nestedRegions(5));
    expect(rest).toEqual([]);
    expect(error!.message).toBe('Query depth 5 exceeds the maximum depth of 4.');
    expect(error!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', max: 4, actual: 5 });
  });

  it('follows fragments to where they are spread; fragments add no level of their own', () => {
    const fragment = 'fragment Deep on Region { children { children { name } } }';
    expect(errorsOf(`{ regions { ...Deep } } ${fragment}`)).toEqual([]);
    expect(errorsOf(`{ regions { children { ...Deep } } } ${fragment}`)[0]?.extensions).toMatchObject({ limit: 'depth', actual: 5 });
    expect(errorsOf(`{ regions { ... on Region { children { ... on Region { children { children { name } } } } } } }`)[0]?.extensions)
      .toMatchObject({ limit: 'depth', actual: 5 });
  });

  it('counts introspection fields', () => {
    expect(errorsOf('{ __schema { types { fields { name } } } }')).toEqual([]);
    expect(errorsOf('{ __schema { types { fields { type { name } } } } }')[0]?.extensions).toMatchObject({ limit: 'depth', actual: 5 });
  });

  it('measures each operation of a document on its own', () => {
    const errors = errorsOf(`query Shallow { regions { name } } query Deep ${nestedRegions(6)}`);
    expect(errors.map((error) => error.extensions['actual'])).toEqual([6]);
  });

  it('terminates on fragment cycles, which graphql-js refuses itself', () => {
    const errors = errorsOf('{ regions { ...A } } fragment A on Region { children { ...B } } fragment B on Region { parent { ...A } }');
    expect(errors.some((error) => error.message.includes('Cannot spread fragment "A" within itself'))).toBe(true);
  });
});

describe('maximum aliases', () => {
  it('accepts a query at the maximum and refuses one alias more, naming the limit', () => {
    expect(errorsOf('{ a: regions { name } b: agencies { n: name } }')).toEqual([]);
    const [error, ...rest] = errorsOf('{ a: regions { name } b: agencies { n: name } c: __typename }');
    expect(rest).toEqual([]);
    expect(error!.message).toBe('Query uses 4 aliases, more than the maximum of 3 aliases.');
    expect(error!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases', max: 3, actual: 4 });
  });

  it('counts the aliases of a fragment each time it is spread', () => {
    const fragment = 'fragment Names on Region { n1: name n2: name }';
    expect(errorsOf(`{ regions { ...Names } } ${fragment}`)).toEqual([]);
    expect(errorsOf(`{ regions { ...Names children { ...Names } } } ${fragment}`)[0]?.extensions).toMatchObject({
      limit: 'aliases',
      actual: 4,
    });
  });

  it('allows no alias at all when the maximum is 0', () => {
    expect(errorsOf('{ regions { name } }', [maxAliasesRule(0)])).toEqual([]);
    expect(errorsOf('{ r: regions { name } }', [maxAliasesRule(0)])[0]?.extensions).toMatchObject({ limit: 'aliases', max: 0 });
  });
});

describe('estimated cost', () => {
  const GUIDES = 'query ($n: Int) { serviceGuides(first: $n) { edges { node { name } } } }';

  it('counts each field once per element of the lists above it; edges take their connection\'s first', () => {
    // serviceGuides + edges, then node + name for each of the 10 edges
    expect(cost('{ serviceGuides(first: 10) { edges { node { name } } } }')).toBe(2 + 10 * 2);
    expect(cost('{ serviceGuides(first: 10) { totalCount pageInfo { hasNextPage } edges { cursor } } }')).toBe(5 + 10);
  });

  it('takes the size from the variables, the operation\'s default, or the schema\'s default', () => {
    expect(cost(GUIDES, { n: 100 })).toBe(2 + 100 * 2);
    expect(cost(GUIDES.replace('$n: Int', '$n: Int = 5'))).toBe(2 + 5 * 2);
    // serviceGuides(first: Int = 20)
    expect(cost(GUIDES)).toBe(2 + 20 * 2);
    expect(cost('{ serviceGuides { edges { node { name } } } }')).toBe(2 + 20 * 2);
  });

  it('gives lists without a size argument the default size', () => {
    expect(cost('{ regions { name } }')).toBe(1 + 20);
    expect(cost('{ agencies { name region { name } } }', {}, 5)).toBe(1 + 5 * 3);
    expect(cost('{ serviceItem(basicCode: "0000000000") { guides { name agency { name } } } }')).toBe(2 + 20 * 3);
    expect(cost('{ regions { children { children { name } } } }')).toBe(1 + 20 * (1 + 20 * (1 + 20)));
  });

  it('follows fragments, passing a connection\'s size into them', () => {
    const query = '{ serviceGuides(first: 10) { ...Page } } fragment Page on ServiceGuideConnection { edges { node { ...Guide } } }';
    expect(cost(`${query} fragment Guide on ServiceGuide { name agency { name } }`)).toBe(2 + 10 * 4);
    expect(cost('{ serviceGuides(first: 10) { ... on ServiceGuideConnection { edges { node { name } } } } }')).toBe(2 + 10 * 2);
  });

  it('leaves out what @skip and @include leave out', () => {
    const query = 'query ($heavy: Boolean!) { regions { name } agencies @include(if: $heavy) { name } }';
    expect(cost(query, { heavy: false })).toBe(21);
    expect(cost(query, { heavy: true })).toBe(42);
  });

  it('costs the operation named in the request', () => {
    const document = 'query Small { __typename } query Large { regions { name } }';
    expect(estimateCost(parse(document), schema, {}, { operationName: 'Small' })).toBe(1);
    expect(estimateCost(parse(document), schema, {}, { operationName: 'Large' })).toBe(21);
  });
});

describe('the limits in Apollo\'s request pipeline', () => {
  const config = { maxDepth: 12, maxAliases: 30, maxTokens: 100, maxCost: 202 };
  const server = async () => {
    const limits = useQueryLimits(config);
    const apollo = new ApolloServer({
      schema,
      validationRules: limits.validationRules,
      parseOptions: limits.parseOptions,
      plugins: [limits.plugin],
      rootValue: { serviceGuides: () => ({ edges: [] }), regions: () => [] },
      includeStacktraceInErrorResponses: false,
    });
    await apollo.start();
    return apollo;
  };
  const run = async (query: string, variables?: Record<string, unknown>) => {
    const apollo = await server();
    try {
      const response = await apollo.executeOperation({ query, ...(variables ? { variables } : {}) });
      const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
      return { status: response.http.status ?? 200, errors: (result?.errors ?? []) as GraphQLFormattedError[] };
    } finally {
      await apollo.stop();
    }
  };
  const GUIDES = 'query ($n: Int) { serviceGuides(first: $n) { edges { node { name } } } }';

  it('accepts a cost at the maximum and refuses one over with HTTP 400, counting variables', async () => {
    expect(await run(GUIDES, { n: 100 })).toEqual({ status: 200, errors: [] });
    const over = await run('query ($n: Int) { serviceGuides(first: $n) { totalCount edges { node { name } } } }', { n: 100 });
    expect(over.status).toBe(400);
    expect(over.errors).toEqual([
      expect.objectContaining({
        message: 'Query cost 203 (estimated) exceeds the maximum cost of 202.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', max: 202, actual: 203 },
      }),
    ]);
  });

  it('refuses a document one token over the maximum while parsing, naming the limit', async () => {
    const typenames = (tokens: number) => `{ ${'__typename '.repeat(tokens - 2)}}`;
    expect(() => parse(typenames(100), queryParseOptions(config))).not.toThrow();
    expect(() => parse(typenames(101), queryParseOptions(config))).toThrow(/100 tokens/);
    expect(await run(typenames(100))).toEqual({ status: 200, errors: [] });
    const over = await run(typenames(101));
    expect(over.status).toBe(400);
    expect(over.errors).toEqual([
      expect.objectContaining({
        message: 'Query has more than the maximum of 100 tokens.',
        extensions: { code: 'GRAPHQL_PARSE_FAILED', limit: 'tokens', max: 100 },
      }),
    ]);
  });

  it('answers depth and alias refusals with HTTP 400 and the limit in the extensions', async () => {
    const deep = await run(nestedRegions(13));
    expect(deep.status).toBe(400);
    expect(deep.errors[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', max: 12, actual: 13 });
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ');
    const aliased = await run(`{ ${aliases} }`);
    expect(aliased.status).toBe(400);
    expect(aliased.errors[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases', max: 30, actual: 31 });
  });

  it('leaves other syntax errors as they are', async () => {
    const broken = await run('{ regions { name }');
    expect(broken.status).toBe(400);
    expect(broken.errors[0]?.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });
});
