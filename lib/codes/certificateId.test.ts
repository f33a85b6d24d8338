import { describe, expect, it } from 'vitest';
import { ALPHANUMERIC } from './alphanumeric.ts';
import { checkCertificateIdentifier, makeCertificateIdentifier, mod37_36CheckChar } from './certificateId.ts';
import { randomString, seededRandom, singleSubstitutions } from './testSupport.ts';
import { USCC_ALPHABET, usccCheckChar } from './uscc.ts';

// Published identifiers quoted in DESIGN.md.
const PUBLISHED = [
  '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U',
  '1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0',
];

describe('mod37_36CheckChar', () => {
  it('reproduces the published check characters', () => {
    expect(mod37_36CheckChar('11100000000013338W01111430000006122244L20230000403001')).toBe('U');
    expect(mod37_36CheckChar('11100000000013338W00911330105002500287C2025052201002')).toBe('0');
  });

  it('throws on characters outside 0-9A-Z', () => {
    expect(() => mod37_36CheckChar('ab')).toThrow(RangeError);
  });
});

describe('checkCertificateIdentifier', () => {
  it('accepts the published identifiers', () => {
    for (const id of PUBLISHED) expect(checkCertificateIdentifier(id), id).toEqual({ ok: true });
  });

  it('rejects every single-character substitution outside the dots', () => {
    for (const id of PUBLISHED) {
      let count = 0;
      for (const mutant of singleSubstitutions(id, ALPHANUMERIC)) {
        if (mutant.split('.').length !== id.split('.').length) continue;
        count++;
        expect(checkCertificateIdentifier(mutant).ok, mutant).toBe(false);
      }
      expect(count).toBeGreaterThan(2000);
    }
  });

  it('explains failures', () => {
    const reasonOf = (s: string) => {
      const r = checkCertificateIdentifier(s);
      return r.ok ? null : r.reason;
    };
    const [first] = PUBLISHED as [string];
    expect(reasonOf(first.replace(/U$/, 'V'))).toBe("check character should be 'U'");
    expect(reasonOf(first.replace('1.2.156.3005.2', '1.2.156.3005.1'))).toMatch(/prefix/);
    expect(reasonOf(first.replace('.001.', '.01.'))).toMatch(/version/);
    expect(reasonOf(first.replace('.001.U', '.U'))).toMatch(/separated by dots/);
    expect(reasonOf(first.replace('W011', 'W01'))).toMatch(/^type/);
    expect(reasonOf(first.replace('20230000403', '2023-0403'))).toMatch(/serial/);
  });

  it('only warns when an embedded USCC fails its own check', () => {
    const legacyIssuer = '1143000000612224' + '4' + 'K';
    const id = makeCertificateIdentifier({
      typeCode: '11100000000013338W011',
      issuerUscc: legacyIssuer,
      serial: '1',
      version: 1,
    });
    expect(checkCertificateIdentifier(id)).toMatchObject({ ok: true, warning: expect.stringMatching(/^issuer USCC/) });
  });
});

describe('makeCertificateIdentifier', () => {
  it('reproduces the published identifiers', () => {
    expect(
      makeCertificateIdentifier({
        typeCode: '11100000000013338W011',
        issuerUscc: '11430000006122244L',
        serial: '20230000403',
        version: 1,
      }),
    ).toBe(PUBLISHED[0]);
    expect(
      makeCertificateIdentifier({
        typeCode: '11100000000013338W009',
        issuerUscc: '11330105002500287C',
        serial: '2025052201',
        version: 2,
      }),
    ).toBe(PUBLISHED[1]);
  });

  it('generates identifiers that validate', () => {
    const random = seededRandom(36904);
    for (let i = 0; i < 300; i++) {
      const first17 = randomString(random, USCC_ALPHABET, 17);
      const id = makeCertificateIdentifier({
        typeCode: `11100000000013338W${randomString(random, '0123456789', 3)}`,
        issuerUscc: first17 + usccCheckChar(first17),
        serial: randomString(random, ALPHANUMERIC, 1 + Math.floor(random() * 20)),
        version: 1 + Math.floor(random() * 999),
      });
      expect(checkCertificateIdentifier(id), id).toEqual({ ok: true });
    }
  });

  it('refuses invalid parts', () => {
    const parts = { typeCode: '11100000000013338W011', issuerUscc: '11430000006122244L', serial: '1', version: 1 };
    expect(() => makeCertificateIdentifier({ ...parts, version: 0 })).toThrow(RangeError);
    expect(() => makeCertificateIdentifier({ ...parts, issuerUscc: '11430000006122244' })).toThrow(RangeError);
    expect(() => makeCertificateIdentifier({ ...parts, serial: 'a' })).toThrow(RangeError);
  });
});
