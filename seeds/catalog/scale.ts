import { checkRegionCode, makeImplementationCode, makeUscc, organizationCodeCheckChar, parentRegionCode, parseImplementationCode, regionLevel } from '../../lib/codes/index.ts';
import { AGENCIES, agencyCodes } from './agencies.ts';
import type { AgencyKey } from './agencies.ts';
import { buildCatalogSeed } from './build.ts';
import { buildGuideContent, FileStore } from './content/index.ts';
import type { AgencySeed, CatalogSeed, RegionSeed, ServiceGuideSeed } from './types.ts';

export const DEFAULT_SCALE_COUNTIES = 100;

/** The province the synthetic counties are under; 汉中 (6107) and the other real cities keep 01–10. */
const PROVINCE = '61';
/** Synthetic prefectures 50–89 of 陕西: GB/T 2260 assigns 陕西 none there (and 90 means province-administered). */
const FIRST_CITY = 50;
const LAST_CITY = 89;
/** Counties of a city are numbered from 21, as GB/T 2260 numbers 县 after 市辖区. */
const FIRST_COUNTY = 21;
const COUNTIES_PER_CITY = 20;
export const MAX_SCALE_COUNTIES = (LAST_CITY - FIRST_CITY + 1) * COUNTIES_PER_CITY;

const TEMPLATE_COUNTY_NAME = '勉县';

interface SyntheticCounty {
  /** 1-based, in code order. */
  number: number;
  code: string;
  name: string;
}

function regionSeed(code: string, name: string): RegionSeed {
  const check = checkRegionCode(code);
  if (!check.ok) throw new RangeError(`region ${code}: ${check.reason}`);
  return { code, name, level: regionLevel(code), parentCode: parentRegionCode(code) };
}

function syntheticCounties(count: number): SyntheticCounty[] {
  return Array.from({ length: count }, (_, index) => {
    const city = FIRST_CITY + Math.floor(index / COUNTIES_PER_CITY);
    const county = FIRST_COUNTY + (index % COUNTIES_PER_CITY);
    return { number: index + 1, code: `${PROVINCE}${city}${county}`, name: `规模测试${index + 1}县` };
  });
}

function scaleRegions(counties: readonly SyntheticCounty[]): RegionSeed[] {
  const cities = [...new Set(counties.map((county) => parentRegionCode(county.code)!))];
  return [
    regionSeed(`${PROVINCE}0000`, '陕西省'),
    ...cities.map((code) => regionSeed(code, `规模测试${Number(code.slice(2, 4)) - FIRST_CITY + 1}市`)),
    ...counties.map((county) => regionSeed(county.code, county.name)),
  ];
}

/**
 * "T" + county number + the 勉县 agency's serial. The real seed's TB725nnn has a letter second,
 * so the two can never meet.
 */
function organizationCodeOf(county: SyntheticCounty, serial: number): string {
  const body = `T${String(county.number).padStart(4, '0')}${String(serial).padStart(3, '0')}`;
  return body + organizationCodeCheckChar(body);
}

interface TemplateAgency {
  key: AgencyKey;
  seed: AgencySeed;
}

/** The county's copy of every 勉县 agency, keyed by the 勉县 agency's USCC. */
function countyAgencies(county: SyntheticCounty, templates: readonly TemplateAgency[]): Map<string, AgencySeed> {
  const copies = new Map<string, AgencySeed>();
  for (const { key, seed } of templates) {
    if (!seed.name.startsWith(TEMPLATE_COUNTY_NAME)) throw new RangeError(`${seed.name} does not name its county`);
    const organizationCode = organizationCodeOf(county, AGENCIES[key].serial);
    copies.set(seed.uscc, {
      ...seed,
      organizationCode,
      uscc: makeUscc({ registrationAuthority: '1', organizationType: '1', regionCode: county.code, organizationCode }),
      name: county.name + seed.name.slice(TEMPLATE_COUNTY_NAME.length),
      regionCode: county.code,
      groups: [...seed.groups],
    });
  }
  // Parents in a second pass: a department's government may come after it in the list.
  for (const copy of copies.values()) {
    if (copy.parentUscc !== null) copy.parentUscc = copies.get(copy.parentUscc)!.uscc;
  }
  return copies;
}

/**
 * The basic catalog implemented in `counties` synthetic counties, for measuring at scale: the 385
 * items and their content once, and per county a region under a synthetic city of 陕西, a copy of
 * the 33 勉县 agencies with codes of its own, and one guide per item built by the same builders as
 * the real seed. Guide content keeps the 勉县 template's hall address and phone numbers (only the
 * agency names and codes are the county's); that is sample data either way. Deterministic, so a
 * PostgreSQL schema loaded once is reused by its checksum.
 */
export function buildScaleSeed(counties: number = DEFAULT_SCALE_COUNTIES): CatalogSeed {
  if (!Number.isInteger(counties) || counties < 1 || counties > MAX_SCALE_COUNTIES) {
    throw new RangeError(`counties should be 1–${MAX_SCALE_COUNTIES}, got ${counties}`);
  }
  const template = buildCatalogSeed();
  const templates: TemplateAgency[] = (Object.keys(AGENCIES) as AgencyKey[]).map((key) => ({
    key,
    seed: template.agencies.find((agency) => agency.uscc === agencyCodes(key).uscc)!,
  }));
  const serialOf = new Map(templates.map(({ key, seed }) => [seed.uscc, AGENCIES[key].serial]));
  const items = new Map(template.items.map((item) => [item.basicCode, item]));
  // Files are content-addressed and the builders make the same bytes for every county, so the
  // template's files are the scale seed's; this store only absorbs the builders' additions.
  const files = new FileStore();

  const places = syntheticCounties(counties);
  const agencies: AgencySeed[] = [];
  const guides: ServiceGuideSeed[] = [];
  for (const county of places) {
    const copies = countyAgencies(county, templates);
    agencies.push(...copies.values());
    for (const guide of template.guides) {
      const agency = copies.get(guide.agencyUscc)!;
      const parts = parseImplementationCode(guide.implementationCode)!;
      const implementationCode = makeImplementationCode({
        regionCode: county.code,
        organizationCode: agency.organizationCode,
        agencyNature: parts.agencyNature,
        handlingItem: parts.handlingItem,
      });
      const item = items.get(guide.basicCode)!;
      const content = buildGuideContent(
        { implementationCode, agencyUscc: agency.uscc },
        item,
        { name: agency.name, uscc: agency.uscc, serial: serialOf.get(guide.agencyUscc)! },
        files,
      );
      // The builder names 勉县's own joint agencies; the county's copies stand in for them.
      content.jointAgencies = content.jointAgencies.map((uscc) => copies.get(uscc)?.uscc ?? uscc);
      guides.push({
        ...guide,
        implementationCode,
        agencyUscc: agency.uscc,
        // ServiceGuideSeed pins regionCode to 勉县's (seeds/catalog/types.ts); this is the one seed
        // with other counties, and the loader takes any region code.
        regionCode: county.code as ServiceGuideSeed['regionCode'],
        content,
      });
    }
  }
  return { regions: scaleRegions(places), agencies, items: template.items, guides, files: template.files };
}
