import { describe, expect, it } from 'vitest';
import { checkOrganizationCode, organizationCodeCheckChar } from './organizationCode.ts';
import { randomString, seededRandom, singleSubstitutions } from './testSupport.ts';

// Organization codes embedded in real USCCs (positions 9-17).
const REAL_CODES = ['M000100Y4', '000013338', '006122244', '002500287'];

describe('organizationCodeCheckChar', () => {
  it('reproduces the check characters of real codes', () => {
    for (const code of REAL_CODES) expect(organizationCodeCheckChar(code.slice(0, 8)), code).toBe(code[8]);
  });

  it("maps 10 to 'X' and 11 to '0'", () => {
    // 6 × 2 = 12 ≡ 1 (mod 11), so c = 10; an all-zero body gives c = 11.
    expect(organizationCodeCheckChar('00000006')).toBe('X');
    expect(organizationCodeCheckChar('00000000')).toBe('0');
    expect(organizationCodeCheckChar('00000005')).toBe('1');
  });

  it('throws on malformed bodies', () => {
    expect(() => organizationCodeCheckChar('0000000')).toThrow(RangeError);
    expect(() => organizationCodeCheckChar('0000000a')).toThrow(RangeError);
  });
});

describe('checkOrganizationCode', () => {
  it('accepts real codes', () => {
    for (const code of REAL_CODES) expect(checkOrganizationCode(code), code).toEqual({ ok: true });
  });

  it('rejects single-digit substitutions', () => {
    // Replacing a letter can go unnoticed (M=22 and 0 differ by 2 × 11), a known GB 11714 weakness.
    for (const code of REAL_CODES) {
      for (const mutant of singleSubstitutions(code, '0123456789')) {
        const changed = [...mutant].findIndex((c, i) => c !== code[i]);
        if (/[A-Z]/.test(code[changed]!)) continue;
        expect(checkOrganizationCode(mutant).ok, mutant).toBe(false);
      }
    }
  });

  it('explains failures', () => {
    expect(checkOrganizationCode('M000100Y5')).toEqual({ ok: false, reason: "check character should be '4'" });
    expect(checkOrganizationCode('m000100Y4').ok).toBe(false);
    expect(checkOrganizationCode('M000100Y')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/8 characters/),
    });
  });

  it('accepts generated codes', () => {
    const random = seededRandom(11714);
    for (let i = 0; i < 500; i++) {
      const body = randomString(random, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 8);
      expect(checkOrganizationCode(body + organizationCodeCheckChar(body))).toEqual({ ok: true });
    }
  });
});
