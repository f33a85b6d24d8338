import { makeBasicCode, makeImplementationCode } from '../../lib/codes/index.ts';
import type { ItemType } from '../../lib/codes/index.ts';
import { AGENCIES, agencyCodes, agencyKeyOf, buildAgencySeeds } from './agencies.ts';
import type { AgencyKey } from './agencies.ts';
import { CATALOG } from './catalog.ts';
import { itemClassOf } from './itemClass.ts';
import { classifyItemType } from './itemType.ts';
import { sampleLegalBasis } from './legalBasis.ts';
import { COUNTY_REGION_CODE, buildRegionSeeds } from './regions.ts';
import { HALL_HOURS, hallLocation, hallPhone } from './serviceHall.ts';
import { SAMPLE_TIME_LIMITS } from './timeLimits.ts';
import type { CatalogSeed, ServiceGuideSeed, ServiceItemSeed } from './types.ts';

export { SAMPLE_DATA_NOTE } from './agencies.ts';
export type * from './types.ts';

const MAX_HANDLING_ITEM = 99;

/** Next 1-based number in a per-key sequence. */
function counter<K>(): (key: K) => number {
  const counts = new Map<K, number>();
  return (key) => {
    const next = (counts.get(key) ?? 0) + 1;
    counts.set(key, next);
    return next;
  };
}

/**
 * The seed rows of the 2011 勉县 catalog: regions, agencies, the 385 service
 * items and one sample 勉县 guide per item. Pure and deterministic, since the
 * loader skips a seed whose checksum it has already applied.
 */
export function buildCatalogSeed(): CatalogSeed {
  const nextMain = counter<ItemType>();
  const nextHandlingItem = counter<AgencyKey>();
  const items: ServiceItemSeed[] = [];
  const guides: ServiceGuideSeed[] = [];

  for (const entry of CATALOG) {
    const type = classifyItemType(entry.name, entry.class);
    // Basic codes number items per type in catalog order.
    const basicCode = makeBasicCode(type, nextMain(type));
    items.push({
      basicCode,
      name: entry.name,
      type,
      class: itemClassOf(entry.class),
      className: entry.class,
      group: entry.group,
      sequence: entry.seq,
    });

    const agencyKey = agencyKeyOf(entry);
    const agency = AGENCIES[agencyKey];
    const { organizationCode, uscc } = agencyCodes(agencyKey);
    const handlingItem = nextHandlingItem(agencyKey);
    if (handlingItem > MAX_HANDLING_ITEM) {
      throw new RangeError(`${agency.name} implements more than ${MAX_HANDLING_ITEM} items`);
    }
    const limits = SAMPLE_TIME_LIMITS[type];
    guides.push({
      implementationCode: makeImplementationCode({
        regionCode: COUNTY_REGION_CODE,
        organizationCode,
        agencyNature: agency.nature,
        handlingItem,
      }),
      basicCode,
      agencyUscc: uscc,
      regionCode: COUNTY_REGION_CODE,
      level: 'COUNTY',
      legalBasis: sampleLegalBasis(entry, type),
      // Copies, so that no two rows share a mutable object.
      legalTimeLimit: limits.legal && { ...limits.legal },
      promisedTimeLimit: limits.promised && { ...limits.promised },
      location: hallLocation(agency.serial),
      hours: HALL_HOURS,
      phone: hallPhone(agency.serial),
      isSample: true,
    });
  }

  return { regions: buildRegionSeeds(), agencies: buildAgencySeeds(CATALOG), items, guides };
}
