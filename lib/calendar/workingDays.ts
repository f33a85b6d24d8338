import { isIsoDate } from '../time.ts';
import { fromDayNumber, isWeekend, toDayNumber } from './dayNumber.ts';
import { CalendarRangeError } from './errors.ts';
import { CALENDAR_DATA, type CalendarData } from './holidays.ts';
import { validateCalendarData } from './validate.ts';

/**
 * Deadlines as 行政许可法 counts them.
 *
 * Counting convention. A period runs 自受理之日起 (art. 42): the start day itself is never counted, the
 * first counted day is the day after it (as for every statutory period, cf. 民法典 art. 201), and `due` is
 * the last day of the period: the decision is on time if made on or before `due`, overdue from the day after.
 * So 5 working days from an acceptance on Thursday 2019-01-31 run Fri 02-01, Sat 02-02 and Sun 02-03 (make-up
 * working days), then Mon 02-11 and Tue 02-12: due 2019-02-12.
 *
 * Working days (art. 82) are weekdays that the State Council's notice does not give off, plus the weekend
 * days it makes working days. Natural days are every day; a natural-day `due` that falls on a holiday is
 * NOT moved to the next working day (民法典 art. 203 does that for civil periods; whether a guide's
 * promise should follow it is a product decision, not the calendar's).
 *
 * Suspensions (art. 45: 听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审, and 补正). `from` and `to` are both
 * inclusive: every day from `from` through `to` is not counted, and counting resumes the day after `to`.
 * A 补正 notified on X and answered on Y is therefore { from: X, to: Y }; the day the materials arrive is
 * treated like the acceptance day, which is not counted either. Days that two suspensions share are
 * skipped once. A suspension still running (`to: null`) leaves `due` unknown, unless the period was
 * already complete before it began: then it changes nothing.
 */
export type DayUnit = 'WORKING_DAY' | 'NATURAL_DAY';

export type Suspension = { from: string; to: string | null };

export type DeadlineInput = {
  start: string;
  limit: { value: number; unit: DayUnit };
  suspensions?: readonly Suspension[];
};

export type Deadline = {
  /** Last day of the period; null while a suspension is open. */
  due: string | null;
  /** The holiday data this was computed with; store it beside `due`. */
  calendarVersion: string;
  /** Days of the limit used: the whole limit once `due` is known, the days used so far while suspended. */
  countedDays: number;
  /**
   * Days (in the limit's unit) that fell inside a closed suspension and would otherwise have counted;
   * `due` is that many days later than without suspensions. An open suspension adds nothing here, since
   * its length is not yet known.
   */
  suspendedDays: number;
};

export class WorkingCalendar {
  readonly version: string;
  /** The first and last day the holiday data speaks for (whole years). */
  readonly coverage: { from: string; to: string };
  private readonly first: number;
  private readonly last: number;
  private readonly offDays: ReadonlySet<number>;
  private readonly workDays: ReadonlySet<number>;

  constructor(data: CalendarData) {
    validateCalendarData(data);
    const years = Object.keys(data.years).map(Number);
    this.version = data.version;
    this.coverage = { from: `${Math.min(...years)}-01-01`, to: `${Math.max(...years)}-12-31` };
    this.first = toDayNumber(this.coverage.from);
    this.last = toDayNumber(this.coverage.to);
    const entries = Object.values(data.years);
    this.offDays = new Set(entries.flatMap((entry) => entry.offDays.map(toDayNumber)));
    this.workDays = new Set(entries.flatMap((entry) => entry.workDays.map(toDayNumber)));
  }

  /** Throws CalendarRangeError for a date outside `coverage`. */
  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(dayOf(date, 'date'));
  }

  /** The n-th working day after `start` (which is not counted; `start` itself for n = 0). */
  addWorkingDays(start: string, n: number): string {
    let day = dayOf(start, 'start');
    for (let counted = 0; counted < wholeDays(n, 'n'); ) {
      day++;
      if (this.isWorkingDayNumber(day)) counted++;
    }
    return fromDayNumber(day);
  }

  /**
   * addWorkingDays for a due date that must exist now, even where the holiday data ends (a
   * supervision order, a complaint's answer day, a bad review's rectification in late December,
   * before next year's notice is published): past `coverage` every Monday to Friday counts, and
   * `provisional` says the date may move once the year is published. Within coverage it equals
   * addWorkingDays.
   */
  addWorkingDaysProvisional(start: string, n: number): { date: string; provisional: boolean } {
    let day = dayOf(start, 'start');
    let provisional = false;
    for (let counted = 0; counted < wholeDays(n, 'n'); ) {
      day++;
      const covered = day >= this.first && day <= this.last;
      if (!covered) provisional = true;
      if (covered ? this.isWorkingDayNumber(day) : !isWeekend(day)) counted++;
    }
    return { date: fromDayNumber(day), provisional };
  }

  /** Pure date arithmetic: needs no holiday data, so it works outside `coverage` too. */
  addNaturalDays(start: string, n: number): string {
    return fromDayNumber(dayOf(start, 'start') + wholeDays(n, 'n'));
  }

  /**
   * Working days in (a, b], negative when b is before a; the inverse of addWorkingDays:
   * workingDaysBetween(s, addWorkingDays(s, n)) === n.
   */
  workingDaysBetween(a: string, b: string): number {
    const from = dayOf(a, 'a');
    const to = dayOf(b, 'b');
    const [low, high] = from <= to ? [from, to] : [to, from];
    let count = 0;
    for (let day = low + 1; day <= high; day++) if (this.isWorkingDayNumber(day)) count++;
    return from <= to ? count : -count;
  }

  /**
   * The day supervision raises the yellow warning: the last working day before `due`. It may be on or before
   * the start of a short period; whether to warn at once then is the supervisor's call.
   */
  yellowWarningDate(due: string): string {
    let day = dayOf(due, 'due') - 1;
    while (!this.isWorkingDayNumber(day)) day--;
    return fromDayNumber(day);
  }

  deadline(input: DeadlineInput): Deadline {
    const start = dayOf(input.start, 'start');
    const limit = wholeDays(input.limit.value, 'limit.value');
    const suspensions = (input.suspensions ?? []).map((suspension, index) => toInterval(suspension, index));
    const openFrom = Math.min(...suspensions.filter((interval) => interval.to === Infinity).map((interval) => interval.from));
    const counts =
      input.limit.unit === 'WORKING_DAY' ? (day: number) => this.isWorkingDayNumber(day) : (_day: number) => true;

    let day = start;
    let countedDays = 0;
    let suspendedDays = 0;
    while (countedDays < limit) {
      day++;
      if (day >= openFrom) return { due: null, calendarVersion: this.version, countedDays, suspendedDays };
      if (!counts(day)) continue;
      if (suspensions.some((interval) => interval.from <= day && day <= interval.to)) suspendedDays++;
      else countedDays++;
    }
    return { due: fromDayNumber(day), calendarVersion: this.version, countedDays, suspendedDays };
  }

  private isWorkingDayNumber(day: number): boolean {
    if (day < this.first || day > this.last) throw new CalendarRangeError(fromDayNumber(day), this.coverage, this.version);
    if (this.offDays.has(day)) return false;
    if (this.workDays.has(day)) return true;
    return !isWeekend(day);
  }
}

/** The calendar built from the bundled State Council data. */
export const workingCalendar = new WorkingCalendar(CALENDAR_DATA);

function dayOf(date: string, field: string): number {
  if (!isIsoDate(date)) throw new RangeError(`${field} must be a YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  return toDayNumber(date);
}

function wholeDays(n: number, field: string): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${field} must be a whole number of days ≥ 0, got ${n}`);
  return n;
}

function toInterval(suspension: Suspension, index: number): { from: number; to: number } {
  const from = dayOf(suspension.from, `suspensions[${index}].from`);
  const to = suspension.to === null ? Infinity : dayOf(suspension.to, `suspensions[${index}].to`);
  if (to < from) throw new RangeError(`suspensions[${index}] ends (${suspension.to}) before it begins (${suspension.from})`);
  return { from, to };
}
