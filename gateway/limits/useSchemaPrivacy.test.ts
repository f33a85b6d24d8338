import { ApolloServer } from '@apollo/server';
import { getIntrospectionQuery, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchema } from './testSchema.ts';
import { useSchemaPrivacy, withoutSuggestions } from './useSchemaPrivacy.ts';

const schema = apiSchema();

async function run(config: { introspection: boolean; fieldSuggestions: boolean }, query: string, variables?: Record<string, unknown>) {
  const privacy = useSchemaPrivacy(config);
  // As the gateway wires it: Apollo's own introspection rule off, so only ours answers.
  const apollo = new ApolloServer({
    schema,
    introspection: true,
    validationRules: privacy.validationRules,
    plugins: privacy.plugins,
    rootValue: { regions: () => [{ code: '110000', name: '北京市', level: 'PROVINCE', children: [] }] },
  });
  await apollo.start();
  try {
    const response = await apollo.executeOperation({ query, ...(variables ? { variables } : {}) });
    const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
    return {
      status: response.http.status ?? 200,
      data: result?.data,
      messages: ((result?.errors ?? []) as GraphQLFormattedError[]).map((error) => error.message),
    };
  } finally {
    await apollo.stop();
  }
}

const CLOSED = { introspection: false, fieldSuggestions: false };
const OPEN = { introspection: true, fieldSuggestions: true };

describe('introspection', () => {
  it('is refused when off, for __schema and __type alike', async () => {
    for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "Region") { name } }', getIntrospectionQuery()]) {
      const result = await run(CLOSED, query);
      expect(result.status).toBe(400);
      expect(result.data).toBeUndefined();
      expect(result.messages[0]).toMatch(/^GraphQL introspection has been disabled/);
      expect(result.messages.join(' ')).not.toMatch(/Apollo/);
    }
  });

  it('is answered when on', async () => {
    const result = await run({ ...CLOSED, introspection: true }, '{ __schema { queryType { name } } __type(name: "Region") { name } }');
    expect(result).toEqual({ status: 200, data: { __schema: { queryType: { name: 'Query' } }, __type: { name: 'Region' } }, messages: [] });
  });

  it('leaves __typename working either way', async () => {
    for (const config of [CLOSED, OPEN]) {
      const result = await run(config, '{ __typename regions { __typename name } }');
      expect(result).toEqual({ status: 200, data: { __typename: 'Query', regions: [{ __typename: 'Region', name: '北京市' }] }, messages: [] });
    }
  });
});

describe('field suggestions', () => {
  const MISTAKES: Array<[string, Record<string, unknown> | undefined, string]> = [
    ['{ regions { nmae } }', undefined, 'Cannot query field "nmae" on type "Region".'],
    ['{ regions(parnet: "110000") { name } }', undefined, 'Unknown argument "parnet" on field "Query.regions".'],
    ['{ serviceItems(filter: { type: LICENS }) { totalCount } }', undefined, 'Value "LICENS" does not exist in "ItemType" enum.'],
    ['query ($f: ServiceItemFilte) { serviceItems(filter: $f) { totalCount } }', undefined, 'Unknown type "ServiceItemFilte".'],
    [
      'query ($f: ServiceItemFilter) { serviceItems(filter: $f) { totalCount } }',
      { f: { tpye: 'LICENSE' } },
      'Variable "$f" got invalid value { tpye: "LICENSE" }; Field "tpye" is not defined by type "ServiceItemFilter".',
    ],
  ];

  it('are removed from every message when off, validation and variable errors alike', async () => {
    for (const [query, variables, message] of MISTAKES) {
      expect((await run(CLOSED, query, variables)).messages).toEqual([message]);
    }
  });

  it('are kept when on', async () => {
    for (const [query, variables, message] of MISTAKES) {
      const [received] = (await run(OPEN, query, variables)).messages;
      expect(received).toMatch(/ Did you mean .+\?$/);
      expect(withoutSuggestions(received!)).toBe(message);
    }
  });

  it('are cut from the end of a message only', () => {
    expect(withoutSuggestions('Cannot query field "nmae" on type "Region". Did you mean "name"?')).toBe('Cannot query field "nmae" on type "Region".');
    expect(withoutSuggestions('Unknown type "X". Did you mean "A", "B", or "C"?')).toBe('Unknown type "X".');
    expect(withoutSuggestions('Nothing to cut here.')).toBe('Nothing to cut here.');
  });
});
