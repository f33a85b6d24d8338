import { checkBasicCode, checkImplementationCode, checkRegionCode, checkUscc } from '../../../lib/codes/index.ts';
import { PROVINCE_CODES } from '../../../lib/codes/region.ts';
import { badUserInput } from '../../../lib/errors.ts';
import { chinaPeriod } from '../../../lib/time.ts';
import type { CatalogSource, GuideFigures } from '../datasources/catalog.ts';
import type { FiguresScope, PeriodInput } from '../generated/resolvers-types.ts';

/**
 * Whose figures, once checked: one agency, one region prefix (61, 6107, 610725), or a set of guides
 * (one guide by its implementation code, or every implementation of one basic item) with the
 * guides themselves, read from the catalog while checking that they exist.
 */
export type Scope =
  | { kind: 'agency'; agency: string }
  | { kind: 'region'; prefix: string }
  | { kind: 'guides'; implementationCodes: string[]; guides: GuideFigures[] };

/** A period of China dates, both ends included, and the instants that bound it (to is exclusive). */
export interface Period {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

/** The longest period asked for at once: a (leap) year. */
export const MAX_PERIOD_DAYS = 366;

/**
 * Checks the scope's shape and that its agency or guide exists. A region is a GB/T 2260 prefix of
 * 2, 4 or 6 digits; a six-digit code of a city (xx xx 00) or province (xx 00 00) means its prefix, so
 * 610700 and 6107 ask for the same cases.
 */
export async function checkScope(scope: FiguresScope, catalog: CatalogSource): Promise<Scope> {
  const given = (['agency', 'region', 'implementationCode', 'basicCode'] as const).filter((key) => scope[key] !== null && scope[key] !== undefined);
  if (given.length !== 1) throw badUserInput('scope', `give exactly one of agency, region, implementationCode or basicCode (got ${given.length})`);
  if (scope.agency) {
    const check = checkUscc(scope.agency, { legacyTolerant: true });
    if (!check.ok) throw badUserInput('scope.agency', check.reason, 'an 18-character unified social credit code (GB 32100)');
    if ((await catalog.agencyName(scope.agency)) === null) throw badUserInput('scope.agency', `no agency ${scope.agency} in the catalog`);
    return { kind: 'agency', agency: scope.agency };
  }
  if (scope.region) return { kind: 'region', prefix: regionPrefix(scope.region) };
  if (scope.basicCode) {
    const check = checkBasicCode(scope.basicCode);
    if (!check.ok) throw badUserInput('scope.basicCode', check.reason, 'a 10-character basic code');
    return guidesScope(await catalog.guidesInScope({ basicCode: scope.basicCode }), 'scope.basicCode', `no guide implements basic item ${scope.basicCode} in the catalog`);
  }
  const code = scope.implementationCode!;
  const check = checkImplementationCode(code);
  if (!check.ok) throw badUserInput('scope.implementationCode', check.reason, 'a 24-character implementation code');
  return guidesScope(await catalog.guidesInScope({ implementationCode: code }), 'scope.implementationCode', `no guide ${code} in the catalog`);
}

function guidesScope(guides: GuideFigures[], field: string, none: string): Scope {
  if (guides.length === 0) throw badUserInput(field, none);
  return { kind: 'guides', implementationCodes: guides.map((guide) => guide.implementationCode), guides };
}

const REGION_EXPECTED = 'a GB/T 2260 prefix: 2 digits (province, 61), 4 (city, 6107) or 6 (county, 610725)';

export function regionPrefix(region: string): string {
  if (!/^(\d{2}|\d{4}|\d{6})$/.test(region)) throw badUserInput('scope.region', 'expected 2, 4 or 6 digits', REGION_EXPECTED);
  const code = region.padEnd(6, '0');
  const check = PROVINCE_CODES.has(code.slice(0, 2)) ? checkRegionCode(code) : { ok: false as const, reason: `'${code.slice(0, 2)}' is not a GB/T 2260 province code` };
  if (!check.ok) throw badUserInput('scope.region', check.reason, REGION_EXPECTED);
  if (region.length === 4 && region.endsWith('00')) throw badUserInput('scope.region', 'a city prefix cannot end in 00', REGION_EXPECTED);
  return code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;
}

/** The six-digit code the catalog's region filter takes for a prefix (it matches by prefix itself). */
export const catalogRegion = (prefix: string): string => prefix.padEnd(6, '0');

export function checkPeriod(period: PeriodInput): Period {
  const checked = chinaPeriod(period.from, period.to);
  if (!checked.ok) {
    if (checked.problem === 'notDate') throw badUserInput(`period.${checked.end}`, 'not a calendar date', 'YYYY-MM-DD, e.g. 2026-03-31');
    throw badUserInput('period.to', `is before period.from (${period.from})`);
  }
  if (checked.days > MAX_PERIOD_DAYS) throw badUserInput('period.to', `the period spans ${checked.days} days; at most ${MAX_PERIOD_DAYS}`);
  return { from: period.from, to: period.to, start: checked.start, end: checked.end };
}

/**
 * The SQL condition that keeps a scope's rows, for the tables that carry agency, region and
 * implementation_code (supervised_case, alert): the column and its one parameter.
 */
export function scopeCondition(scope: Scope, param: number): { sql: string; value: string | string[] } {
  switch (scope.kind) {
    case 'agency':
      return { sql: `agency = $${param}`, value: scope.agency };
    case 'region':
      return { sql: `region LIKE $${param} || '%'`, value: scope.prefix };
    case 'guides':
      return { sql: `implementation_code = ANY($${param}::text[])`, value: scope.implementationCodes };
  }
}
