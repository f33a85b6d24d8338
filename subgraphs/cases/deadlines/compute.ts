import { CalendarRangeError } from '../../../lib/calendar/errors.ts';
import type { WorkingCalendar } from '../../../lib/calendar/workingDays.ts';
import { chinaDate } from '../../../lib/time.ts';
import type { TimeLimit } from '../domain/processRecord.ts';
import { TIME_NOT_COUNTED, type SuspensionKind } from '../domain/states.ts';
import type { DeadlineFacts, DeadlineTerms, ExcludedPeriod, StoredDeadline, StoredDeadlines, StoredStepDeadline } from './types.ts';

/**
 * A case's due dates (行政许可法 art. 42, 45, 82), computed by every transition and stored with the
 * calendar version each used.
 *
 * Counting follows lib/calendar WorkingCalendar.deadline: a period runs 自受理之日起, the start day
 * is not counted, `due` is the last day of the period; working days unless the limit says natural
 * days. Timestamps become China dates (Asia/Shanghai) whatever the server's zone.
 *
 * What is taken out of the count:
 * - the special procedures of art. 45 (听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审:
 *   TIME_NOT_COUNTED), every day from the day one starts through the day it ends;
 * - not a hold (挂起). Art. 45 is the only provision of the 行政许可法 that stops the clock during
 *   handling, and its list is closed; a hold for any other cause (waiting on another department,
 *   a system outage) is the agency's time. The only lawful way to more time is the extension of
 *   art. 42 (延长十日, approved by the agency's head), which is not modelled here yet;
 * - not 补正 either, though it does not count (DESIGN; art. 32): in this state machine
 *   REQUEST_CORRECTION is allowed only before ACCEPT, and every period here starts at acceptance
 *   (or later, at a step's start), so a correction never overlaps one.
 *
 * Steps: each step with a limit in the guide's process gets its own period from the step's start,
 * with the special procedures that ran during it excluded likewise (a suspension stops the whole
 * case, whichever agency's step it was taken on).
 *
 * A due date already stored keeps its calendar version (the schema's promise: "due dates already
 * computed keep the version they were computed with"): pass the stored deadlines as `previous`,
 * and a period whose start, limit and excluded days are unchanged keeps its `due` and version even
 * when a newer calendar is in force. A period whose inputs changed (a special procedure ended), that
 * had no due date, or had a `problem`, is computed on `calendar`.
 */
export function computeDeadlines(
  terms: DeadlineTerms,
  facts: DeadlineFacts,
  calendar: WorkingCalendar,
  previous: StoredDeadlines | null = null,
): StoredDeadlines {
  const suspensions: Suspension[] = facts.suspensions
    .map((suspension, index) => ({ suspension, index }))
    .filter(({ suspension }) => TIME_NOT_COUNTED.has(suspension.kind))
    .map(({ suspension, index }) => ({
      kind: suspension.kind,
      from: moment(suspension.from, `suspensions[${index}].from`),
      to: suspension.to === null ? null : moment(suspension.to, `suspensions[${index}].to`),
    }));

  const caseWide = (limit: TimeLimit | null, before: StoredDeadline | null | undefined): StoredDeadline | null => {
    if (limit === null || facts.acceptedAt === null) return null;
    const started = moment(facts.acceptedAt, 'acceptedAt');
    const finished = facts.finishedAt === null ? null : moment(facts.finishedAt, 'finishedAt');
    return period(calendar, limit, started, finished, suspensions, before ?? null);
  };

  const steps: StoredStepDeadline[] = [];
  facts.steps.forEach((fact, index) => {
    const limit = terms.steps[fact.step];
    if (limit === undefined) return;
    const started = moment(fact.startedAt, `steps[${index}].startedAt`);
    const finished = fact.completedAt === null ? null : moment(fact.completedAt, `steps[${index}].completedAt`);
    const before = previous?.steps.find(
      (stored) => stored.step === fact.step && stored.agency === fact.agency && stored.startedAt === fact.startedAt,
    );
    steps.push({
      step: fact.step,
      agency: fact.agency,
      startedAt: fact.startedAt,
      deadline: period(calendar, limit, started, finished, suspensions, before?.deadline ?? null),
    });
  });

  return { legal: caseWide(terms.legal, previous?.legal), promised: caseWide(terms.promised, previous?.promised), steps };
}

/** A point in time: its instant, to order events, and its China date, to count days. */
interface Moment {
  at: number;
  date: string;
}

interface Suspension {
  kind: SuspensionKind;
  from: Moment;
  to: Moment | null;
}

/**
 * The special procedures that can affect a period: those that had not ended when it started and
 * had begun before it ended (compared as instants, so a procedure begun the afternoon a step was
 * completed is not the step's). One still open when the period ended (a case voided or withdrawn
 * while suspended) is taken to end that day.
 */
function excludedDuring(suspensions: readonly Suspension[], started: Moment, finished: Moment | null): ExcludedPeriod[] {
  return suspensions
    .filter((suspension) => (suspension.to === null || suspension.to.at >= started.at) && (finished === null || suspension.from.at < finished.at))
    .map((suspension) => ({ kind: suspension.kind, from: suspension.from.date, to: (suspension.to ?? finished)?.date ?? null }));
}

function period(
  calendar: WorkingCalendar,
  limit: TimeLimit,
  started: Moment,
  finished: Moment | null,
  suspensions: readonly Suspension[],
  before: StoredDeadline | null,
): StoredDeadline {
  const startedOn = started.date;
  const finishedOn = finished?.date ?? null;
  const excluded = excludedDuring(suspensions, started, finished);
  if (before !== null && before.due !== null && before.problem === null && sameBasis(before, limit, startedOn, excluded)) {
    return { ...before, finishedOn };
  }
  const limitCopy = { value: limit.value, unit: limit.unit };
  try {
    const computed = calendar.deadline({ start: startedOn, limit: limitCopy, suspensions: excluded });
    return {
      limit: limitCopy,
      startedOn,
      due: computed.due,
      countedDays: computed.countedDays,
      suspendedDays: computed.suspendedDays,
      calendarVersion: computed.calendarVersion,
      excluded,
      finishedOn,
      problem: null,
    };
  } catch (error) {
    if (!(error instanceof CalendarRangeError)) throw error;
    return {
      limit: limitCopy,
      startedOn,
      due: null,
      countedDays: 0,
      suspendedDays: 0,
      calendarVersion: calendar.version,
      excluded,
      finishedOn,
      problem: outOfCoverage(error),
    };
  }
}

function sameBasis(before: StoredDeadline, limit: TimeLimit, startedOn: string, excluded: readonly ExcludedPeriod[]): boolean {
  return (
    before.startedOn === startedOn &&
    before.limit.value === limit.value &&
    before.limit.unit === limit.unit &&
    before.excluded.length === excluded.length &&
    before.excluded.every((period, i) => period.kind === excluded[i]!.kind && period.from === excluded[i]!.from && period.to === excluded[i]!.to)
  );
}

/** The message stored in `problem`: what is missing and how an operator adds it. */
export function outOfCoverage(error: CalendarRangeError): string {
  return (
    `${error.date} is outside the working-day calendar (version ${error.calendarVersion} covers ${error.covered.from} – ${error.covered.to}): ` +
    `publish the State Council holiday notice for ${error.date.slice(0, 4)} (publishCalendarYear)`
  );
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 timestamp and its China date; one without an offset would depend on the server's zone. */
function moment(timestamp: string, field: string): Moment {
  const at = new Date(timestamp);
  if (!WITH_OFFSET.test(timestamp) || Number.isNaN(at.getTime())) {
    throw new RangeError(`${field} must be an ISO 8601 timestamp with an offset, got ${JSON.stringify(timestamp)}`);
  }
  return { at: at.getTime(), date: chinaDate(at) };
}
