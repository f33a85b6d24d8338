import { regionLevel } from '../../lib/codes/region.ts';
import type { Queryable } from '../../lib/db/store.ts';
import type {
  AgencyModel,
  RegionModel,
  ServiceGuideModel,
  ServiceItemModel,
  TimeLimitModel,
  TimeUnit,
} from './models.ts';

/**
 * Data access for the catalog. Every read that resolvers reach through a DataLoader takes a list
 * of keys and answers in one statement, so a page of N guides costs the same number of statements
 * as a page of one.
 */

const REGION_COLUMNS = 'code, name, level, parent_code';
const AGENCY_COLUMNS = 'uscc, organization_code, name, nature, region_code, parent_uscc';
const ITEM_COLUMNS = 'basic_code, name, type, class, class_name, group_name, sequence';
const GUIDE_COLUMNS = `implementation_code, basic_code, agency_uscc, region_code, level, legal_basis,
  legal_limit_value, legal_limit_unit, promised_limit_value, promised_limit_unit, location, hours, phone, is_sample`;

type Row = Record<string, unknown>;

const qualified = (alias: string, columns: string) =>
  columns.split(',').map((column) => `${alias}.${column.trim()}`).join(', ');

const str = (value: unknown) => value as string;
const strOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value));

function limitOf(value: unknown, unit: unknown): TimeLimitModel | null {
  return value === null || value === undefined ? null : { value: Number(value), unit: unit as TimeUnit };
}

export const toRegion = (row: Row): RegionModel => ({
  code: str(row['code']),
  name: str(row['name']),
  level: row['level'] as RegionModel['level'],
  parentCode: strOrNull(row['parent_code']),
});

export const toAgency = (row: Row): AgencyModel => ({
  uscc: str(row['uscc']),
  organizationCode: str(row['organization_code']),
  name: str(row['name']),
  nature: row['nature'] as AgencyModel['nature'],
  regionCode: str(row['region_code']),
  parentUscc: strOrNull(row['parent_uscc']),
});

export const toItem = (row: Row): ServiceItemModel => ({
  basicCode: str(row['basic_code']),
  name: str(row['name']),
  type: row['type'] as ServiceItemModel['type'],
  class: row['class'] as ServiceItemModel['class'],
  className: str(row['class_name']),
  group: str(row['group_name']),
  sequence: Number(row['sequence']),
});

export const toGuide = (row: Row): ServiceGuideModel => ({
  implementationCode: str(row['implementation_code']),
  basicCode: str(row['basic_code']),
  agencyUscc: str(row['agency_uscc']),
  regionCode: str(row['region_code']),
  level: row['level'] as ServiceGuideModel['level'],
  legalBasis: strOrNull(row['legal_basis']),
  legalTimeLimit: limitOf(row['legal_limit_value'], row['legal_limit_unit']),
  promisedTimeLimit: limitOf(row['promised_limit_value'], row['promised_limit_unit']),
  location: strOrNull(row['location']),
  hours: strOrNull(row['hours']),
  phone: strOrNull(row['phone']),
  isSample: Boolean(row['is_sample']),
});

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
  add(sqlWithPlaceholder: (param: string) => string, value: unknown): void {
    this.params.push(value);
    this.parts.push(sqlWithPlaceholder(`$${this.params.length}`));
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

function itemConditions(filter: ItemFilter): Conditions {
  const c = new Conditions();
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
  return c;
}

function guideConditions(filter: GuideFilter): Conditions {
  const c = new Conditions();
  if (filter.agency) c.add((p) => `g.agency_uscc = ${p}`, filter.agency);
  if (filter.region) c.add((p) => `g.region_code LIKE ${p} || '%'`, regionPrefix(filter.region));
  if (filter.type) c.add((p) => `i.type = ${p}`, filter.type);
  return c;
}

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

  async itemsByCode(codes: readonly string[]): Promise<ServiceItemModel[]> {
    const { rows } = await this.db.query(`SELECT ${ITEM_COLUMNS} FROM service_item WHERE basic_code = ANY($1)`, [codes]);
    return rows.map(toItem);
  }

  async guidesByCode(codes: readonly string[]): Promise<ServiceGuideModel[]> {
    const { rows } = await this.db.query(
      `SELECT ${GUIDE_COLUMNS} FROM service_guide WHERE implementation_code = ANY($1)`,
      [codes],
    );
    return rows.map(toGuide);
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

  /** One page of items in basic-code order after `after`; fetches one extra row to learn hasNextPage. */
  async itemPage(filter: ItemFilter, limit: number, after: string | null): Promise<ServiceItemModel[]> {
    const c = itemConditions(filter);
    if (after) c.add((p) => `i.basic_code > ${p}`, after);
    c.params.push(limit);
    const { rows } = await this.db.query(
      `SELECT ${qualified('i', ITEM_COLUMNS)} FROM service_item i ${c.where()}
        ORDER BY i.basic_code LIMIT $${c.params.length}`,
      c.params,
    );
    return rows.map(toItem);
  }

  async itemCount(filter: ItemFilter): Promise<number> {
    const c = itemConditions(filter);
    const { rows } = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_item i ${c.where()}`, c.params);
    return rows[0]?.n ?? 0;
  }

  /** One page of guides in implementation-code order after `after`, like itemPage. */
  async guidePage(filter: GuideFilter, limit: number, after: string | null): Promise<ServiceGuideModel[]> {
    const c = guideConditions(filter);
    if (after) c.add((p) => `g.implementation_code > ${p}`, after);
    c.params.push(limit);
    const join = filter.type ? 'JOIN service_item i ON i.basic_code = g.basic_code' : '';
    const { rows } = await this.db.query(
      `SELECT ${qualified('g', GUIDE_COLUMNS)} FROM service_guide g ${join} ${c.where()}
        ORDER BY g.implementation_code LIMIT $${c.params.length}`,
      c.params,
    );
    return rows.map(toGuide);
  }

  async guideCount(filter: GuideFilter): Promise<number> {
    const c = guideConditions(filter);
    const join = filter.type ? 'JOIN service_item i ON i.basic_code = g.basic_code' : '';
    const { rows } = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM service_guide g ${join} ${c.where()}`,
      c.params,
    );
    return rows[0]?.n ?? 0;
  }
}
