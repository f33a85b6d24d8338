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
