import type { Queryable } from '../../../lib/db/store.ts';
import { chinaDate } from '../../../lib/time.ts';

/** 督办单号 (DB) and 投诉编号 (TS). */
export type NumberPrefix = 'DB' | 'TS';

/**
 * The next number of the China day `at` falls on: prefix + YYYYMMDD + a sequence of at least four
 * digits (DB202603020001). One statement on the day's counter row, inside the caller's transaction:
 * two concurrent writers queue on that row and get consecutive values, and a write that rolls back
 * takes its value with it.
 */
export async function nextNumber(tx: Queryable, prefix: NumberPrefix, at: Date): Promise<string> {
  const day = chinaDate(at);
  const { rows } = await tx.query<{ last_value: number }>(
    `INSERT INTO supervision_number (prefix, day, last_value) VALUES ($1, $2::date, 1)
     ON CONFLICT (prefix, day) DO UPDATE SET last_value = supervision_number.last_value + 1
     RETURNING last_value`,
    [prefix, day],
  );
  return `${prefix}${day.replaceAll('-', '')}${String(rows[0]!.last_value).padStart(4, '0')}`;
}
