import type { AgencyNature, ItemType, RegionLevel } from '../../lib/codes/index.ts';
import type { FileRef, GuideContent, ItemContent } from '../../subgraphs/catalog/guide/content.ts';

/** One entry of basic-catalog.json, the 2011 county catalog transcribed from seed 001. */
export interface CatalogEntry {
  class: string;
  group: string;
  seq: number;
  name: string;
}

export type ItemClass = 'DISCLOSURE' | 'ADMINISTRATIVE_POWER' | 'CONVENIENCE';

export interface RegionSeed {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export interface AgencySeed {
  uscc: string;
  organizationCode: string;
  name: string;
  regionCode: string;
  parentUscc: string | null;
  nature: AgencyNature;
  /** Catalog groups this agency implements (a group may be split between agencies). */
  groups: string[];
}

export interface ServiceItemSeed {
  basicCode: string;
  name: string;
  type: ItemType;
  class: ItemClass;
  /** Class name as written in the catalog, e.g. 行政职权事项. */
  className: string;
  group: string;
  /** The catalog's own sequence number, unique within a class. */
  sequence: number;
  /** The common elements (共性要素) of the item's guides. */
  content: ItemContent;
}

export interface ServiceGuideSeed {
  implementationCode: string;
  basicCode: string;
  agencyUscc: string;
  regionCode: '610725';
  level: 'COUNTY';
  isSample: true;
  /** The individual elements (个性要素). */
  content: GuideContent;
}

/** A file the guides refer to (blank form, filled-in sample, result sample), with its bytes. */
export interface SeedFile {
  ref: FileRef;
  bytes: Buffer;
}

export interface CatalogSeed {
  regions: RegionSeed[];
  agencies: AgencySeed[];
  items: ServiceItemSeed[];
  guides: ServiceGuideSeed[];
  /** Every file the contents refer to, once each (by id). */
  files: SeedFile[];
}
