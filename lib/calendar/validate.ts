import { isIsoDate } from '../time.ts';
import { toDayNumber, isWeekend } from './dayNumber.ts';
import { CalendarDataError } from './errors.ts';
import type { CalendarData } from './holidays.ts';

/**
 * Checks what a mistyped date would silently break: an off day that is already a weekend, or a make-up day
 * that is already a weekday, means the date was copied wrong, not that the notice is odd. Coverage must be
 * contiguous because a deadline walks every day between two dates.
 */
export function validateCalendarData(data: CalendarData): void {
  const problems: string[] = [];
  if (!data.version) problems.push('version is empty');

  const years = Object.keys(data.years).map(Number).sort((a, b) => a - b);
  if (years.length === 0) problems.push('no years');
  for (let i = 1; i < years.length; i++) {
    if (years[i] !== years[i - 1]! + 1) problems.push(`years ${years[i - 1]} and ${years[i]} are not contiguous`);
  }

  for (const year of years) {
    const entry = data.years[year]!;
    const seen = new Set<string>();
    const check = (date: string, kind: 'offDays' | 'workDays') => {
      const where = `${year}.${kind} ${date}`;
      if (!isIsoDate(date)) return problems.push(`${where}: not a YYYY-MM-DD date`);
      if (Number(date.slice(0, 4)) !== year) problems.push(`${where}: belongs to another year's entry`);
      if (seen.has(date)) problems.push(`${where}: listed twice`);
      seen.add(date);
      const weekend = isWeekend(toDayNumber(date));
      if (kind === 'offDays' && weekend) problems.push(`${where}: a weekend day needs no day off`);
      if (kind === 'workDays' && !weekend) problems.push(`${where}: a weekday is already a working day`);
    };
    for (const date of entry.offDays) check(date, 'offDays');
    for (const date of entry.workDays) check(date, 'workDays');
  }

  if (problems.length > 0) throw new CalendarDataError(problems);
}
