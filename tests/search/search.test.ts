import { describe, expect, it } from 'vitest';
import { ALIASES } from '../../seeds/catalog/aliases.ts';
import { buildCatalogSeed } from '../../seeds/catalog/build.ts';
import { documentsFromSeed } from '../../subgraphs/catalog/search/documents.ts';
import type { SearchableGuide, SearchableItem } from '../../subgraphs/catalog/search/documents.ts';
import { createSearchIndex } from '../../subgraphs/catalog/search/index.ts';
import { searchQueryArgument } from '../../subgraphs/catalog/search/validate.ts';
import labelled from './queries.json' with { type: 'json' };

/**
 * Search quality on a labelled query set written as citizens type (seed 004: 搜不到、搜不全、搜不准、
 * 搜不快). The thresholds sit a little below what the index achieves, so they catch regressions
 * without failing on a tie that moves:
 *   achieved (names, lexicon, no item content yet): top-1 83/86 = 0.965, top-3 83/86 = 0.965,
 *   no-result 8/8.
 * A query that must find nothing passes only with an empty list: the index itself drops matches
 * that account for too little of the query (MIN_COVERAGE), so a client needs no score cut-off.
 */
const MIN_TOP1 = 0.92;
const MIN_TOP3 = 0.94;
// 7 of 8 achieved with the full sample content: 结婚登记 (not a county item) reaches items whose
// materials mention 结婚证. The threshold guards against more such leaks.
const MIN_NO_RESULT = 0.85;
const LIMIT = 3;

interface Labelled {
  query: string;
  expected: string[];
  note: string;
}

const queries: Labelled[] = labelled;
const seed = buildCatalogSeed();
// Item content and guide FAQ are used when the seed carries them, and simply absent otherwise.
const items: readonly SearchableItem[] = seed.items;
const guides: readonly SearchableGuide[] = seed.guides;
const index = createSearchIndex(documentsFromSeed(items, { lexicon: ALIASES, guides }));
const names = new Set(seed.items.map((item) => item.name));

describe('labelled queries', () => {
  it('name only real items, and cover what the brief asks for', () => {
    expect(queries.length).toBeGreaterThanOrEqual(60);
    expect(queries.flatMap((q) => q.expected).filter((name) => !names.has(name))).toEqual([]);
    expect(queries.filter((q) => q.expected.length === 0).length).toBeGreaterThanOrEqual(3);
    for (const keyword of ['超限运输', '企业开办', '施工许可', '不动产登记']) {
      expect(queries.some((q) => q.query === keyword), keyword).toBe(true);
    }
  });

  it(`find what people mean: top-1 ≥ ${MIN_TOP1}, top-3 ≥ ${MIN_TOP3}, nothing when nothing fits`, () => {
    const positive = queries.filter((q) => q.expected.length > 0);
    const negative = queries.filter((q) => q.expected.length === 0);
    let top1 = 0;
    let top3 = 0;
    let empty = 0;
    const misses: string[] = [];
    for (const { query, expected } of positive) {
      const hits = index.search(query, LIMIT).map((hit) => hit.name);
      const wanted = new Set(expected);
      if (hits[0] !== undefined && wanted.has(hits[0])) top1 += 1;
      if (hits.some((name) => wanted.has(name))) top3 += 1;
      else misses.push(`${query} → ${hits.join(' | ') || '(nothing)'}`);
    }
    for (const { query } of negative) {
      const hits = index.search(query, LIMIT);
      if (hits.length === 0) empty += 1;
      else misses.push(`${query} (should find nothing) → ${hits.map((hit) => hit.name).join(' | ')}`);
    }
    const rates = { top1: top1 / positive.length, top3: top3 / positive.length, noResult: empty / negative.length };
    console.log(
      `search quality over ${positive.length} + ${negative.length} queries: ` +
        `top-1 ${top1}/${positive.length} = ${rates.top1.toFixed(3)}, ` +
        `top-3 ${top3}/${positive.length} = ${rates.top3.toFixed(3)}, ` +
        `no-result ${empty}/${negative.length}` +
        (misses.length > 0 ? `\n  misses:\n    ${misses.join('\n    ')}` : ''),
    );
    expect(rates.top1).toBeGreaterThanOrEqual(MIN_TOP1);
    expect(rates.top3).toBeGreaterThanOrEqual(MIN_TOP3);
    expect(rates.noResult).toBeGreaterThanOrEqual(MIN_NO_RESULT);
  });
});

describe('the catalog index', () => {
  // How fast the index is built and queried is measured by `npm run bench catalog-scale`, not
  // asserted here: a timed test fails on a busy machine and proves nothing about behaviour.
  it('holds every item, and a rebuild from the same documents ranks alike', () => {
    expect(index.size).toBe(seed.items.length);
    const rebuilt = createSearchIndex(documentsFromSeed(items, { lexicon: ALIASES, guides }));
    for (const { query } of queries.slice(0, 20)) expect(rebuilt.search(query, 5)).toEqual(index.search(query, 5));
  });

  it('ranks the exact official name first', () => {
    for (const name of ['户口迁移登记', '机动车登记', '收养登记', '土地登记', '企业年检']) {
      expect(index.search(name, 1)[0], name).toMatchObject({ name, matchedBy: 'NAME' });
    }
  });

  it('gives the same page for the same query', () => {
    expect(index.search('登记', 20)).toEqual(index.search('登记', 20));
    expect(createSearchIndex(documentsFromSeed([...items].reverse(), { lexicon: ALIASES, guides })).search('登记', 20)).toEqual(
      index.search('登记', 20),
    );
  });
});

describe('odd input', () => {
  const odd = [
    '',
    ' ',
    '!!!!',
    '😀😀😀',
    '👨‍👩‍👧‍👦',
    "%_'\";--",
    "' OR 1=1 --",
    '.*+?^${}()|[]\\',
    '(?:a+)+$',
    '\u0000\u0001',
    '\uD800',
    '<script>alert(1)</script>',
    'ｓｅｌｅｃｔ ＊',
    'Привет 准生证 مرحبا',
    '准生证'.repeat(100),
    'x'.repeat(10_000),
  ];

  it('never throws, through validation and search', () => {
    for (const query of odd) {
      expect(() => searchQueryArgument(query), JSON.stringify(query.slice(0, 20))).not.toThrow();
      expect(() => index.search(query, 10), JSON.stringify(query.slice(0, 20))).not.toThrow();
    }
  });

  it('finds nothing for empty, symbol-only and injection-shaped input', () => {
    for (const query of ['', ' ', '!!!!', '😀😀😀', '👨‍👩‍👧‍👦', "%_'\";--", '.*+?^${}()|[]\\', '\u0000\u0001', '\uD800']) {
      expect(searchQueryArgument(query), JSON.stringify(query)).toEqual({ ok: true, query: '' });
      expect(index.search(query, 10), JSON.stringify(query)).toEqual([]);
    }
  });

  it('refuses 10,000 characters with a reason for BAD_USER_INPUT', () => {
    const checked = searchQueryArgument('x'.repeat(10_000));
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.reason).toMatch(/at most 200 characters/);
  });

  it('still finds the item inside mixed scripts and repetition', () => {
    expect(index.search('Привет 准生证 مرحبا', 3)[0]?.name).toBe('一孩生育服务证办理');
    expect(index.search('准生证'.repeat(100), 3)[0]?.name).toBe('一孩生育服务证办理');
  });
});
