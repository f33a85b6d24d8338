import type { Queryable } from '../../../lib/db/store.ts';
import type { CountByKey } from '../generated/resolvers-types.ts';
import { countsByKey } from './formulas.ts';
import { scopeCondition, type Period, type Scope } from './scope.ts';

export interface AlertFigures {
  alertsByColour: CountByKey[];
  alertsByRule: CountByKey[];
}

const COLOURS = ['YELLOW', 'RED'] as const;

/** Alerts raised in the period in scope, by colour (both always listed) and by rule code (those that raised any). */
export async function alertFigures(db: Queryable, scope: Scope, period: Period): Promise<AlertFigures> {
  const where = scopeCondition(scope, 3);
  const { rows } = await db.query<{ colour: string | null; rule_code: string | null; n: string | number }>(
    `SELECT colour, rule_code, count(*) AS n
       FROM alert
      WHERE ${where.sql} AND raised_at >= $1 AND raised_at < $2
      GROUP BY GROUPING SETS ((colour), (rule_code))`,
    [period.start, period.end, where.value],
  );
  const byColour = new Map(rows.filter((row) => row.colour !== null).map((row) => [row.colour!, Number(row.n)]));
  const byRule = rows
    .filter((row) => row.rule_code !== null)
    .map((row) => ({ key: row.rule_code!, count: Number(row.n) }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return { alertsByColour: countsByKey(COLOURS, byColour), alertsByRule: byRule };
}
