import type { WorkingCalendar } from '../../../lib/calendar/workingDays.ts';
import type { CalendarSource } from '../datasources/calendar.ts';
import type { CaseFact } from '../observations/observation.ts';
import type { CalendarLookup } from './evaluateTime.ts';

/** The calendar versions a case's due dates were computed with. */
export function calendarVersionsOf(facts: CaseFact): string[] {
  const deadlines = facts.deadlines;
  if (deadlines === null) return [];
  const periods = [deadlines.legal, deadlines.promised, ...deadlines.steps.map((step) => step.deadline)];
  return [...new Set(periods.flatMap((period) => (period ? [period.calendarVersion] : [])))];
}

/**
 * Fetches the versions (each once per process: versions never change) and answers a synchronous
 * lookup for the evaluators. A version that cannot be had throws: the observation is retried by its
 * sender, the clock leaves the case for its next run.
 */
export async function loadCalendars(source: CalendarSource, versions: Iterable<string>): Promise<CalendarLookup> {
  const loaded = new Map<string, WorkingCalendar>();
  for (const version of new Set(versions)) loaded.set(version, await source.version(version));
  return (version) => {
    const calendar = loaded.get(version);
    if (!calendar) throw new Error(`calendar version ${version} was not loaded before evaluating`);
    return calendar;
  };
}
