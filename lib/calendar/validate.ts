import { isIsoDate } from '../time.ts';
import { toDayNumber, isWeekend } from './dayNumber.ts';
import { CalendarDataError } from './errors.ts';
import type { CalendarData } from './holidays.ts';

/** One mistake in a year's entry, located by list and position so an editor can point at the input. */
export interface CalendarYearProblem {
  kind: 'offDays' | 'workDays';
  /** Position in `offDays` / `workDays`. */
  index: number;
  date: string;
  code: 'NOT_A_DATE' | 'OTHER_YEAR' | 'DUPLICATE' | 'WEEKEND_OFF' | 'WEEKDAY_WORK';
  reason: string;
}

/**
 * The checks of one year's entry (see validateCalendarData), as structured problems: a form that edits one
 * year reports each at the offending element.
 */
export function calendarYearProblems(
  year: number,
  entry: { readonly offDays: readonly string[]; readonly workDays: readonly string[] },
): CalendarYearProblem[] {
  const problems: CalendarYearProblem[] = [];
  const seen = new Set<string>();
  const check = (date: string, kind: 'offDays' | 'workDays', index: number) => {
    const problem = (code: CalendarYearProblem['code'], reason: string) => problems.push({ kind, index, date, code, reason });
    if (!isIsoDate(date)) return problem('NOT_A_DATE', 'not a YYYY-MM-DD date');
    if (Number(date.slice(0, 4)) !== year) problem('OTHER_YEAR', "belongs to another year's entry");
    if (seen.has(date)) problem('DUPLICATE', 'listed twice');
    seen.add(date);
    const weekend = isWeekend(toDayNumber(date));
    if (kind === 'offDays' && weekend) problem('WEEKEND_OFF', 'a weekend day needs no day off');
    if (kind === 'workDays' && !weekend) problem('WEEKDAY_WORK', 'a weekday is already a working day');
  };
  entry.offDays.forEach((date, index) => check(date, 'offDays', index));
  entry.workDays.forEach((date, index) => check(date, 'workDays', index));
  return problems;
}

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
    for (const problem of calendarYearProblems(year, data.years[year]!)) {
      problems.push(`${year}.${problem.kind} ${problem.date}: ${problem.reason}`);
    }
  }

  if (problems.length > 0) throw new CalendarDataError(problems);
}
