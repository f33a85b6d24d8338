/**
 * Calendar dates as whole day numbers (days since 1970-01-01), so walking a calendar is integer arithmetic
 * and never meets a time zone or a daylight-saving hour. Callers validate with isIsoDate (lib/time.ts) first.
 */
const MS_PER_DAY = 86_400_000;

export function toDayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const dow = weekday(day);
  return dow === 0 || dow === 6;
}
