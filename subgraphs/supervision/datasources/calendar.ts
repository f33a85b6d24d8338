import { GraphQLError } from 'graphql';
import type { CalendarData } from '../../../lib/calendar/holidays.ts';
import { workingCalendar as bundled, WorkingCalendar } from '../../../lib/calendar/workingDays.ts';
import { ERROR_CODES } from '../../../lib/errors.ts';
import { ServiceCallError, type ServiceClient } from '../../../lib/http/serviceClient.ts';

/**
 * The working-day calendar, which the cases subgraph keeps (versioned, immutable per version).
 * Supervision counts with the exact version a case's due date was computed with (a yellow warning
 * one working day before a due date must use the same holidays as the due date), and with the
 * version in force for its own due dates (orders, complaints, rectifications).
 */
export interface CalendarSource {
  /** One version; versions never change, so each is fetched once. */
  version(version: string): Promise<WorkingCalendar>;
  /** The version in force (rechecked at most once a minute). */
  current(): Promise<WorkingCalendar>;
}

const QUERY = /* GraphQL */ `
  query Calendar($version: String) {
    workingCalendar(version: $version) { version years { year notice offDays workDays } }
  }
`;

interface CalendarResponse {
  workingCalendar: { version: string; years: Array<{ year: number; notice: string | null; offDays: string[]; workDays: string[] }> } | null;
}

const RECHECK_MS = 60_000;

export function calendarSource(client: ServiceClient, now: () => Date = () => new Date()): CalendarSource {
  const versions = new Map<string, Promise<WorkingCalendar>>([[bundled.version, Promise.resolve(bundled)]]);
  let head: { at: number; calendar: Promise<WorkingCalendar> } | null = null;

  async function fetchCalendar(version: string | null): Promise<WorkingCalendar> {
    let response: CalendarResponse;
    try {
      response = await client.request<CalendarResponse>(QUERY, { version });
    } catch (error) {
      if (error instanceof ServiceCallError) throw unavailable();
      throw error;
    }
    const found = response.workingCalendar;
    if (found === null) throw new Error(`the cases subgraph has no calendar version ${version}`);
    const data: CalendarData = { version: found.version, years: Object.fromEntries(found.years.map((year) => [year.year, { notice: year.notice, offDays: year.offDays, workDays: year.workDays }])) };
    return new WorkingCalendar(data);
  }

  const source: CalendarSource = {
    version(version) {
      let calendar = versions.get(version);
      if (!calendar) {
        calendar = fetchCalendar(version);
        versions.set(version, calendar);
        // A failed fetch is not remembered: the next caller tries again.
        calendar.catch(() => versions.delete(version));
      }
      return calendar;
    },
    async current() {
      const at = now().getTime();
      if (head === null || at - head.at > RECHECK_MS) {
        const calendar = fetchCalendar(null);
        head = { at, calendar };
        calendar.then((found) => versions.set(found.version, Promise.resolve(found))).catch(() => (head = null));
      }
      return head.calendar;
    },
  };
  return source;
}

/** The bundled calendar only (unit tests, a supervision subgraph started without the cases subgraph). */
export const BUNDLED_CALENDAR: CalendarSource = {
  async version(version) {
    if (version !== bundled.version) throw unavailable();
    return bundled;
  },
  async current() {
    return bundled;
  },
};

function unavailable(): GraphQLError {
  return new GraphQLError('The working-day calendar could not be read from the cases subgraph; try again later', {
    extensions: { code: ERROR_CODES.SUBGRAPH_UNAVAILABLE, serviceName: 'cases' },
  });
}
