import { fromDayNumber, toDayNumber } from '../../../lib/calendar/dayNumber.ts';
import { CalendarRangeError } from '../../../lib/calendar/errors.ts';
import type { WorkingCalendar } from '../../../lib/calendar/workingDays.ts';
import { STEP_KIND_NAMES } from '../domain/states.ts';
import { outOfCoverage } from './compute.ts';
import type { PresentedDeadline, PresentedDeadlines, StoredDeadline, StoredDeadlines } from './types.ts';

/**
 * The read form of stored deadlines (GraphQL Deadline, StepDeadline, CaseDeadlines) as of `today`
 * (a China date). `due` is never recomputed here; `calendar` (the one in force) only counts the
 * working days between today and due.
 *
 * - remainingWorkingDays: working days in (today, due], so 0 on the due day (and on a non-working
 *   day just before it), negative once overdue; null while due is unknown (a special procedure runs,
 *   or the calendar does not cover it) and once the period finished. During a hold (挂起) the clock
 *   runs (compute.ts), so the count is shown then too.
 * - overdue: finished after due, or still running after due.
 * - overdueWorkingDays: working days in (due, finishedOn or today], and at least 1 once overdue:
 *   a period that ran out on a Friday is overdue on Saturday although no working day has passed,
 *   and `overdue` with 0 days would read as on time. So overdue ⇔ overdueWorkingDays > 0 ⇔
 *   remainingWorkingDays < 0 (while running).
 *
 * Never throws for a date outside the calendar: the figures it cannot count are null (or the
 * minimum 1 for an overdue period) and `problem` says why.
 */
export function presentDeadlines(stored: StoredDeadlines | null, calendar: WorkingCalendar, today: string): PresentedDeadlines {
  if (stored === null) return { legal: null, promised: null, steps: [] };
  return {
    legal: stored.legal && presentDeadline(stored.legal, calendar, today),
    promised: stored.promised && presentDeadline(stored.promised, calendar, today),
    steps: stored.steps.map((step) => ({
      step: step.step,
      stepName: STEP_KIND_NAMES[step.step],
      agency: { uscc: step.agency },
      deadline: presentDeadline(step.deadline, calendar, today),
    })),
  };
}

export function presentDeadline(stored: StoredDeadline, calendar: WorkingCalendar, today: string): PresentedDeadline {
  const base = {
    limit: { value: stored.limit.value, unit: stored.limit.unit },
    startedOn: stored.startedOn,
    due: stored.due,
    suspendedDays: stored.suspendedDays,
    calendarVersion: stored.calendarVersion,
    finishedOn: stored.finishedOn,
    problem: stored.problem,
  };
  if (stored.due === null) return { ...base, remainingWorkingDays: null, overdue: false, overdueWorkingDays: 0 };
  const due = stored.due;
  const end = stored.finishedOn ?? today;
  const overdue = end > due;
  try {
    const overdueWorkingDays = overdue ? Math.max(1, calendar.workingDaysBetween(due, end)) : 0;
    const remainingWorkingDays = stored.finishedOn !== null ? null : overdue ? -overdueWorkingDays : calendar.workingDaysBetween(today, due);
    return { ...base, remainingWorkingDays, overdue, overdueWorkingDays };
  } catch (error) {
    if (!(error instanceof CalendarRangeError)) throw error;
    return { ...base, remainingWorkingDays: null, overdue, overdueWorkingDays: overdue ? 1 : 0, problem: base.problem ?? outOfCoverage(error) };
  }
}

/**
 * The period the work queue ranks a case by: the promised one where the guide promises a limit,
 * else the legal one (承诺时限 is the stricter and the one supervision warns on).
 */
export function queuePeriod(stored: StoredDeadlines | null): StoredDeadline | null {
  return stored?.promised ?? stored?.legal ?? null;
}

/**
 * The date to store in the case row's `due_on` for sorting and filtering: the queue period's due
 * date while it runs; null before acceptance, while a special procedure leaves it unknown, and once
 * the period finished (a decided case is no longer racing its deadline).
 */
export function queueDueOn(stored: StoredDeadlines | null): string | null {
  const period = queuePeriod(stored);
  return period === null || period.finishedOn !== null ? null : period.due;
}

/**
 * The last due date that is at most `n` working days after `today` (n ≥ 0): `due_on <= cutoff`
 * selects exactly the cases dueWithin accepts, overdue ones included, so the work queue can filter
 * in SQL. Null when the calendar does not reach that far: then do not filter (a deadline the
 * calendar cannot count is shown, not hidden).
 */
export function dueCutoff(calendar: WorkingCalendar, today: string, n: number): string | null {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a whole number of working days ≥ 0, got ${n}`);
  try {
    // workingDaysBetween(today, d) first exceeds n on the (n+1)-th working day after today.
    return fromDayNumber(toDayNumber(calendar.addWorkingDays(today, n + 1)) - 1);
  } catch (error) {
    if (error instanceof CalendarRangeError) return null;
    throw error;
  }
}

/**
 * For the work queue: the promised (else legal) period is still running and due within `n` working
 * days of `today`, or already overdue. False where no due date is known (not yet accepted, a special
 * procedure running) or the period finished.
 */
export function dueWithin(stored: StoredDeadlines | null, calendar: WorkingCalendar, today: string, n: number): boolean {
  const due = queueDueOn(stored);
  if (due === null) return false;
  const cutoff = dueCutoff(calendar, today, n);
  return cutoff === null || due <= cutoff;
}
