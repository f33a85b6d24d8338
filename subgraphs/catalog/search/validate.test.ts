import { describe, expect, it } from 'vitest';
import { MAX_RAW_QUERY_CHARS, searchQueryArgument } from './validate.ts';

describe('searchQueryArgument', () => {
  it('returns the normalized query', () => {
    expect(searchQueryArgument(' 身份證 補辦 ')).toEqual({ ok: true, query: '身份证 补办' });
  });

  it('accepts empty and symbol-only input as an empty query, not an error', () => {
    for (const query of ['', '   ', '!!!!', '😀😀😀', "%_'\";--", '.*+?^${}()|[]\\']) {
      expect(searchQueryArgument(query)).toEqual({ ok: true, query: '' });
    }
  });

  it(`refuses more than ${MAX_RAW_QUERY_CHARS} characters with a reason`, () => {
    expect(searchQueryArgument('证'.repeat(MAX_RAW_QUERY_CHARS)).ok).toBe(true);
    const refused = searchQueryArgument('证'.repeat(10_000));
    expect(refused).toEqual({ ok: false, reason: `must be at most ${MAX_RAW_QUERY_CHARS} characters` });
    expect(searchQueryArgument('a'.repeat(MAX_RAW_QUERY_CHARS + 1)).ok).toBe(false);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(searchQueryArgument('😀'.repeat(MAX_RAW_QUERY_CHARS)).ok).toBe(true);
    expect(searchQueryArgument('😀'.repeat(MAX_RAW_QUERY_CHARS + 1)).ok).toBe(false);
  });

  it('refuses a non-string from an untyped caller instead of throwing', () => {
    expect(searchQueryArgument(null).ok).toBe(false);
    expect(searchQueryArgument(42).ok).toBe(false);
  });
});
