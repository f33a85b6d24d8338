import { describe, expect, it } from 'vitest';
import { addMonths, isIsoDate } from '../../../lib/time.ts';
import { phoneProblem, phoneSet } from './phone.ts';
import { citationKey, compareKeys, hasNumeral, isBlank, parseNumeral } from './text.ts';

describe('text helpers', () => {
  it('treats placeholders as blank', () => {
    for (const s of [null, undefined, '', '  ', '无', '暂无', '—', '/', 'N/A']) expect(isBlank(s), String(s)).toBe(true);
    expect(isBlank('12号窗口')).toBe(false);
  });

  it('finds numerals in any script', () => {
    expect(['12号窗口', '１２号', '一楼大厅', '第〇三室'].every(hasNumeral)).toBe(true);
    expect(hasNumeral('综合受理窗口')).toBe(false);
  });

  it('parses Chinese numerals as article numbers', () => {
    expect(parseNumeral('十')).toBe(10);
    expect(parseNumeral('十二')).toBe(12);
    expect(parseNumeral('四十二')).toBe(42);
    expect(parseNumeral('一百零三')).toBe(103);
    expect(parseNumeral('二百一十')).toBe(210);
    expect(parseNumeral('42')).toBe(42);
    expect(parseNumeral('条')).toBeNull();
  });

  it('keys citations by article, paragraph and item', () => {
    expect(citationKey('第四十二条第一款')).toEqual([42, 1, 0]);
    expect(citationKey('第十二条第（二）项')).toEqual([12, 0, 2]);
    expect(citationKey('附件第29项')).toEqual([0, 0, 29]);
    expect(citationKey('有关条款')).toBeNull();
    expect(compareKeys([42, 1, 0], [44, 0, 0])).toBeLessThan(0);
    expect(compareKeys([42, 2, 0], [42, 1, 3])).toBeGreaterThan(0);
  });
});

describe('dates', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-9-10')).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });

  it('adds months, clamping to the end of shorter months', () => {
    expect(addMonths('2024-06-15', 6)).toBe('2024-12-15');
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2023-09-10', 12)).toBe('2024-09-10');
  });
});

describe('phones', () => {
  it('accepts landlines with area codes, mobiles, hotlines and lists of them', () => {
    for (const p of ['0916-3221005', '09163221005', '010-65123456', '（0916）3221005', '0916-3221005转8012', '13800138000', '12345', '0916-3221005、12345', '400-810-1234']) {
      expect(phoneProblem(p), p).toBeNull();
    }
  });

  it('says what is wrong', () => {
    expect(phoneProblem('3221005')).toBe('「3221005」缺少区号');
    expect(phoneProblem('0916-32210')).toBe('「0916-32210」不是有效的电话号码');
    expect(phoneProblem('0916-3221005，138001380')).toBe('「138001380」不是有效的电话号码');
    expect(phoneProblem('、')).toBe('未填写号码');
  });

  it('normalizes numbers for comparison', () => {
    expect(phoneSet('（0916）3221005')).toEqual(new Set(['09163221005']));
    expect(phoneSet('0916-3221005、12345')).toEqual(new Set(['09163221005', '12345']));
  });
});
