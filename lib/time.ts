/**
 * Dates as Chinese government services count them: in China Standard Time, whatever the server's
 * own time zone. A guide "in force today" means today in Beijing.
 */
const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function chinaDate(at: Date = new Date()): string {
  return CHINA_DATE.format(at);
}

/** True for a real calendar date written YYYY-MM-DD (such strings compare correctly as strings). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The same day `months` months earlier or later, clamped to the month's last day: six months
 * before 2024-08-31 is 2024-02-29, not 2024-03-02, so a review is never judged stale early.
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/** 00:00 in China (UTC+8, no daylight saving) of a YYYY-MM-DD date, as an instant. */
export function chinaMidnight(date: string, daysLater = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + daysLater * DAY_MS);
}

/** A period of China dates checked by {@link chinaPeriod}: its bounding instants, or which end is wrong and how. */
export type ChinaPeriod =
  | { ok: true; start: Date; end: Date; days: number }
  | { ok: false; end: 'from' | 'to'; problem: 'notDate' | 'reversed' };

/**
 * A period of China dates, both ends included, as instants: 00:00 China time (UTC+8, no daylight
 * saving) of `from` and of the day after `to` (exclusive), with its length in days. Refused when
 * either end is not a YYYY-MM-DD date (from checked first) or `to` is before `from`; callers word
 * the error for their own fields.
 */
export function chinaPeriod(from: unknown, to: unknown): ChinaPeriod {
  if (!isIsoDate(from)) return { ok: false, end: 'from', problem: 'notDate' };
  if (!isIsoDate(to)) return { ok: false, end: 'to', problem: 'notDate' };
  if (to < from) return { ok: false, end: 'to', problem: 'reversed' };
  const start = chinaMidnight(from);
  const end = chinaMidnight(to, 1);
  return { ok: true, start, end, days: Math.round((end.getTime() - start.getTime()) / DAY_MS) };
}
