import { regionLevel } from '../../lib/codes/region.ts';
import { iso, textOrNull, type Row } from '../../lib/db/rows.ts';
import type { Queryable } from '../../lib/db/store.ts';
import { withGuideDefaults, type GuideContent, type ItemContent, type ResolvedGuideContent } from './guide/content.ts';
import type { ItemType } from '../../lib/codes/basicCode.ts';
import type {
  AgencyModel,
  CatalogStatus,
  RegionModel,
  ServiceGuideModel,
  ServiceItemModel,
  VersionModel,
} from './models.ts';

/**
 * Data access for the catalog. Every read that resolvers reach through a DataLoader takes a list
 * of keys and answers in one statement, so a page of N guides costs the same number of statements
 * as a page of one. Items and guides are read as in force at a date: the version with the latest
 * effective date on or before it (migration 0002).
 */

const REGION_COLUMNS = 'code, name, level, parent_code';
const AGENCY_COLUMNS = 'uscc, organization_code, name, nature, region_code, parent_uscc';
const VERSION_COLUMNS = 'version, effective_from, status, content, author, reason, recorded_at';

/** The version of each item in force at $2, one row per item (DISTINCT ON picks the first by the order). */
const ITEM_IN_FORCE = `
  SELECT DISTINCT ON (v.basic_code) v.basic_code, ${prefixed('v', VERSION_COLUMNS)}
    FROM item_version v
   WHERE v.effective_from <= $2::date AND v.basic_code = ANY($1)
   ORDER BY v.basic_code, v.effective_from DESC, v.version DESC`;

const GUIDE_IN_FORCE = `
  SELECT DISTINCT ON (v.implementation_code) v.implementation_code, ${prefixed('v', VERSION_COLUMNS)}
    FROM guide_version v
   WHERE v.effective_from <= $2::date AND v.implementation_code = ANY($1)
   ORDER BY v.implementation_code, v.effective_from DESC, v.version DESC`;

/**
 * Lists filter on the status of the version in force: a lateral lookup per row, served by the
 * in-force index. Only the status is read here; the documents come through the entity loaders,
 * which serve them from the cache when they can.
 */
const lateralInForce = (table: 'item_version' | 'guide_version', key: string, outer: string, asOf: string) => `
  JOIN LATERAL (SELECT v.status FROM ${table} v
                 WHERE v.${key} = ${outer}.${key} AND v.effective_from <= ${asOf}::date
                 ORDER BY v.effective_from DESC, v.version DESC LIMIT 1) cur ON true`;

function prefixed(alias: string, columns: string): string {
  return columns.split(',').map((column) => `${alias}.${column.trim()}`).join(', ');
}

const str = (value: unknown) => value as string;
const dateText = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));
const json = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

export const toRegion = (row: Row): RegionModel => ({
  code: str(row['code']),
  name: str(row['name']),
  level: row['level'] as RegionModel['level'],
  parentCode: textOrNull(row['parent_code']),
});

export const toAgency = (row: Row): AgencyModel => ({
  uscc: str(row['uscc']),
  organizationCode: str(row['organization_code']),
  name: str(row['name']),
  nature: row['nature'] as AgencyModel['nature'],
  regionCode: str(row['region_code']),
  parentUscc: textOrNull(row['parent_uscc']),
});

export const toVersion = (row: Row): VersionModel => ({
  number: Number(row['version']),
  effectiveFrom: dateText(row['effective_from']),
  status: row['status'] as CatalogStatus,
  author: str(row['author']),
  reason: str(row['reason']),
  recordedAt: iso(row['recorded_at']),
});

function toItem(row: Row, asOf: string): ServiceItemModel {
  const content = json<ItemContent>(row['content']);
  return {
    ...content,
    basicCode: str(row['basic_code']),
    class: row['class'] as ServiceItemModel['class'],
    className: str(row['class_name']),
    group: str(row['group_name']),
    sequence: Number(row['sequence']),
    asOf,
    version: toVersion(row),
    content,
  };
}

/** Stored guide content as read: omitted elements get their defaults from the item's type (item_type). */
const guideContent = (row: Row): ResolvedGuideContent => withGuideDefaults(json<GuideContent>(row['content']), row['item_type'] as ItemType);

function toGuide(row: Row, asOf: string): ServiceGuideModel {
  const content = guideContent(row);
  return {
    ...content,
    implementationCode: str(row['implementation_code']),
    basicCode: str(row['basic_code']),
    agencyUscc: str(row['agency_uscc']),
    regionCode: str(row['region_code']),
    isSample: Boolean(row['is_sample']),
    asOf,
    version: toVersion(row),
    content,
  };
}

/**
 * GB/T 2260 codes nest by prefix: 610000 (province) contains 6107xx (cities) which contain 610725.
 * Filtering "in a region" is therefore a prefix match on the code.
 */
export function regionPrefix(code: string): string {
  return code.slice(0, PREFIX_LENGTH[regionLevel(code)]);
}

const PREFIX_LENGTH = { PROVINCE: 2, CITY: 4, COUNTY: 6 } as const;

/** Collects WHERE conditions with numbered parameters. */
class Conditions {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];
  /** Adds a parameter and returns its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
  add(sqlWithPlaceholder: (param: string) => string, value: unknown): void {
    this.parts.push(sqlWithPlaceholder(this.param(value)));
  }
  where(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

export interface ItemFilter {
  type?: string | null | undefined;
  class?: string | null | undefined;
  group?: string | null | undefined;
  agency?: string | null | undefined;
  region?: string | null | undefined;
}

export interface GuideFilter {
  agency?: string | null | undefined;
  region?: string | null | undefined;
  type?: string | null | undefined;
}

/** Lists show what is in force and not cancelled at `asOf`. */
function itemConditions(filter: ItemFilter, asOf: string): { c: Conditions; join: string } {
  const c = new Conditions();
  const join = lateralInForce('item_version', 'basic_code', 'i', c.param(asOf));
  c.parts.push(`cur.status = 'ACTIVE'`);
  if (filter.type) c.add((p) => `i.type = ${p}`, filter.type);
  if (filter.class) c.add((p) => `i.class = ${p}`, filter.class);
  if (filter.group) c.add((p) => `i.group_name = ${p}`, filter.group);
  if (filter.agency) {
    c.add((p) => `EXISTS (SELECT 1 FROM service_guide g WHERE g.basic_code = i.basic_code AND g.agency_uscc = ${p})`, filter.agency);
  }
  if (filter.region) {
    c.add(
      (p) => `EXISTS (SELECT 1 FROM service_guide g WHERE g.basic_code = i.basic_code AND g.region_code LIKE ${p} || '%')`,
      regionPrefix(filter.region),
    );
  }
  return { c, join };
}

function guideConditions(filter: GuideFilter, asOf: string): { c: Conditions; join: string } {
  const c = new Conditions();
  const join = lateralInForce('guide_version', 'implementation_code', 'g', c.param(asOf));
  c.parts.push(`cur.status = 'ACTIVE'`);
  if (filter.agency) c.add((p) => `g.agency_uscc = ${p}`, filter.agency);
  if (filter.region) c.add((p) => `g.region_code LIKE ${p} || '%'`, regionPrefix(filter.region));
  if (filter.type) c.add((p) => `EXISTS (SELECT 1 FROM service_item i WHERE i.basic_code = g.basic_code AND i.type = ${p})`, filter.type);
  return { c, join };
}

const ITEM_KEYS = 'i.basic_code, i.type, i.class, i.class_name, i.group_name, i.sequence';
/** A guide's keys with its item's type (the defaults of its content depend on it); FROM needs GUIDE_WITH_ITEM. */
const GUIDE_KEYS = 'g.implementation_code, g.basic_code, g.agency_uscc, g.region_code, g.is_sample, i.type AS item_type';
const GUIDE_WITH_ITEM = 'service_guide g JOIN service_item i ON i.basic_code = g.basic_code';

export class CatalogRepository {
  constructor(private readonly db: Queryable) {}

  async regionsByCode(codes: readonly string[]): Promise<RegionModel[]> {
    const { rows } = await this.db.query(`SELECT ${REGION_COLUMNS} FROM region WHERE code = ANY($1)`, [codes]);
    return rows.map(toRegion);
  }

  /** Children of each parent; `null` asks for the top level. */
  async regionChildren(parentCodes: readonly (string | null)[]): Promise<RegionModel[]> {
    const codes = parentCodes.filter((code): code is string => code !== null);
    const top = parentCodes.includes(null);
    const { rows } = await this.db.query(
      `SELECT ${REGION_COLUMNS} FROM region WHERE parent_code = ANY($1) OR ($2 AND parent_code IS NULL) ORDER BY code`,
      [codes, top],
    );
    return rows.map(toRegion);
  }

  async agenciesByUscc(usccs: readonly string[]): Promise<AgencyModel[]> {
    const { rows } = await this.db.query(`SELECT ${AGENCY_COLUMNS} FROM agency WHERE uscc = ANY($1)`, [usccs]);
    return rows.map(toAgency);
  }

  async agencies(region: string | null): Promise<AgencyModel[]> {
    const { rows } = region
      ? await this.db.query(`SELECT ${AGENCY_COLUMNS} FROM agency WHERE region_code LIKE $1 || '%' ORDER BY uscc`, [regionPrefix(region)])
      : await this.db.query(`SELECT ${AGENCY_COLUMNS} FROM agency ORDER BY uscc`);
    return rows.map(toAgency);
  }

  /** Items as in force at `asOf`; items not yet in force are absent. */
  async itemsInForce(codes: readonly string[], asOf: string): Promise<ServiceItemModel[]> {
    const { rows } = await this.db.query(
      `SELECT ${ITEM_KEYS}, cur.* FROM service_item i JOIN (${ITEM_IN_FORCE}) cur ON cur.basic_code = i.basic_code`,
      [codes, asOf],
    );
    return rows.map((row) => toItem(row, asOf));
  }

  async guidesInForce(codes: readonly string[], asOf: string): Promise<ServiceGuideModel[]> {
    const { rows } = await this.db.query(
      `SELECT ${GUIDE_KEYS}, cur.* FROM ${GUIDE_WITH_ITEM} JOIN (${GUIDE_IN_FORCE}) cur ON cur.implementation_code = g.implementation_code`,
      [codes, asOf],
    );
    return rows.map((row) => toGuide(row, asOf));
  }

  /**
   * Guides as they stood in given versions, one statement for any mix of codes and numbers. Each
   * model holds that version's individual elements and is read at the version's effective date
   * (`asOf`), so its item is the common elements in force on that day. Unknown pairs are absent.
   */
  async guideVersionsByNumber(keys: ReadonlyArray<{ implementationCode: string; number: number }>): Promise<ServiceGuideModel[]> {
    const { rows } = await this.db.query(
      `SELECT ${GUIDE_KEYS}, ${prefixed('v', VERSION_COLUMNS)}
         FROM ${GUIDE_WITH_ITEM}
         JOIN guide_version v ON v.implementation_code = g.implementation_code
         JOIN unnest($1::text[], $2::int[]) AS k(code, number) ON k.code = v.implementation_code AND k.number = v.version`,
      [keys.map((key) => key.implementationCode), keys.map((key) => key.number)],
    );
    return rows.map((row) => toGuide(row, dateText(row['effective_from'])));
  }

  /** The implementation codes of every given item within one region scope (all regions when null). */
  async guideCodesOfItems(basicCodes: readonly string[], region: string | null): Promise<Array<{ basicCode: string; implementationCode: string }>> {
    const { rows } = await this.db.query<{ basic_code: string; implementation_code: string }>(
      `SELECT basic_code, implementation_code FROM service_guide
        WHERE basic_code = ANY($1) AND ($2::text IS NULL OR region_code LIKE $2 || '%')
        ORDER BY implementation_code`,
      [basicCodes, region === null ? null : regionPrefix(region)],
    );
    return rows.map((row) => ({ basicCode: row.basic_code, implementationCode: row.implementation_code }));
  }

  /** The codes of one page of items (in force, not cancelled) in basic-code order after `after`; limit + 1 rows tell hasNextPage. */
  async itemPage(filter: ItemFilter, asOf: string, limit: number, after: string | null): Promise<string[]> {
    const { c, join } = itemConditions(filter, asOf);
    if (after) c.add((p) => `i.basic_code > ${p}`, after);
    const limitParam = c.param(limit);
    const { rows } = await this.db.query<{ basic_code: string }>(
      `SELECT i.basic_code FROM service_item i ${join} ${c.where()} ORDER BY i.basic_code LIMIT ${limitParam}`,
      c.params,
    );
    return rows.map((row) => row.basic_code);
  }

  async itemCount(filter: ItemFilter, asOf: string): Promise<number> {
    const { c, join } = itemConditions(filter, asOf);
    const { rows } = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_item i ${join} ${c.where()}`, c.params);
    return rows[0]?.n ?? 0;
  }

  /** The codes of one page of guides, like itemPage. */
  async guidePage(filter: GuideFilter, asOf: string, limit: number, after: string | null): Promise<string[]> {
    const { c, join } = guideConditions(filter, asOf);
    if (after) c.add((p) => `g.implementation_code > ${p}`, after);
    const limitParam = c.param(limit);
    const { rows } = await this.db.query<{ implementation_code: string }>(
      `SELECT g.implementation_code FROM service_guide g ${join} ${c.where()} ORDER BY g.implementation_code LIMIT ${limitParam}`,
      c.params,
    );
    return rows.map((row) => row.implementation_code);
  }

  async guideCount(filter: GuideFilter, asOf: string): Promise<number> {
    const { c, join } = guideConditions(filter, asOf);
    const { rows } = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_guide g ${join} ${c.where()}`, c.params);
    return rows[0]?.n ?? 0;
  }

  async itemVersions(basicCode: string): Promise<Array<VersionModel & { content: ItemContent }>> {
    const { rows } = await this.db.query(`SELECT ${VERSION_COLUMNS} FROM item_version WHERE basic_code = $1 ORDER BY version DESC`, [basicCode]);
    return rows.map((row) => ({ ...toVersion(row), content: json<ItemContent>(row['content']) }));
  }

  async guideVersions(implementationCode: string): Promise<Array<VersionModel & { content: ResolvedGuideContent }>> {
    const { rows } = await this.db.query(
      `SELECT ${prefixed('v', VERSION_COLUMNS)}, i.type AS item_type
         FROM guide_version v JOIN ${GUIDE_WITH_ITEM} ON g.implementation_code = v.implementation_code
        WHERE v.implementation_code = $1 ORDER BY v.version DESC`,
      [implementationCode],
    );
    return rows.map((row) => ({ ...toVersion(row), content: guideContent(row) }));
  }

  /** Every guide in force in a region and/or of an agency, with its item (for the audit summary). */
  async guidesWithItemsInForce(filter: GuideFilter, asOf: string): Promise<Array<{ guide: ServiceGuideModel; item: ServiceItemModel }>> {
    const { c, join } = guideConditions(filter, asOf);
    const { rows } = await this.db.query(
      `SELECT g.implementation_code FROM service_guide g ${join} ${c.where()} ORDER BY g.implementation_code`,
      c.params,
    );
    const codes = rows.map((row) => String(row['implementation_code']));
    const guides = await this.guidesInForce(codes, asOf);
    const items = new Map((await this.itemsInForce([...new Set(guides.map((g) => g.basicCode))], asOf)).map((i) => [i.basicCode, i]));
    return guides.flatMap((guide) => {
      const item = items.get(guide.basicCode);
      return item ? [{ guide, item }] : [];
    });
  }

  async fileById(id: string): Promise<{ name: string; mediaType: string; bytes: Buffer } | null> {
    const { rows } = await this.db.query<{ name: string; media_type: string; bytes: Uint8Array }>(
      'SELECT name, media_type, bytes FROM stored_file WHERE id = $1',
      [id],
    );
    const row = rows[0];
    return row ? { name: row.name, mediaType: row.media_type, bytes: Buffer.from(row.bytes) } : null;
  }

  async dataVersion(): Promise<number> {
    const { rows } = await this.db.query<{ data_version: string | number }>('SELECT data_version FROM catalog_state');
    return Number(rows[0]?.data_version ?? 0);
  }

  /** Documents for the search index: every item in force today with its content. */
  async allItemsInForce(asOf: string): Promise<ServiceItemModel[]> {
    const { rows } = await this.db.query('SELECT basic_code FROM service_item ORDER BY basic_code');
    return this.itemsInForce(rows.map((row) => String(row['basic_code'])), asOf);
  }
}
