import { describe, expect, it } from 'vitest';
import {
  AGENCY_NATURES,
  checkImplementationCode,
  makeImplementationCode,
  parseImplementationCode,
} from './implementationCode.ts';
import { organizationCodeCheckChar } from './organizationCode.ts';
import { randomString, seededRandom, singleSubstitutions } from './testSupport.ts';

// Organization code of the USCC 11100000000013338W.
const ORGANIZATION_CODE = '000013338';

describe('implementation codes', () => {
  it('lays out region, township, village, organization code, class and handling item', () => {
    const code = makeImplementationCode({
      regionCode: '610725',
      organizationCode: ORGANIZATION_CODE,
      agencyNature: 'STATUTORY_ORGAN',
      handlingItem: 7,
    });
    expect(code).toBe('610725000000000013338107');
    expect(code).toHaveLength(24);
    expect(parseImplementationCode(code)).toEqual({
      regionCode: '610725',
      township: '000',
      village: '000',
      organizationCode: ORGANIZATION_CODE,
      agencyNature: 'STATUTORY_ORGAN',
      handlingItem: 7,
    });
  });

  it('round-trips generated codes', () => {
    const random = seededRandom(24);
    for (let i = 0; i < 500; i++) {
      const body = randomString(random, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 8);
      const township = randomString(random, '0123456789', 3);
      const parts = {
        regionCode: ['610725', '610702', '610700', '110105'][i % 4]!,
        township,
        village: township === '000' ? '000' : randomString(random, '0123456789', 3),
        organizationCode: body + organizationCodeCheckChar(body),
        agencyNature: AGENCY_NATURES[i % AGENCY_NATURES.length]!.nature,
        handlingItem: Math.floor(random() * 100),
      };
      const code = makeImplementationCode(parts);
      expect(checkImplementationCode(code), code).toEqual({ ok: true });
      expect(parseImplementationCode(code)).toEqual(parts);
    }
  });

  it('rejects digit substitutions in the organization code part', () => {
    const code = '610725000000000013338107';
    for (const mutant of singleSubstitutions(code, '0123456789', 12, 21)) {
      expect(checkImplementationCode(mutant), mutant).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/^organization code part/),
      });
    }
  });

  it('explains other failures', () => {
    const reasonOf = (s: string) => {
      const r = checkImplementationCode(s);
      return r.ok ? null : r.reason;
    };
    expect(reasonOf('61072500000000001333810')).toBe('expected 24 characters');
    expect(reasonOf('990725000000000013338107')).toMatch(/^region part/);
    expect(reasonOf('61072500A000000013338107')).toBe('township part should be 3 digits');
    expect(reasonOf('610725000001000013338107')).toBe('village part requires a township part');
    expect(reasonOf('610725000000000013338507')).toBe("'5' is not a known agency class");
    expect(reasonOf('61072500000000001333810A')).toBe('handling item should be 2 digits');
    expect(parseImplementationCode('610725000000000013338507')).toBeNull();
  });

  it('refuses invalid parts when generating', () => {
    const parts = {
      regionCode: '610725',
      organizationCode: ORGANIZATION_CODE,
      agencyNature: 'OTHER',
      handlingItem: 1,
    } as const;
    expect(() => makeImplementationCode({ ...parts, handlingItem: 100 })).toThrow(RangeError);
    expect(() => makeImplementationCode({ ...parts, organizationCode: '000013339' })).toThrow(RangeError);
    expect(() => makeImplementationCode({ ...parts, regionCode: '610025' })).toThrow(RangeError);
  });
});
