import type { Queryable } from '../../../lib/db/store.ts';
import { chinaPeriod } from '../../../lib/time.ts';
import type { EvaluationLevel } from '../generated/resolvers-types.ts';
import { Conditions } from '../workflow/sql.ts';
import { EVALUATION_LEVELS } from './rules.ts';

/** Whose evaluations: one agency, a region (a code or a prefix of one) or one guide. */
export interface EvaluationScope {
  agency?: string | null;
  regionPrefix?: string | null;
  /** One guide, or the implementations of one basic item. */
  implementationCodes?: readonly string[] | null;
}

/**
 * 好差评 by level for the figures (evaluation distribution, 好评率): the evaluations given in the
 * period (both days included, China time) that still count — an upheld appeal takes a review out.
 * Every level is present, zero when none was given.
 */
export async function evaluationLevelCounts(store: Queryable, scope: EvaluationScope, fromDate: string, toDate: string): Promise<Record<EvaluationLevel, number>> {
  const counts = Object.fromEntries(EVALUATION_LEVELS.map((level) => [level, 0])) as Record<EvaluationLevel, number>;
  const period = chinaPeriod(fromDate, toDate);
  // A period that ends before it starts holds no evaluation; a date that is not one is a caller's bug.
  if (!period.ok && period.problem === 'reversed') return counts;
  if (!period.ok) throw new RangeError(`not a period of dates: ${fromDate} to ${toDate}`);
  const conditions = new Conditions()
    .add(period.start.toISOString(), (from) => `evaluated_at >= ${from}::timestamptz`)
    .add(period.end.toISOString(), (to) => `evaluated_at < ${to}::timestamptz`)
    .add(scope.agency || null, (agency) => `agency = ${agency}`)
    .add(scope.implementationCodes ?? null, (codes) => `implementation_code = ANY(${codes}::text[])`)
    // The implementation code begins with the region: the prefix of one is the prefix of the other.
    .add(scope.regionPrefix || null, (prefix) => `starts_with(implementation_code, ${prefix})`);
  const { rows } = await store.query<{ level: EvaluationLevel; count: string | number }>(
    `SELECT level, count(*) AS count FROM evaluation ${conditions.where} AND counted GROUP BY level`,
    conditions.params,
  );
  for (const row of rows) counts[row.level] = Number(row.count);
  return counts;
}
