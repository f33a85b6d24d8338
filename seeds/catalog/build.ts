import { makeBasicCode, makeImplementationCode } from '../../lib/codes/index.ts';
import type { ItemType } from '../../lib/codes/index.ts';
import { AGENCIES, agencyCodes, agencyKeyOf, buildAgencySeeds } from './agencies.ts';
import type { AgencyKey } from './agencies.ts';
import { CATALOG } from './catalog.ts';
import { buildGuideContent, buildItemContent } from './content/build.ts';
import { FileStore } from './content/fileStore.ts';
import { itemClassOf } from './itemClass.ts';
import { classifyItemType } from './itemType.ts';
import { COUNTY_REGION_CODE, buildRegionSeeds } from './regions.ts';
import type { CatalogSeed, SeedFile, ServiceGuideSeed, ServiceItemSeed } from './types.ts';

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

/** Ids of the files a content refers to, so files made for content a defect removed are left out. */
function referencedFileIds(items: readonly ServiceItemSeed[], guides: readonly ServiceGuideSeed[]): Set<string> {
  const ids = new Set<string>();
  for (const item of items) {
    for (const material of item.content.materials) {
      if (material.blankForm) ids.add(material.blankForm.id);
      if (material.sampleForm) ids.add(material.sampleForm.id);
    }
  }
  for (const guide of guides) if (guide.content.result.sample) ids.add(guide.content.result.sample.id);
  return ids;
}

/**
 * The seed rows of the 2011 勉县 catalog: regions, agencies, the 385 service
 * items with their common guide elements, one sample 勉县 guide per item with
 * its individual elements, and the files they refer to. Pure and deterministic,
 * since the loader skips a seed whose checksum it has already applied.
 */
export function buildCatalogSeed(): CatalogSeed {
  const nextMain = counter<ItemType>();
  const nextHandlingItem = counter<AgencyKey>();
  const items: ServiceItemSeed[] = [];
  const guides: ServiceGuideSeed[] = [];
  const files = new FileStore();

  for (const entry of CATALOG) {
    const type = classifyItemType(entry.name, entry.class);
    // Basic codes number items per type in catalog order.
    const basicCode = makeBasicCode(type, nextMain(type));
    const base = {
      basicCode,
      name: entry.name,
      type,
      class: itemClassOf(entry.class),
      className: entry.class,
      group: entry.group,
      sequence: entry.seq,
    };
    const item: ServiceItemSeed = { ...base, content: buildItemContent(base, files) };
    items.push(item);

    const agencyKey = agencyKeyOf(entry);
    const agency = AGENCIES[agencyKey];
    const { organizationCode, uscc } = agencyCodes(agencyKey);
    const handlingItem = nextHandlingItem(agencyKey);
    if (handlingItem > MAX_HANDLING_ITEM) {
      throw new RangeError(`${agency.name} implements more than ${MAX_HANDLING_ITEM} items`);
    }
    const implementationCode = makeImplementationCode({
      regionCode: COUNTY_REGION_CODE,
      organizationCode,
      agencyNature: agency.nature,
      handlingItem,
    });
    const content = buildGuideContent({ implementationCode, agencyUscc: uscc }, item, { name: agency.name, uscc, serial: agency.serial }, files);
    guides.push({
      implementationCode,
      basicCode,
      agencyUscc: uscc,
      regionCode: COUNTY_REGION_CODE,
      level: 'COUNTY',
      isSample: true,
      content,
    });
  }

  const referenced = referencedFileIds(items, guides);
  const seedFiles: SeedFile[] = files.list().filter((file) => referenced.has(file.ref.id));
  return { regions: buildRegionSeeds(), agencies: buildAgencySeeds(CATALOG), items, guides, files: seedFiles };
}
