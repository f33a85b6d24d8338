import { describe, expect, it } from 'vitest';
import { MAX_QUERY_CHARS, compact, normalize, normalizeQuery } from './normalize.ts';
import { toSimplified } from './traditional.ts';

describe('normalize', () => {
  it('folds full-width Latin and digits, and case', () => {
    expect(normalize('Ｃ１驾照')).toBe('c1驾照');
    expect(normalize('ICP备案')).toBe('icp备案');
    expect(normalize('ＫＴＶ')).toBe('ktv');
  });

  it('turns punctuation, symbols, emoji and whitespace into single separators', () => {
    expect(normalize('减税、免税')).toBe('减税 免税');
    expect(normalize('《独生子女父母光荣证》核发')).toBe('独生子女父母光荣证 核发');
    expect(normalize('再生育(服务)审批')).toBe('再生育 服务 审批');
    expect(normalize('  准生证\u3000😀\t办理\n')).toBe('准生证 办理');
    expect(normalize("%_'\";--")).toBe('');
    expect(normalize('.*+?^${}()|[]\\')).toBe('');
  });

  it('maps common traditional characters to simplified', () => {
    expect(normalize('身份證補辦')).toBe('身份证补办');
    expect(normalize('機動車駕駛證')).toBe('机动车驾驶证');
    expect(normalize('戶口遷移登記')).toBe('户口迁移登记');
  });

  it('is idempotent', () => {
    for (const text of ['Ｃ１驾照', '身份證補辦', '减税、免税', 'ÅÉ ß ǅ', '𠀀𪚥', '髮發']) {
      expect(normalize(normalize(text))).toBe(normalize(text));
    }
  });

  it('never throws, whatever the input', () => {
    const odd = ['', ' ', '\u0000', '\uD800', '\uDC00abc', '😀'.repeat(1000), 'a'.repeat(100_000), '\u200B\u200D\uFEFF', 'مرحبا', 'Привет', 'こんにちは', '한국어'];
    for (const text of odd) {
      expect(() => normalize(text)).not.toThrow();
      expect(() => normalizeQuery(text)).not.toThrow();
    }
  });

  it('keeps letters of other scripts', () => {
    expect(normalize('Привет мир')).toBe('привет мир');
  });
});

describe('normalizeQuery', () => {
  it(`cuts the query to ${MAX_QUERY_CHARS} code points after normalization`, () => {
    expect(Array.from(normalizeQuery('证'.repeat(500)))).toHaveLength(MAX_QUERY_CHARS);
    expect(Array.from(normalizeQuery('𠀀'.repeat(100)))).toHaveLength(MAX_QUERY_CHARS);
    expect(normalizeQuery('!'.repeat(500) + '准生证')).toBe('准生证');
  });

  it('does not end in a separator after the cut', () => {
    const query = normalizeQuery(`${'证'.repeat(MAX_QUERY_CHARS - 1)} 办`);
    expect(query.endsWith(' ')).toBe(false);
  });

  it('cuts huge input to the query limit', () => {
    expect(normalizeQuery('证'.repeat(5_000_000)).length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
  });
});

describe('compact', () => {
  it('drops separators, so punctuation does not decide an exact match', () => {
    expect(compact(normalize('减税、免税'))).toBe(compact(normalize('减税 免税')));
  });
});

describe('toSimplified', () => {
  it('leaves simplified text and other characters alone', () => {
    expect(toSimplified('一孩生育服务证办理 abc 123')).toBe('一孩生育服务证办理 abc 123');
  });
});
