import type { AgencyNature, ItemType, RegionLevel } from '../../lib/codes/index.ts';

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
}

export interface TimeLimit {
  value: number;
  unit: 'WORKING_DAY' | 'NATURAL_DAY';
}

export interface ServiceGuideSeed {
  implementationCode: string;
  basicCode: string;
  agencyUscc: string;
  regionCode: '610725';
  level: 'COUNTY';
  legalBasis: string;
  legalTimeLimit: TimeLimit | null;
  promisedTimeLimit: TimeLimit | null;
  location: string;
  hours: string;
  phone: string;
  isSample: true;
}

export interface CatalogSeed {
  regions: RegionSeed[];
  agencies: AgencySeed[];
  items: ServiceItemSeed[];
  guides: ServiceGuideSeed[];
}
