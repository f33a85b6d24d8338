import { readSchemaSource } from '../../lib/graphql/schemaSource.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../lib/cache/memory.ts';
import { createLogger } from '../../lib/logger.ts';
import { storeKinds } from '../../tests/support/services.ts';
import { openTestStore, type TestStore } from '../../tests/support/stores.ts';
import { graphql, parse } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { chinaDate } from '../../lib/time.ts';
import { ANONYMOUS } from '../../lib/auth/principal.ts';
import { createLoaders } from './loaders.ts';
import { CatalogRepository } from './repository.ts';
import { resolvers } from './resolvers/index.ts';
import { CATALOG_SCHEMA_FILE, prepareCatalogStore } from './service.ts';

const schema = buildSubgraphSchema([{ typeDefs: parse(readSchemaSource(CATALOG_SCHEMA_FILE)), resolvers: resolvers as never }]);

const PAGE = `query Page($first: Int!) {
  serviceGuides(first: $first) {
    edges { node { implementationCode name level
      agency { uscc name region { code name } parent { name } }
      item { basicCode name type group guides { implementationCode } } } }
  }
}`;

/**
 * Batching is proven by counting the statements the store receives, not by timing: a page of
 * 50 guides with their agencies, items, regions and the items' guides must cost the same small,
 * fixed number of statements as a page of 5.
 */
describe.each(storeKinds())('statement count of a guide page on %s', (kind) => {
  let target: TestStore;
  beforeAll(async () => {
    target = await openTestStore(kind);
    await prepareCatalogStore(target.store, createMemoryCache({ ttlSeconds: 60 }), true, createLogger('silent'));
  });
  afterAll(async () => target.dispose());

  async function statementsFor(first: number, cache = createMemoryCache({ ttlSeconds: 60 })) {
    const repository = new CatalogRepository(target.store);
    const before = target.store.stats.statements;
    const result = await graphql({
      schema,
      source: PAGE,
      variableValues: { first },
      contextValue: { repository, loaders: createLoaders(repository, cache), today: chinaDate(), store: target.store, publicUrl: 'http://localhost:4000' },
    });
    expect(result.errors).toBeUndefined();
    const edges = (result.data as any).serviceGuides.edges;
    expect(edges).toHaveLength(first);
    expect(edges.every((edge: any) => edge.node.agency.name && edge.node.item.basicCode)).toBe(true);
    return target.store.stats.statements - before;
  }

  it('is bounded and independent of the page size with a cold cache', async () => {
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    // page + items + agencies + regions + parent agencies (+ their regions) + item guides.
    expect(fifty).toBeLessThanOrEqual(7);
    expect(fifty).toBe(five);
  });

  it('resolves any number of guide version references in one statement; unknown ones are null', async () => {
    const { rows } = await target.store.query<{ implementation_code: string }>(
      'SELECT implementation_code FROM service_guide ORDER BY implementation_code LIMIT 50',
    );
    const codes = rows.map((row) => row.implementation_code);
    const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on ServiceGuideVersion { implementationCode number effectiveFrom status author guide { implementationCode version { number } result { public } } } } }`;
    const entities = async (representations: Array<Record<string, unknown>>) => {
      const repository = new CatalogRepository(target.store);
      const before = target.store.stats.statements;
      const result = await graphql({
        schema,
        source: ENTITIES,
        variableValues: { representations: representations.map((r) => ({ __typename: 'ServiceGuideVersion', ...r })) },
        contextValue: {
          identity: { principal: ANONYMOUS, meta: { clientIp: null, purpose: null } },
          repository,
          loaders: createLoaders(repository, createMemoryCache({ ttlSeconds: 60 })),
          today: chinaDate(),
          store: target.store,
          publicUrl: 'http://localhost:4000',
        },
      });
      expect(result.errors).toBeUndefined();
      return { data: (result.data as any)._entities as any[], statements: target.store.stats.statements - before };
    };
    const five = await entities(codes.slice(0, 5).map((implementationCode) => ({ implementationCode, number: 1 })));
    // Mixed codes and numbers, unknown versions and a malformed code among them.
    const mixed = [
      ...codes.map((implementationCode) => ({ implementationCode, number: 1 })),
      { implementationCode: codes[0], number: 99 },
      { implementationCode: codes[1], number: 0 },
      { implementationCode: 'not-a-code', number: 1 },
    ];
    const fifty = await entities(mixed);
    expect(five.statements).toBe(1);
    // The versions (one statement); the guides' version fields need nothing more.
    expect(fifty.statements).toBe(1);
    expect(fifty.data.slice(0, 50).map((entity) => [entity.implementationCode, entity.number, entity.guide.version.number])).toEqual(
      codes.map((code) => [code, 1, 1]),
    );
    expect(fifty.data.slice(50)).toEqual([null, null, null]);
    expect(fifty.data[0]).toMatchObject({ effectiveFrom: '2019-01-01', status: 'ACTIVE', author: 'seed' });
  });

  it('needs only the page query once the entity cache is warm', async () => {
    const cache = createMemoryCache({ ttlSeconds: 60 });
    await statementsFor(50, cache);
    // The page and the item→guides list hop are not entity reads; everything else is cached.
    expect(await statementsFor(50, cache)).toBe(2);
  });
});
