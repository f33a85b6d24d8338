import { fromDayNumber, toDayNumber } from '../../../lib/calendar/dayNumber.ts';
import { CalendarRangeError } from '../../../lib/calendar/errors.ts';
import type { WorkingCalendar } from '../../../lib/calendar/workingDays.ts';
import { chinaMidnight } from '../../../lib/time.ts';
import type { CaseObservation, DeadlineFact } from '../observations/observation.ts';
import type { RuleBook } from '../rules/resolve.ts';
import { caseAlert, caseTarget, chineseCount, recordEvidence, stepName, viewOf, type CaseView } from './caseAlert.ts';
import type { AlertInput, AlertTarget } from './types.ts';

/**
 * 时效性. Every due date is counted with the calendar version it was computed with (the cases
 * subgraph stores it beside the date): a warning one working day before a due date must skip the
 * same holidays the due date skipped.
 *
 * - DEADLINE_APPROACHING (黄牌): from the n-th working day before the promised due date (the legal one
 *   where the guide promises none) through the due date, while the period runs.
 * - DEADLINE_OVERRUN (红牌), one rule per deadline (PROMISED, LEGAL): from the day after the due date
 *   (plus the rule's grace working days) while the period runs; or at once when a record ends the
 *   period after that day.
 * - STEP_OVERRUN: the same for each step's own limit, about the step's agency.
 *
 * Occasions: `PROMISED:<due>` / `LEGAL:<due>` (a due date moved by a special procedure is a new
 * occasion), `<step>:<startedAt>` for a step. A running overrun and the late finish of the same
 * period share their occasion, so the red card is raised once.
 */

/** The working-day calendar of a version (loaded before evaluating: evaluators stay synchronous and pure). */
export type CalendarLookup = (version: string) => WorkingCalendar;

type PeriodKind = 'PROMISED' | 'LEGAL';

const PERIOD_NAMES: Readonly<Record<PeriodKind, string>> = { PROMISED: '承诺办结期限', LEGAL: '法定办结期限' };

/** States no time rule watches any more. */
const CLOSED_STATES = new Set(['NOT_ACCEPTED', 'COMPLETED', 'WITHDRAWN']);

export const nextDay = (date: string) => fromDayNumber(toDayNumber(date) + 1);

/** The n-th working day before `due` (n = 0: due itself). */
export function warningDay(calendar: WorkingCalendar, due: string, workingDaysBefore: number): string {
  let day = due;
  for (let i = 0; i < workingDaysBefore; i++) day = calendar.yellowWarningDate(day);
  return day;
}

/** The last day that still counts as on time: due plus the grace working days. */
export function lastDayWithGrace(calendar: WorkingCalendar, due: string, graceWorkingDays: number): string {
  return graceWorkingDays > 0 ? calendar.addWorkingDays(due, graceWorkingDays) : due;
}

const running = (deadline: DeadlineFact | null): deadline is DeadlineFact & { due: string } => deadline !== null && deadline.due !== null && deadline.finishedOn === null;
const finished = (deadline: DeadlineFact | null): deadline is DeadlineFact & { due: string; finishedOn: string } =>
  deadline !== null && deadline.due !== null && deadline.finishedOn !== null;

const graceNote = (grace: number) => (grace > 0 ? `（宽限${chineseCount(grace)}个工作日）` : '');

function periodEvidence(view: CaseView, kind: PeriodKind, deadline: DeadlineFact, extra: Record<string, unknown>): Record<string, unknown> {
  return { caseVersion: view.version, deadline: kind, due: deadline.due, startedOn: deadline.startedOn, limit: deadline.limit, calendarVersion: deadline.calendarVersion, ...extra };
}

/**
 * A time condition of a running period: it holds from `day` (a China date) through `until` (when
 * given). `day` null means it could not be counted (the calendar does not cover the dates yet): the
 * case is looked at again the next day.
 */
export interface TimeEvent {
  day: string | null;
  until?: string;
  alert: AlertInput | null;
}

/** Runs `count`, turning a date the calendar does not cover into a retry instead of an error. */
function counted(count: () => TimeEvent | null): TimeEvent | null {
  try {
    return count();
  } catch (error) {
    if (error instanceof CalendarRangeError) return { day: null, alert: null };
    throw error;
  }
}

/**
 * A period an overrun rule watches: the promised or legal period of the case (DEADLINE_OVERRUN, one
 * rule per deadline) or a step's own (STEP_OVERRUN, about the step's agency), with the words its
 * alerts use and the grace of the rule that applies.
 */
interface OverrunWatch {
  check: 'DEADLINE_OVERRUN' | 'STEP_OVERRUN';
  slot?: PeriodKind;
  occasion: string;
  /** 承诺办结期限, 审查环节期限 … */
  what: string;
  stillOpen: string;
  finished: string;
  deadline: DeadlineFact;
  target: AlertTarget;
  grace: number;
  evidence: Record<string, unknown>;
}

function overrunWatches(view: CaseView, rules: RuleBook): OverrunWatch[] {
  const deadlines = view.facts.deadlines;
  if (deadlines === null) return [];
  const target = caseTarget(view);
  const watches: OverrunWatch[] = [];
  for (const kind of ['PROMISED', 'LEGAL'] as const) {
    const period = kind === 'PROMISED' ? deadlines.promised : deadlines.legal;
    const rule = rules.applicable('DEADLINE_OVERRUN', target, kind);
    if (!rule || period === null) continue;
    watches.push({ check: 'DEADLINE_OVERRUN', slot: kind, occasion: `${kind}:${period.due}`, what: PERIOD_NAMES[kind], stillOpen: '仍未办结', finished: '办结', deadline: period, target, grace: rule.parameters.graceWorkingDays, evidence: { deadline: kind } });
  }
  for (const step of deadlines.steps) {
    const stepTarget = caseTarget(view, step.agency);
    const rule = rules.applicable('STEP_OVERRUN', stepTarget);
    if (!rule) continue;
    watches.push({
      check: 'STEP_OVERRUN',
      occasion: `${step.step}:${step.startedAt}`,
      what: `${stepName(step.step)}环节期限`,
      stillOpen: '环节仍未完成',
      finished: '完成',
      deadline: step.deadline,
      target: stepTarget,
      grace: rule.parameters.graceWorkingDays,
      evidence: { step: step.step, stepAgency: step.agency, stepStartedAt: step.startedAt },
    });
  }
  return watches;
}

function overrunAlert(view: CaseView, watch: OverrunWatch, fields: { message: string; evidence: Record<string, unknown>; observedAt: string }): AlertInput {
  return caseAlert(view, {
    check: watch.check,
    ...(watch.slot ? { slot: watch.slot } : {}),
    occasion: watch.occasion,
    message: fields.message,
    evidence: { ...fields.evidence, ...watch.evidence, due: watch.deadline.due, startedOn: watch.deadline.startedOn, limit: watch.deadline.limit, calendarVersion: watch.deadline.calendarVersion, graceWorkingDays: watch.grace },
    observedAt: fields.observedAt,
    target: watch.target,
  });
}

/** The time conditions ahead of (or already upon) a case's running periods and steps. */
function timeEvents(view: CaseView, rules: RuleBook, calendars: CalendarLookup): TimeEvent[] {
  const deadlines = view.facts.deadlines;
  if (deadlines === null || CLOSED_STATES.has(view.facts.state)) return [];
  const target = caseTarget(view);
  const events: Array<TimeEvent | null> = [];

  const [watchedKind, watched] = deadlines.promised ? (['PROMISED', deadlines.promised] as const) : (['LEGAL', deadlines.legal] as const);
  const yellow = rules.applicable('DEADLINE_APPROACHING', target);
  if (yellow && running(watched)) {
    events.push(
      counted(() => {
        const n = yellow.parameters.workingDaysBefore;
        const day = warningDay(calendars(watched.calendarVersion), watched.due, n);
        return {
          day,
          until: watched.due,
          alert: caseAlert(view, {
            check: 'DEADLINE_APPROACHING',
            occasion: `${watchedKind}:${watched.due}`,
            message: `${PERIOD_NAMES[watchedKind]} ${watched.due} ${n === 0 ? '当日' : `前${chineseCount(n)}个工作日`}`,
            evidence: periodEvidence(view, watchedKind, watched, { warningDay: day, workingDaysBefore: n }),
            observedAt: chinaMidnight(day > watched.startedOn ? day : watched.startedOn).toISOString(),
          }),
        };
      }),
    );
  }

  for (const watch of overrunWatches(view, rules)) {
    const period = watch.deadline;
    if (!running(period)) continue;
    events.push(
      counted(() => {
        const day = nextDay(lastDayWithGrace(calendars(period.calendarVersion), period.due, watch.grace));
        return {
          day,
          alert: overrunAlert(view, watch, {
            message: `已超过${watch.what} ${period.due}${graceNote(watch.grace)}，${watch.stillOpen}`,
            evidence: { caseVersion: view.version, overdueFrom: day },
            observedAt: chinaMidnight(day).toISOString(),
          }),
        };
      }),
    );
  }
  return events.filter((event): event is TimeEvent => event !== null);
}

/**
 * The clock's verdict on a case as of `today`: the alerts whose day has come (idempotent: raising
 * one again finds the first), and the next day anything could change — the earliest condition still
 * ahead — or null when nothing is left to watch.
 */
export function evaluateClock(view: CaseView, rules: RuleBook, calendars: CalendarLookup, today: string): { alerts: AlertInput[]; nextCheckOn: string | null } {
  const alerts: AlertInput[] = [];
  let nextCheckOn: string | null = null;
  const later = (day: string) => {
    if (nextCheckOn === null || day < nextCheckOn) nextCheckOn = day;
  };
  for (const event of timeEvents(view, rules, calendars)) {
    if (event.day === null) later(nextDay(today));
    else if (event.day > today) later(event.day);
    else if (event.alert && (event.until === undefined || today <= event.until)) alerts.push(event.alert);
  }
  return { alerts, nextCheckOn };
}

/**
 * A record that ended a period or step after its last day (a decision after the promised due date, a
 * step completed late): red, or a step overrun, at once — the clock may never have seen it running.
 */
export function finishedLate(observation: CaseObservation, rules: RuleBook, calendars: CalendarLookup): AlertInput[] {
  const view = viewOf(observation);
  const alerts: AlertInput[] = [];
  const late = (calendarVersion: string, due: string, finishedOn: string, grace: number) => {
    try {
      return finishedOn > lastDayWithGrace(calendars(calendarVersion), due, grace);
    } catch (error) {
      if (error instanceof CalendarRangeError) return false;
      throw error;
    }
  };

  for (const watch of overrunWatches(view, rules)) {
    const period = watch.deadline;
    if (!finished(period) || !late(period.calendarVersion, period.due, period.finishedOn, watch.grace)) continue;
    alerts.push(
      overrunAlert(view, watch, {
        message: `超过${watch.what} ${period.due}${graceNote(watch.grace)}，于 ${period.finishedOn} 才${watch.finished}`,
        evidence: { ...recordEvidence(observation), finishedOn: period.finishedOn },
        observedAt: observation.record.occurredAt,
      }),
    );
  }
  return alerts;
}
