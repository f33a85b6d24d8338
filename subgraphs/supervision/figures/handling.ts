import { CalendarRangeError } from '../../../lib/calendar/errors.ts';
import type { WorkingCalendar } from '../../../lib/calendar/workingDays.ts';
import type { CalendarSource } from '../datasources/calendar.ts';
import type { DeadlineFact, TimeLimitFact } from '../observations/observation.ts';
import { p90, ratio } from './formulas.ts';
import type { Figure } from '../generated/resolvers-types.ts';

/** What the handling time of one completed case is computed from (China dates). */
export interface HandlingFacts {
  acceptedOn: string;
  completedOn: string;
  promised: DeadlineFact | null;
  legal: DeadlineFact | null;
}

/**
 * The deadline whose record of special procedures is subtracted: the promised one if it counts
 * working days, else the legal one if it does, else whichever exists. Both deadlines leave out the
 * same special procedures, but only a working-day deadline counts their length in working days.
 */
export function countingDeadline(facts: Pick<HandlingFacts, 'promised' | 'legal'>): DeadlineFact | null {
  const candidates = [facts.promised, facts.legal].filter((deadline): deadline is DeadlineFact => deadline !== null);
  return candidates.find((deadline) => deadline.limit.unit === 'WORKING_DAY') ?? candidates[0] ?? null;
}

/**
 * Working days after the acceptance date up to and including the completion date, less the days
 * special procedures took out of the deadline (never below zero). Counted on the calendar version
 * the case's deadline was computed with, so a figure agrees with the due dates the agency saw.
 */
export function handlingWorkingDays(facts: HandlingFacts, calendar: WorkingCalendar): number {
  const suspended = countingDeadline(facts)?.suspendedDays ?? 0;
  return Math.max(0, calendar.workingDaysBetween(facts.acceptedOn, facts.completedOn) - suspended);
}

export interface HandlingFigures {
  averageHandlingWorkingDays: Figure;
  p90HandlingWorkingDays: Figure;
  handlingToPromisedRatio: Figure;
}

/**
 * The handling-time figures of the cases completed in a period. A case whose dates the calendar of
 * its own version does not cover is counted on the calendar in force; one that neither covers (an
 * unpublished year) is left out rather than guessed.
 */
export async function handlingFigures(cases: readonly HandlingFacts[], calendars: CalendarSource): Promise<HandlingFigures> {
  const current = await calendars.current();
  const days: number[] = [];
  let promisedHandling = 0;
  let promisedLimits = 0;
  for (const facts of cases) {
    const version = countingDeadline(facts)?.calendarVersion;
    const own = version === undefined ? current : await calendars.version(version);
    const handled = countOn([own, current], facts);
    if (handled === null) continue;
    days.push(handled);
    const limit: TimeLimitFact | undefined = facts.promised?.limit;
    if (limit?.unit === 'WORKING_DAY') {
      promisedHandling += handled;
      promisedLimits += limit.value;
    }
  }
  return {
    averageHandlingWorkingDays: ratio('averageHandlingWorkingDays', days.reduce((sum, day) => sum + day, 0), days.length),
    p90HandlingWorkingDays: p90('p90HandlingWorkingDays', days),
    handlingToPromisedRatio: ratio('handlingToPromisedRatio', promisedHandling, promisedLimits),
  };
}

function countOn(calendars: readonly WorkingCalendar[], facts: HandlingFacts): number | null {
  for (const calendar of calendars) {
    try {
      return handlingWorkingDays(facts, calendar);
    } catch (error) {
      if (!(error instanceof CalendarRangeError)) throw error;
    }
  }
  return null;
}
