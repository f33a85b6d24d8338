import { calendarYearProblems } from '../../../lib/calendar/validate.ts';

/** One year of a State Council holiday notice as an administrator publishes it. */
export interface CalendarYearInput {
  year: number;
  /** The notice's document number, e.g. 国办发明电〔2025〕7号. */
  notice: string;
  /** Weekdays (Mon–Fri) that are days off. */
  offDays: readonly string[];
  /** Weekend days that are working days (调休上班). */
  workDays: readonly string[];
}

export interface ElementError {
  /** Path below `input`: `year`, `notice`, `offDays[3]`. */
  element: string;
  reason: string;
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;
const MAX_NOTICE = 100;
/** A notice gives a dozen or two days off; anything near this is a paste gone wrong. */
const MAX_DATES = 60;

/**
 * Everything wrong with the year by itself, each at its element (the rules of lib/calendar
 * validateCalendarData, located). Whether the year fits the calendar it joins is the store's check.
 */
export function calendarYearInputErrors(input: CalendarYearInput): ElementError[] {
  const errors: ElementError[] = [];
  const yearOk = Number.isInteger(input.year) && input.year >= MIN_YEAR && input.year <= MAX_YEAR;
  if (!yearOk) errors.push({ element: 'year', reason: `must be a year from ${MIN_YEAR} to ${MAX_YEAR}` });
  const notice = input.notice.trim();
  if (!notice) errors.push({ element: 'notice', reason: 'the notice’s document number is required, e.g. 国办发明电〔2025〕7号' });
  else if (notice.length > MAX_NOTICE) errors.push({ element: 'notice', reason: `longer than ${MAX_NOTICE} characters` });
  if (input.offDays.length > MAX_DATES) errors.push({ element: 'offDays', reason: `more than ${MAX_DATES} dates` });
  if (input.workDays.length > MAX_DATES) errors.push({ element: 'workDays', reason: `more than ${MAX_DATES} dates` });
  if (errors.some((error) => error.element === 'offDays' || error.element === 'workDays')) return errors;
  // The dates are checked even when the year is refused; only their membership of the year is not.
  const problems = calendarYearProblems(yearOk ? input.year : 0, input).filter((problem) => yearOk || problem.code !== 'OTHER_YEAR');
  for (const problem of problems) {
    errors.push({ element: `${problem.kind}[${problem.index}]`, reason: `${problem.date}: ${problem.reason}` });
  }
  return errors;
}
