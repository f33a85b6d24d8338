import { describe, expect, it } from 'vitest';
import { organizationCodeCheckChar } from './organizationCode.ts';
import { randomString, seededRandom, singleSubstitutions } from './testSupport.ts';
import {
  USCC_ALPHABET,
  checkUscc,
  checkUsccStrict,
  makeUscc,
  organizationCodeOfUscc,
  usccCheckChar,
} from './uscc.ts';

// Real, published USCCs; the last three appear in DESIGN's certificate identifiers.
const REAL_USCCS = ['91350100M000100Y43', '11100000000013338W', '11430000006122244L', '11330105002500287C'];

describe('usccCheckChar', () => {
  it('reproduces the check characters of real USCCs', () => {
    for (const uscc of REAL_USCCS) expect(usccCheckChar(uscc.slice(0, 17)), uscc).toBe(uscc[17]);
  });

  it('throws on characters outside the alphabet', () => {
    expect(() => usccCheckChar('9135010OM000100Y4')).toThrow(RangeError);
    expect(() => usccCheckChar('91350100M000100Y')).toThrow(RangeError);
  });
});

describe('checkUscc', () => {
  it('accepts real USCCs, strictly too', () => {
    for (const uscc of REAL_USCCS) {
      expect(checkUscc(uscc), uscc).toEqual({ ok: true });
      expect(checkUsccStrict(uscc), uscc).toEqual({ ok: true });
    }
  });

  it('rejects every single-character substitution', () => {
    for (const uscc of REAL_USCCS) {
      for (const mutant of singleSubstitutions(uscc, USCC_ALPHABET)) {
        expect(checkUscc(mutant).ok, mutant).toBe(false);
      }
    }
  });

  it('explains failures', () => {
    expect(checkUscc('91350100M000100Y44')).toEqual({ ok: false, reason: "check character should be '3'" });
    expect(checkUscc('91350100M000100I43')).toEqual({
      ok: false,
      reason: 'expected 18 characters from 0-9A-HJ-NPQRTUWXY',
    });
    expect(checkUscc('91350100M000100Y4').ok).toBe(false);
  });

  it('only warns about a wrong check character on legacy data', () => {
    expect(checkUscc('91350100M000100Y44', { legacyTolerant: true })).toEqual({
      ok: true,
      warning: "check character should be '3' (accepted as legacy data)",
    });
    expect(checkUscc('91350100M000100I43', { legacyTolerant: true }).ok).toBe(false);
  });
});

describe('checkUsccStrict', () => {
  // Valid USCC check character over an organization code whose own check is wrong.
  const goodCheck = organizationCodeCheckChar('TB725001');
  const badOrganizationPart = withCheck(`11610725TB725001${goodCheck === '0' ? '1' : '0'}`);

  it('requires a valid embedded organization code', () => {
    expect(checkUscc(badOrganizationPart)).toEqual({ ok: true });
    expect(checkUsccStrict(badOrganizationPart)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^organization code part: check character should be/),
    });
    expect(checkUsccStrict(badOrganizationPart, { legacyTolerant: true })).toMatchObject({
      ok: true,
      warning: expect.stringMatching(/^organization code part/),
    });
  });

  it('requires a GB/T 2260 region or 100000', () => {
    const badRegion = withCheck(`11990000${'000013338'}`);
    expect(checkUscc(badRegion).ok).toBe(true);
    expect(checkUsccStrict(badRegion)).toMatchObject({ ok: false, reason: expect.stringMatching(/^region part/) });
  });
});

describe('makeUscc', () => {
  it('rebuilds real USCCs from their parts', () => {
    for (const uscc of REAL_USCCS) {
      expect(
        makeUscc({
          registrationAuthority: uscc[0]!,
          organizationType: uscc[1]!,
          regionCode: uscc.slice(2, 8),
          organizationCode: organizationCodeOfUscc(uscc)!,
        }),
      ).toBe(uscc);
    }
  });

  it('produces strictly valid codes for generated parts', () => {
    const random = seededRandom(32100);
    const regions = ['610725', '610700', '610000', '110105', '100000'];
    for (let i = 0; i < 500; i++) {
      const body = randomString(random, USCC_ALPHABET, 8);
      const organizationCode = body + organizationCodeCheckChar(body);
      const uscc = makeUscc({
        registrationAuthority: randomString(random, '159Y', 1),
        organizationType: randomString(random, '123', 1),
        regionCode: regions[i % regions.length]!,
        organizationCode,
      });
      expect(checkUsccStrict(uscc), uscc).toEqual({ ok: true });
      expect(organizationCodeOfUscc(uscc)).toBe(organizationCode);
    }
  });

  it('throws on invalid parts', () => {
    const parts = {
      registrationAuthority: '1',
      organizationType: '1',
      regionCode: '610725',
      organizationCode: '000013338',
    };
    expect(() => makeUscc({ ...parts, registrationAuthority: 'I' })).toThrow(RangeError);
    expect(() => makeUscc({ ...parts, organizationType: '11' })).toThrow(RangeError);
    expect(() => makeUscc({ ...parts, regionCode: '990000' })).toThrow(RangeError);
    expect(() => makeUscc({ ...parts, organizationCode: '000013339' })).toThrow(RangeError);
    const withLetterO = 'O0000000' + organizationCodeCheckChar('O0000000');
    expect(() => makeUscc({ ...parts, organizationCode: withLetterO })).toThrow(/I, O, S, V or Z/);
  });
});

describe('organizationCodeOfUscc', () => {
  it('extracts positions 9-17', () => {
    expect(organizationCodeOfUscc('91350100M000100Y43')).toBe('M000100Y4');
    expect(organizationCodeOfUscc('not a uscc')).toBeNull();
  });
});

function withCheck(first17: string): string {
  return first17 + usccCheckChar(first17);
}
