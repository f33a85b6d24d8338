import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createCatalogSearch } from './service.ts';

interface Row {
  basicCode: string;
  name: string;
  group: string;
}

function fakeRepository(rowsFor: (asOf: string) => Row[] | Promise<Row[]>) {
  const calls: string[] = [];
  return {
    calls,
    /** The catalog's data version, as other processes' writes would bump it. */
    version: 1,
    async dataVersion() {
      return this.version;
    },
    // The service reads only these fields; the rest of ServiceItemModel is irrelevant to search.
    allItemsInForce: async (asOf: string) => {
      calls.push(asOf);
      return (await rowsFor(asOf)) as never;
    },
  };
}

const ROWS: Row[] = [
  { basicCode: '0100001000', name: '一孩生育服务证办理', group: '便民服务事项' },
  { basicCode: '0100002000', name: '企业登记', group: '工商行政管理工作' },
];

describe('createCatalogSearch', () => {
  it('builds the index on first use, from the items in force today, with the seed lexicon', async () => {
    const repository = fakeRepository(() => ROWS);
    const search = createCatalogSearch(repository, () => '2024-05-01');
    expect(repository.calls).toEqual([]);
    const hits = await search.search('准生证', 10);
    expect(hits[0]).toMatchObject({ basicCode: '0100001000', matchedBy: 'ALIAS' });
    await search.search('企业登记', 10);
    expect(repository.calls).toEqual(['2024-05-01']);
  });

  it('shares one build between concurrent searches', async () => {
    const repository = fakeRepository(() => ROWS);
    const search = createCatalogSearch(repository, () => '2024-05-01');
    await Promise.all([search.search('准生证', 1), search.search('企业', 1), search.search('登记', 1)]);
    expect(repository.calls).toHaveLength(1);
  });

  it('rebuilds after the catalog changes and when the day turns', async () => {
    let rows = ROWS.slice(0, 1);
    let day = '2024-05-01';
    const repository = fakeRepository(() => rows);
    const search = createCatalogSearch(repository, () => day);
    expect(await search.search('企业登记', 10)).toEqual([]);
    rows = ROWS;
    expect(await search.search('企业登记', 10)).toEqual([]);
    search.markStale();
    expect((await search.search('企业登记', 10))[0]?.basicCode).toBe('0100002000');
    day = '2024-05-02';
    await search.search('企业登记', 10);
    expect(repository.calls).toEqual(['2024-05-01', '2024-05-01', '2024-05-02']);
  });

  it("notices another process's write through the data version, checked every few seconds", async () => {
    let rows = ROWS.slice(0, 1);
    let clock = 0;
    const repository = fakeRepository(() => rows);
    const search = createCatalogSearch(repository, () => '2024-05-01', () => clock);
    expect(await search.search('企业登记', 10)).toEqual([]);
    rows = ROWS;
    repository.version = 2;
    clock += 1_000;
    expect(await search.search('企业登记', 10)).toEqual([]);
    clock += 5_000;
    expect((await search.search('企业登记', 10))[0]?.basicCode).toBe('0100002000');
  });

  it('retries a failed build instead of caching the failure', async () => {
    let fail = true;
    const repository = fakeRepository(() => (fail ? Promise.reject(new Error('store down')) : ROWS));
    const search = createCatalogSearch(repository, () => '2024-05-01');
    await expect(search.search('准生证', 10)).rejects.toThrow('store down');
    fail = false;
    expect(await search.search('准生证', 10)).toHaveLength(1);
  });

  it('refuses an over-long query with BAD_USER_INPUT on the query argument', async () => {
    const search = createCatalogSearch(fakeRepository(() => ROWS), () => '2024-05-01');
    const error = await search.search('证'.repeat(10_000), 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
  });

  it('answers an empty or symbol-only query with no hits, without building', async () => {
    const repository = fakeRepository(() => ROWS);
    const search = createCatalogSearch(repository, () => '2024-05-01');
    expect(await search.search('', 10)).toEqual([]);
    expect(await search.search("%_'\";--", 10)).toEqual([]);
    expect(repository.calls).toEqual([]);
  });
});
