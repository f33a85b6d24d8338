import { describe, expect, it } from 'vitest';
import { PROVINCE_CODES, checkRegionCode, parentRegionCode, regionLevel } from './region.ts';

describe('checkRegionCode', () => {
  it('accepts provinces, prefectures and counties', () => {
    for (const code of ['610000', '610700', '610725', '110000', '110105', '500000', '429004', '460000', '810000']) {
      expect(checkRegionCode(code), code).toEqual({ ok: true });
    }
  });

  it('accepts every listed province code at province level', () => {
    expect(PROVINCE_CODES.size).toBe(34);
    for (const p of PROVINCE_CODES) expect(checkRegionCode(`${p}0000`).ok, p).toBe(true);
  });

  it('rejects malformed and inconsistent codes with a reason', () => {
    const reasonOf = (s: string) => {
      const r = checkRegionCode(s);
      return r.ok ? null : r.reason;
    };
    expect(reasonOf('61072')).toBe('expected 6 digits');
    expect(reasonOf('61072A')).toBe('expected 6 digits');
    expect(reasonOf('000001')).toMatch(/province code/);
    expect(reasonOf('160000')).toMatch(/province code/);
    expect(reasonOf('720000')).toMatch(/province code/);
    expect(reasonOf('610025')).toBe('county part requires a prefecture part');
    expect(reasonOf('810100')).toMatch(/no subdivisions/);
  });
});

describe('regionLevel and parentRegionCode', () => {
  it('walks 勉县 up to Shaanxi', () => {
    expect(regionLevel('610725')).toBe('COUNTY');
    expect(parentRegionCode('610725')).toBe('610700');
    expect(regionLevel('610700')).toBe('CITY');
    expect(parentRegionCode('610700')).toBe('610000');
    expect(regionLevel('610000')).toBe('PROVINCE');
    expect(parentRegionCode('610000')).toBeNull();
  });

  it('puts districts of municipalities and province-administered counties under the province', () => {
    expect(parentRegionCode('110105')).toBe('110000');
    expect(parentRegionCode('500229')).toBe('500000');
    expect(parentRegionCode('429004')).toBe('420000');
    expect(regionLevel('429004')).toBe('COUNTY');
  });
});
