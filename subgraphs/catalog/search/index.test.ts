import { describe, expect, it } from 'vitest';
import { createSearchIndex } from './index.ts';
import type { SearchDocument } from './types.ts';

function doc(basicCode: string, name: string, extra: Partial<SearchDocument> = {}): SearchDocument {
  return { basicCode, name, aliases: [], themes: [], materials: [], faq: [], group: '测试工作', ...extra };
}

const documents = [
  doc('0100001000', '企业登记', { aliases: ['营业执照', '注册公司'] }),
  doc('0100002000', '就业登记和失业登记'),
  doc('0100003000', '一孩生育服务证办理', { aliases: ['准生证'] }),
  doc('0100004000', '建筑工程施工许可证核发', { aliases: ['施工许可'] }),
  doc('0100005000', '建筑工程夜间施工许可'),
  doc('0100006000', '收养登记', { themes: ['户籍办理'] }),
  doc('0100007000', '社会保障卡办理', { materials: ['居民身份证原件'] }),
  doc('0100008000', '减税、免税'),
  doc('0100009000', '减税、免税'),
];
const index = createSearchIndex(documents);

describe('createSearchIndex', () => {
  it('reports its size', () => {
    expect(index.size).toBe(documents.length);
    expect(createSearchIndex([]).size).toBe(0);
    expect(createSearchIndex([]).search('准生证', 10)).toEqual([]);
  });

  it('puts an exact name first, ahead of names that merely share words', () => {
    const hits = index.search('企业登记', 10);
    expect(hits[0]).toMatchObject({ basicCode: '0100001000', matchedBy: 'NAME' });
    expect(hits[0]!.score).toBeGreaterThanOrEqual(3);
  });

  it('finds an item by an everyday name', () => {
    expect(index.search('准生证', 10)[0]).toMatchObject({ basicCode: '0100003000', matchedBy: 'ALIAS' });
    expect(index.search('营业执照', 10)[0]).toMatchObject({ basicCode: '0100001000', matchedBy: 'ALIAS' });
  });

  it('ranks an exact alias above a name that merely contains the query', () => {
    const hits = index.search('施工许可', 10);
    expect(hits.map((hit) => hit.basicCode).slice(0, 2)).toEqual(['0100004000', '0100005000']);
    expect(hits[1]!.matchedBy).toBe('NAME');
  });

  it('finds an alias inside a longer question', () => {
    expect(index.search('我想办准生证需要什么材料', 3)[0]?.basicCode).toBe('0100003000');
  });

  it('matches themes and materials as TEXT', () => {
    expect(index.search('户籍办理', 3)[0]).toMatchObject({ basicCode: '0100006000', matchedBy: 'TEXT' });
    expect(index.search('居民身份证原件', 3)[0]).toMatchObject({ basicCode: '0100007000', matchedBy: 'TEXT' });
  });

  it('treats punctuation and spacing as insignificant in an exact name', () => {
    const hits = index.search('减税 免税', 10);
    expect(hits.slice(0, 2).map((hit) => hit.matchedBy)).toEqual(['NAME', 'NAME']);
  });

  it('breaks equal scores by basic code, so a page is stable', () => {
    const hits = index.search('减税、免税', 10);
    expect(hits[0]!.score).toBe(hits[1]!.score);
    expect(hits.slice(0, 2).map((hit) => hit.basicCode)).toEqual(['0100008000', '0100009000']);
    const reversed = createSearchIndex([...documents].reverse()).search('减税、免税', 10);
    expect(reversed).toEqual(hits);
  });

  it('orders hits by score, descending', () => {
    const hits = index.search('登记', 10);
    expect(hits.length).toBeGreaterThan(1);
    for (let i = 1; i < hits.length; i += 1) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });

  it('returns nothing when only a common word of the query matches', () => {
    // 登记 is in three names, 结婚 in none: the query is about something the catalog lacks.
    expect(index.search('结婚登记', 10)).toEqual([]);
    expect(index.search('比特币挖矿', 10)).toEqual([]);
  });

  it('honours the limit, and treats a non-positive or non-finite limit as zero', () => {
    expect(index.search('登记', 1)).toHaveLength(1);
    expect(index.search('登记', 2.9)).toHaveLength(2);
    for (const limit of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(index.search('登记', limit)).toEqual([]);
  });

  it('never throws and finds nothing for odd input', () => {
    for (const query of ['', '!!!!', '😀😀😀', "%_'\";--", '.*+?^${}()|[]\\', '\uD800', 'x'.repeat(10_000), '证'.repeat(10_000)]) {
      expect(() => index.search(query, 10)).not.toThrow();
    }
    for (const query of ['', '!!!!', '😀😀😀', "%_'\";--", '.*+?^${}()|[]\\']) expect(index.search(query, 10)).toEqual([]);
  });

  it('indexes a document whose name is all symbols without matching everything', () => {
    const odd = createSearchIndex([doc('0100001000', '!!!'), doc('0100002000', '企业登记')]);
    expect(odd.search('企业登记', 10).map((hit) => hit.basicCode)).toEqual(['0100002000']);
  });
});
