import { describe, expect, it } from 'vitest';
import {
  checkImplementationCode,
  checkOrganizationCode,
  checkRegionCode,
  checkUsccStrict,
  organizationCodeOfUscc,
  parseImplementationCode,
} from '../../lib/codes/index.ts';
import { buildCatalogSeed } from './build.ts';
import { buildScaleSeed, MAX_SCALE_COUNTIES } from './scale.ts';

const COUNTIES = 3;
const seed = buildScaleSeed(COUNTIES);
const real = buildCatalogSeed();

const distinct = <T>(values: readonly T[]) => new Set(values).size;

describe('buildScaleSeed', () => {
  it('is deterministic', () => {
    expect(JSON.stringify(buildScaleSeed(COUNTIES))).toBe(JSON.stringify(seed));
  });

  it('has the 385 items once, 33 agencies and 385 guides per county, and one province, city and region per county', () => {
    expect(seed.items).toHaveLength(385);
    expect(seed.agencies).toHaveLength(33 * COUNTIES);
    expect(seed.guides).toHaveLength(385 * COUNTIES);
    // 陕西省, one synthetic city (up to 20 counties each), then the counties.
    expect(seed.regions).toHaveLength(1 + 1 + COUNTIES);
    expect(seed.regions.filter((r) => r.level === 'COUNTY')).toHaveLength(COUNTIES);
    expect(seed.items).toEqual(real.items);
  });

  it('gives every region a valid, distinct code that no real 汉中 code shares, with its parent in the seed', () => {
    const codes = new Set(seed.regions.map((r) => r.code));
    expect(codes.size).toBe(seed.regions.length);
    const realCodes = new Set(real.regions.map((r) => r.code));
    for (const region of seed.regions) {
      expect(checkRegionCode(region.code), region.code).toEqual({ ok: true });
      if (region.parentCode !== null) expect(codes.has(region.parentCode), region.code).toBe(true);
      if (region.level !== 'PROVINCE') expect(realCodes.has(region.code), region.code).toBe(false);
    }
  });

  it('gives every agency a valid, distinct organization code and USCC of its own county', () => {
    expect(distinct(seed.agencies.map((a) => a.uscc))).toBe(seed.agencies.length);
    expect(distinct(seed.agencies.map((a) => a.organizationCode))).toBe(seed.agencies.length);
    expect(distinct(seed.agencies.map((a) => a.name))).toBe(seed.agencies.length);
    const realUsccs = new Set(real.agencies.map((a) => a.uscc));
    const usccs = new Map(seed.agencies.map((a) => [a.uscc, a]));
    for (const agency of seed.agencies) {
      expect(checkUsccStrict(agency.uscc), agency.name).toEqual({ ok: true });
      expect(checkOrganizationCode(agency.organizationCode), agency.name).toEqual({ ok: true });
      expect(organizationCodeOfUscc(agency.uscc)).toBe(agency.organizationCode);
      expect(agency.uscc.slice(2, 8)).toBe(agency.regionCode);
      expect(realUsccs.has(agency.uscc)).toBe(false);
      if (agency.parentUscc !== null) expect(usccs.get(agency.parentUscc)?.regionCode, agency.name).toBe(agency.regionCode);
    }
    expect(seed.agencies.filter((a) => a.name === '规模测试2县公安局')).toHaveLength(1);
  });

  it('gives every guide a valid, distinct implementation code, and an item, agency and region in the seed', () => {
    expect(distinct(seed.guides.map((g) => g.implementationCode))).toBe(seed.guides.length);
    const items = new Set(seed.items.map((i) => i.basicCode));
    const agencies = new Map(seed.agencies.map((a) => [a.uscc, a]));
    const regions = new Set(seed.regions.map((r) => r.code));
    for (const guide of seed.guides) {
      expect(checkImplementationCode(guide.implementationCode), guide.implementationCode).toEqual({ ok: true });
      const parts = parseImplementationCode(guide.implementationCode)!;
      const agency = agencies.get(guide.agencyUscc);
      expect(agency, guide.implementationCode).toBeDefined();
      expect(parts.regionCode).toBe(guide.regionCode);
      expect(parts.organizationCode).toBe(agency!.organizationCode);
      expect(agency!.regionCode).toBe(guide.regionCode);
      expect(regions.has(guide.regionCode)).toBe(true);
      expect(items.has(guide.basicCode)).toBe(true);
      for (const joint of guide.content.jointAgencies) expect(agencies.get(joint)?.regionCode).toBe(guide.regionCode);
    }
    // Each county implements every item exactly once.
    for (const region of seed.regions.filter((r) => r.level === 'COUNTY')) {
      const codes = seed.guides.filter((g) => g.regionCode === region.code).map((g) => g.basicCode);
      expect(distinct(codes), region.code).toBe(385);
    }
  });

  it('refers only to files the seed carries, which are the real seed’s', () => {
    const ids = new Set(seed.files.map((f) => f.ref.id));
    expect([...ids].sort()).toEqual(real.files.map((f) => f.ref.id).sort());
    for (const item of seed.items) {
      for (const material of item.content.materials) {
        for (const file of [material.blankForm, material.sampleForm]) if (file) expect(ids.has(file.id)).toBe(true);
      }
    }
    for (const guide of seed.guides) if (guide.content.result.sample) expect(ids.has(guide.content.result.sample.id)).toBe(true);
  });

  it('refuses a county count it cannot give codes to', () => {
    expect(() => buildScaleSeed(0)).toThrow(RangeError);
    expect(() => buildScaleSeed(MAX_SCALE_COUNTIES + 1)).toThrow(RangeError);
  });
});
