import { describe, expect, it } from 'vitest';
import {
  checkBasicCode,
  checkImplementationCode,
  checkOrganizationCode,
  checkRegionCode,
  checkUsccStrict,
  organizationCodeOfUscc,
  parseBasicCode,
  parseImplementationCode,
} from '../../lib/codes/index.ts';
import { buildCatalogSeed, SAMPLE_DATA_NOTE } from './build.ts';
import { CATALOG } from './catalog.ts';
import { PLANTED_DEFECTS } from './content/index.ts';

const seed = buildCatalogSeed();

function distinct<T>(values: readonly T[]): number {
  return new Set(values).size;
}

describe('buildCatalogSeed', () => {
  it('is deterministic', () => {
    expect(buildCatalogSeed()).toEqual(seed);
    expect(JSON.stringify(buildCatalogSeed())).toBe(JSON.stringify(seed));
  });

  it('seeds Shaanxi, Hanzhong and its eleven counties and districts', () => {
    expect(seed.regions).toHaveLength(13);
    expect(distinct(seed.regions.map((r) => r.code))).toBe(13);
    const codes = new Set(seed.regions.map((r) => r.code));
    for (const region of seed.regions) {
      expect(checkRegionCode(region.code), region.code).toEqual({ ok: true });
      if (region.parentCode !== null) expect(codes.has(region.parentCode), region.code).toBe(true);
    }
    expect(seed.regions.find((r) => r.code === '610725')).toEqual({
      code: '610725',
      name: '勉县',
      level: 'COUNTY',
      parentCode: '610700',
    });
    expect(seed.regions.filter((r) => r.level === 'COUNTY')).toHaveLength(11);
  });

  it('gives every agency a valid, distinct organization code and USCC', () => {
    expect(distinct(seed.agencies.map((a) => a.uscc))).toBe(seed.agencies.length);
    expect(distinct(seed.agencies.map((a) => a.name))).toBe(seed.agencies.length);
    const usccs = new Set(seed.agencies.map((a) => a.uscc));
    for (const agency of seed.agencies) {
      expect(checkUsccStrict(agency.uscc), agency.name).toEqual({ ok: true });
      expect(checkOrganizationCode(agency.organizationCode), agency.name).toEqual({ ok: true });
      expect(organizationCodeOfUscc(agency.uscc)).toBe(agency.organizationCode);
      expect(agency.uscc.slice(0, 8)).toBe('11610725');
      expect(agency.regionCode).toBe('610725');
      if (agency.parentUscc !== null) expect(usccs.has(agency.parentUscc), agency.name).toBe(true);
    }
  });

  it('hangs county departments under 勉县人民政府', () => {
    const government = seed.agencies.find((a) => a.name === '勉县人民政府')!;
    expect(government.parentUscc).toBeNull();
    const byName = (name: string) => seed.agencies.find((a) => a.name === name)!;
    expect(byName('勉县公安局').parentUscc).toBe(government.uscc);
    expect(byName('勉县财政局').groups).toEqual(['财政专项资金管理和使用情况', '财政工作']);
    expect(byName('勉县国家税务局').groups).toEqual(['税务工作']);
    expect(byName('勉县地方税务局').groups).toEqual(['税务工作']);
  });

  it('maps every catalog group to an agency and splits 税务工作 by sequence', () => {
    const mapped = new Set(seed.agencies.flatMap((a) => a.groups));
    for (const entry of CATALOG) expect(mapped.has(entry.group), entry.group).toBe(true);

    const agencyNameOfItem = (seq: number) => {
      const index = seed.items.findIndex((i) => i.className === '行政职权事项' && i.sequence === seq);
      return seed.agencies.find((a) => a.uscc === seed.guides[index]!.agencyUscc)!.name;
    };
    expect(agencyNameOfItem(225)).toBe('勉县国家税务局');
    expect(agencyNameOfItem(236)).toBe('勉县国家税务局');
    expect(agencyNameOfItem(237)).toBe('勉县地方税务局');
    expect(agencyNameOfItem(253)).toBe('勉县地方税务局');
    expect(agencyNameOfItem(11)).toBe('勉县公安局');
  });

  it('has all 385 items with distinct, valid basic codes numbered per type', () => {
    expect(seed.items).toHaveLength(385);
    expect(distinct(seed.items.map((i) => i.basicCode))).toBe(385);
    const mainsByType = new Map<string, number[]>();
    for (const item of seed.items) {
      expect(checkBasicCode(item.basicCode), item.name).toEqual({ ok: true });
      const parsed = parseBasicCode(item.basicCode)!;
      expect(parsed.type).toBe(item.type);
      expect(parsed.sub).toBe(0);
      mainsByType.set(item.type, [...(mainsByType.get(item.type) ?? []), parsed.main]);
    }
    for (const mains of mainsByType.values()) expect(mains).toEqual(mains.map((_m, i) => i + 1));
    expect(seed.items.filter((i) => i.class === 'DISCLOSURE')).toHaveLength(65);
    expect(seed.items.filter((i) => i.class === 'ADMINISTRATIVE_POWER')).toHaveLength(295);
    expect(seed.items.filter((i) => i.class === 'CONVENIENCE')).toHaveLength(25);
  });

  it('has one valid 勉县 guide per item, coded by its agency', () => {
    expect(seed.guides).toHaveLength(385);
    expect(distinct(seed.guides.map((g) => g.implementationCode))).toBe(385);
    expect(seed.guides.map((g) => g.basicCode)).toEqual(seed.items.map((i) => i.basicCode));
    const agencies = new Map(seed.agencies.map((a) => [a.uscc, a]));
    for (const guide of seed.guides) {
      expect(checkImplementationCode(guide.implementationCode), guide.implementationCode).toEqual({ ok: true });
      const agency = agencies.get(guide.agencyUscc);
      expect(agency, guide.basicCode).toBeDefined();
      const parts = parseImplementationCode(guide.implementationCode)!;
      expect(parts.regionCode).toBe('610725');
      expect(parts.organizationCode).toBe(agency!.organizationCode);
      expect(parts.agencyNature).toBe(agency!.nature);
      expect(parts.handlingItem).toBeGreaterThanOrEqual(1);
      expect(guide.isSample).toBe(true);
      expect(guide.level).toBe('COUNTY');
      expect(guide.content.consultationPhone).toMatch(/^0916-32\d{5}$/);
      if (!PLANTED_DEFECTS.some((d) => d.implementationCode === guide.implementationCode)) {
        expect(guide.content.location).toMatchObject({ province: '陕西省', city: '汉中市', district: '勉县', window: expect.stringMatching(/^\d+号窗口$/) });
      }
    }
  });

  it('states sample time limits with units, promised within legal', () => {
    const itemOf = new Map(seed.items.map((item) => [item.basicCode, item]));
    const limits = (guide: (typeof seed.guides)[number]) => ({
      legalTimeLimit: itemOf.get(guide.basicCode)!.content.legalTimeLimit,
      promisedTimeLimit: guide.content.promisedTimeLimit,
      implementationCode: guide.implementationCode,
    });
    const byType = (type: string) => seed.guides.filter((g) => itemOf.get(g.basicCode)!.type === type).map(limits);
    const licenses = byType('LICENSE').filter((g) => !PLANTED_DEFECTS.some((d) => d.implementationCode === g.implementationCode));
    // 行政许可法 art. 42's 20 working days unless the item's own law says otherwise; promised at most half.
    expect(licenses.filter((g) => g.legalTimeLimit?.value === 20 && g.legalTimeLimit.unit === 'WORKING_DAY').length).toBeGreaterThan(140);
    for (const guide of licenses) {
      expect(guide.promisedTimeLimit!.unit).toBe(guide.legalTimeLimit!.unit);
      expect(guide.promisedTimeLimit!.value * 2).toBeLessThanOrEqual(guide.legalTimeLimit!.value);
    }
    for (const guide of seed.guides.map(limits)) {
      if (guide.legalTimeLimit !== null && guide.promisedTimeLimit !== null) {
        expect(guide.promisedTimeLimit.unit).toBe(guide.legalTimeLimit.unit);
        expect(guide.promisedTimeLimit.value).toBeLessThanOrEqual(guide.legalTimeLimit.value);
      }
    }
  });

  it('says the codes are samples', () => {
    expect(SAMPLE_DATA_NOTE).toMatch(/sample/i);
  });
});
