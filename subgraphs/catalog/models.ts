/**
 * What the catalog's resolvers pass around: rows as the repository returns them, in camelCase.
 * The codegen mappers (codegen.ts) tie each GraphQL type to one of these, so a resolver that
 * returns the wrong shape fails type-checking.
 */
import type { ItemType } from '../../lib/codes/basicCode.ts';

export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';
export type TimeUnit = 'WORKING_DAY' | 'NATURAL_DAY';

export interface TimeLimitModel {
  value: number;
  unit: TimeUnit;
}

export interface RegionModel {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export interface AgencyModel {
  uscc: string;
  organizationCode: string;
  name: string;
  nature: 'STATUTORY_ORGAN' | 'AUTHORIZED_ORGANIZATION' | 'ENTRUSTED_ORGANIZATION' | 'OTHER';
  regionCode: string;
  parentUscc: string | null;
}

export interface ServiceItemModel {
  basicCode: string;
  name: string;
  type: ItemType;
  class: 'DISCLOSURE' | 'ADMINISTRATIVE_POWER' | 'CONVENIENCE';
  className: string;
  group: string;
  sequence: number;
}

export interface ServiceGuideModel {
  implementationCode: string;
  basicCode: string;
  agencyUscc: string;
  regionCode: string;
  level: RegionLevel;
  legalBasis: string | null;
  legalTimeLimit: TimeLimitModel | null;
  promisedTimeLimit: TimeLimitModel | null;
  location: string | null;
  hours: string | null;
  phone: string | null;
  isSample: boolean;
}

/** A page of a connection; the total is counted only when a client asks for it. */
export interface ConnectionModel<T> {
  nodes: T[];
  cursorOf(node: T): string;
  hasNextPage: boolean;
  count(): Promise<number>;
}
