import { describe, expect, it } from 'vitest';
import { ITEM_TYPES, checkBasicCode, makeBasicCode, parseBasicCode } from './basicCode.ts';
import { seededRandom } from './testSupport.ts';

describe('ITEM_TYPES', () => {
  it('has distinct two-digit codes and names', () => {
    expect(new Set(ITEM_TYPES.map((t) => t.code)).size).toBe(ITEM_TYPES.length);
    expect(new Set(ITEM_TYPES.map((t) => t.type)).size).toBe(ITEM_TYPES.length);
    for (const t of ITEM_TYPES) expect(t.code).toMatch(/^\d{2}$/);
  });
});

describe('basic codes', () => {
  it('lays out type, main and sub', () => {
    expect(makeBasicCode('LICENSE', 1)).toBe('0100001000');
    expect(makeBasicCode('DISCLOSURE', 65, 12)).toBe('2200065012');
    expect(parseBasicCode('0400070000')).toEqual({ type: 'LEVY', main: 70, sub: 0 });
  });

  it('round-trips generated codes', () => {
    const random = seededRandom(2019);
    for (let i = 0; i < 500; i++) {
      const type = ITEM_TYPES[Math.floor(random() * ITEM_TYPES.length)]!.type;
      const main = 1 + Math.floor(random() * 99_999);
      const sub = Math.floor(random() * 1000);
      const code = makeBasicCode(type, main, sub);
      expect(checkBasicCode(code), code).toEqual({ ok: true });
      expect(parseBasicCode(code)).toEqual({ type, main, sub });
    }
  });

  it('rejects malformed codes with a reason', () => {
    expect(checkBasicCode('010000100')).toEqual({ ok: false, reason: 'expected 10 digits' });
    expect(checkBasicCode('01000010A0').ok).toBe(false);
    expect(checkBasicCode('1100001000')).toEqual({ ok: false, reason: "'11' is not a known item type code" });
    expect(checkBasicCode('0100000001')).toEqual({ ok: false, reason: 'main item should be at least 00001' });
    expect(parseBasicCode('1100001000')).toBeNull();
  });

  it('refuses out-of-range parts when generating', () => {
    expect(() => makeBasicCode('LICENSE', 0)).toThrow(RangeError);
    expect(() => makeBasicCode('LICENSE', 100_000)).toThrow(RangeError);
    expect(() => makeBasicCode('LICENSE', 1, 1000)).toThrow(RangeError);
    expect(() => makeBasicCode('LICENSE', 1.5)).toThrow(RangeError);
  });
});
