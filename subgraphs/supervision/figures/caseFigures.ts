import type { Queryable } from '../../../lib/db/store.ts';
import type { CalendarSource } from '../datasources/calendar.ts';
import type { Figure } from '../generated/resolvers-types.ts';
import type { DeadlineFact } from '../observations/observation.ts';
import { ratio } from './formulas.ts';
import { handlingFigures, type HandlingFigures } from './handling.ts';
import { scopeCondition, type Period, type Scope } from './scope.ts';

export interface CaseFigures extends HandlingFigures {
  casesAccepted: number;
  casesCompleted: number;
  onTimeRate: Figure;
  onlineAcceptanceRate: Figure;
}

/** The China date of a timestamp column, in SQL (China has no daylight saving, so the offset is fixed). */
const chinaDay = (column: string) => `to_char(${column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;

/**
 * The case figures of a scope and period, from supervision's projection of the cases
 * (supervised_case): the counts are aggregates in SQL; the handling times need the working-day
 * calendar, so only the dates and deadlines of the cases completed in the period are read.
 */
export async function caseFigures(db: Queryable, scope: Scope, period: Period, calendars: CalendarSource): Promise<CaseFigures> {
  const where = scopeCondition(scope, 3);
  const params = [period.start, period.end, where.value];
  // Every case counted was submitted before the period ended: bounds the scan by the submission indexes.
  const inScope = `${where.sql} AND submitted_at < $2`;
  const accepted = 'accepted_at >= $1 AND accepted_at < $2';
  const completed = 'completed_at >= $1 AND completed_at < $2';
  const promisedDue = "deadlines->'promised'->>'due'";
  const promisedEnd = `COALESCE(deadlines->'promised'->>'finishedOn', ${chinaDay('completed_at')})`;
  const { rows } = await db.query<Record<string, string | number>>(
    `SELECT count(*) FILTER (WHERE ${accepted}) AS accepted,
            count(*) FILTER (WHERE ${accepted} AND channel IN ('ONLINE', 'MOBILE')) AS accepted_online,
            count(*) FILTER (WHERE ${completed}) AS completed,
            count(*) FILTER (WHERE ${completed} AND ${promisedDue} IS NOT NULL) AS with_promise,
            count(*) FILTER (WHERE ${completed} AND ${promisedDue} IS NOT NULL AND ${promisedEnd} <= ${promisedDue}) AS on_time
       FROM supervised_case
      WHERE ${inScope} AND ((${accepted}) OR (${completed}))`,
    params,
  );
  const counts = rows[0]!;
  const durations = await db.query<{ accepted_on: string; completed_on: string; promised: DeadlineFact | null; legal: DeadlineFact | null }>(
    `SELECT ${chinaDay('accepted_at')} AS accepted_on, ${chinaDay('completed_at')} AS completed_on,
            deadlines->'promised' AS promised, deadlines->'legal' AS legal
       FROM supervised_case
      WHERE ${inScope} AND ${completed} AND accepted_at IS NOT NULL`,
    params,
  );
  const handling = await handlingFigures(
    durations.rows.map((row) => ({ acceptedOn: row.accepted_on, completedOn: row.completed_on, promised: row.promised ?? null, legal: row.legal ?? null })),
    calendars,
  );
  return {
    casesAccepted: Number(counts['accepted']),
    casesCompleted: Number(counts['completed']),
    onTimeRate: ratio('onTimeRate', Number(counts['on_time']), Number(counts['with_promise'])),
    onlineAcceptanceRate: ratio('onlineAcceptanceRate', Number(counts['accepted_online']), Number(counts['accepted'])),
    ...handling,
  };
}
