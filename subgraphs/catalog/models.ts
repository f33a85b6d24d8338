/**
 * What the catalog's resolvers pass around. The codegen mappers (codegen.ts) tie each GraphQL type
 * to one of these, so a resolver that returns the wrong shape fails type-checking.
 */
import type { ItemType } from '../../lib/codes/basicCode.ts';
import type { ItemContent, ResolvedGuideContent } from './guide/content.ts';

export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';
export type { TimeLimit as TimeLimitModel, TimeUnit } from './guide/content.ts';

export interface RegionModel {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export type AgencyNatureName = 'STATUTORY_ORGAN' | 'AUTHORIZED_ORGANIZATION' | 'ENTRUSTED_ORGANIZATION' | 'OTHER';

export interface AgencyModel {
  uscc: string;
  organizationCode: string;
  name: string;
  nature: AgencyNatureName;
  regionCode: string;
  parentUscc: string | null;
}

export type CatalogStatus = 'ACTIVE' | 'CANCELLED';

export interface VersionModel {
  number: number;
  effectiveFrom: string;
  status: CatalogStatus;
  author: string;
  reason: string;
  recordedAt: string;
}

/**
 * An item as in force at `asOf`: its keys, the version, and the common elements of that version
 * spread in, so most fields resolve by name. `content` keeps the document whole (diffs, audit).
 */
export interface ServiceItemModel extends ItemContent {
  basicCode: string;
  type: ItemType;
  class: 'DISCLOSURE' | 'ADMINISTRATIVE_POWER' | 'CONVENIENCE';
  className: string;
  group: string;
  sequence: number;
  asOf: string;
  version: VersionModel;
  content: ItemContent;
}

/**
 * A guide as in force at `asOf`, its individual elements spread in like the item's (with the
 * defaults of omitted elements filled in: withGuideDefaults).
 */
export interface ServiceGuideModel extends ResolvedGuideContent {
  implementationCode: string;
  basicCode: string;
  agencyUscc: string;
  regionCode: string;
  isSample: boolean;
  asOf: string;
  version: VersionModel;
  content: ResolvedGuideContent;
}

/**
 * One version of a guide (ServiceGuideVersion): the guide as it stood in that version, read at the
 * version's effective date. Its version fields are `guide.version`.
 */
export interface ServiceGuideVersionModel {
  guide: ServiceGuideModel;
}

/** A page of a connection; the total is counted only when a client asks for it. */
export interface ConnectionModel<T> {
  nodes: T[];
  cursorOf(node: T): string;
  hasNextPage: boolean;
  count(): Promise<number>;
}

export type { Material as MaterialModel, Situation as SituationModel, FileRef as FileRefModel } from './guide/content.ts';

/** A situation resolves its materials from the item it belongs to. */
export interface SituationWithItem {
  id: string;
  name: string;
  materialIds: string[];
  item: ServiceItemModel;
}

export interface SearchHitModel {
  basicCode: string;
  name: string;
  score: number;
  matchedBy: 'NAME' | 'ALIAS' | 'TEXT';
  asOf: string;
  /** The guide in the region searched (or any, without a region). */
  guideCode: string | null;
}

export interface ItemVersionPayloadModel {
  basicCode: string;
  version: VersionModel;
}

export interface GuideVersionPayloadModel {
  implementationCode: string;
  version: VersionModel;
}

/** An audit as the resolvers return it: the audit's own result with the guide it is about. */
export type GuideAuditModel = import('./audit/types.ts').GuideAudit & { guide: ServiceGuideModel };

export type { AuditSummary as AuditSummaryModel } from './audit/summary.ts';

export type AgencyAuditScoreModel = import('./audit/summary.ts').AuditSummary['byAgency'][number];

export type RegionAuditScoreModel = import('./audit/summary.ts').AuditSummary['byRegion'][number];

export type { AccessLogEntry as AccessLogEntryModel } from '../../lib/audit/accessLog.ts';
export type { AccessLogPage as AccessLogPageModel } from '../../lib/audit/resolvers.ts';
