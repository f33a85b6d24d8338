import { describe, expect, it } from 'vitest';
import { checkCitizenId, citizenIdCheckDigit } from './citizenId.ts';
import { randomString, seededRandom, singleSubstitutions } from './testSupport.ts';

// GB 11643's own example.
const STANDARD_EXAMPLE = '11010519491231002X';
const TODAY = new Date(Date.UTC(2024, 5, 1));

describe('citizenIdCheckDigit', () => {
  it('reproduces the standard example', () => {
    expect(citizenIdCheckDigit(STANDARD_EXAMPLE.slice(0, 17))).toBe('X');
  });

  it('rejects malformed input by throwing', () => {
    expect(() => citizenIdCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => citizenIdCheckDigit('1101051949123100A')).toThrow(RangeError);
  });
});

describe('checkCitizenId', () => {
  it('accepts the standard example', () => {
    expect(checkCitizenId(STANDARD_EXAMPLE, { today: TODAY })).toEqual({ ok: true });
  });

  it('rejects every single-character substitution of the example', () => {
    const mutants = [...singleSubstitutions(STANDARD_EXAMPLE, '0123456789X')];
    expect(mutants.length).toBe(17 * 10 + 10);
    for (const mutant of mutants) {
      expect(checkCitizenId(mutant, { today: TODAY }).ok, mutant).toBe(false);
    }
  });

  it('names the expected check character', () => {
    expect(checkCitizenId('110105194912310021', { today: TODAY })).toEqual({
      ok: false,
      reason: "check character should be 'X'",
    });
  });

  it('explains format, region and date failures', () => {
    const reasonOf = (s: string) => {
      const r = checkCitizenId(s, { today: TODAY });
      return r.ok ? null : r.reason;
    };
    expect(reasonOf('11010519491231002x')).toMatch(/17 digits/);
    expect(reasonOf('1101051949123100')).toMatch(/17 digits/);
    expect(reasonOf(withCheck('99010519491231002'))).toMatch(/^region prefix/);
    expect(reasonOf(withCheck('11010519490229002'))).toMatch(/not a calendar date/);
    expect(reasonOf(withCheck('11010518991231002'))).toMatch(/before 1900/);
    expect(reasonOf(withCheck('11010520300101002'))).toMatch(/future/);
  });

  it('accepts generated IDs with valid region, date and check digit', () => {
    const random = seededRandom(11643);
    for (let i = 0; i < 500; i++) {
      const year = 1900 + Math.floor(random() * 120);
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 28);
      const first17 =
        '610725' +
        String(year) +
        String(month).padStart(2, '0') +
        String(day).padStart(2, '0') +
        randomString(random, '0123456789', 3);
      const id = withCheck(first17);
      expect(checkCitizenId(id, { today: TODAY }), id).toEqual({ ok: true });
    }
  });
});

function withCheck(first17: string): string {
  return first17 + citizenIdCheckDigit(first17);
}
