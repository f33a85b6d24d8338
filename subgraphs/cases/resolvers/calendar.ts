import { appendAccess } from '../../../lib/audit/accessLog.ts';
import { authorize } from '../../../lib/auth/authorize.ts';
import { badUserInput } from '../../../lib/errors.ts';
import type { CalendarContext } from '../calendar/context.ts';
import type { CalendarYearInput } from '../calendar/validateYear.ts';
import { calendarVersionView, type WorkingCalendarVersionView } from '../calendar/view.ts';

const MAX_LABEL = 64;

/**
 * The working-day calendar: public to read (applicants count their own deadlines), published by
 * catalog administrators one year at a time (calendar/store.ts). Versions are answered whole, so
 * WorkingCalendarVersion and CalendarYear need no field resolvers (`types` is empty).
 */
export const calendarResolvers = {
  Query: {
    async workingCalendar(
      _root: unknown,
      args: { version?: string | null },
      context: CalendarContext,
    ): Promise<WorkingCalendarVersionView | null> {
      authorize(context.identity.principal, 'calendar.read');
      if (args.version === null || args.version === undefined) return calendarVersionView(await context.calendar.currentVersion());
      const version = args.version.trim();
      if (!version || version.length > MAX_LABEL) {
        throw badUserInput('version', `a calendar version label of 1–${MAX_LABEL} characters`, 'e.g. 2026-01 or 2026-11-28.1');
      }
      const model = await context.calendar.byVersion(version);
      return model && calendarVersionView(model);
    },

    async workingCalendarVersions(_root: unknown, _args: unknown, context: CalendarContext): Promise<WorkingCalendarVersionView[]> {
      authorize(context.identity.principal, 'calendar.read');
      return (await context.calendar.list()).map(calendarVersionView);
    },
  },

  Mutation: {
    async publishCalendarYear(
      _root: unknown,
      args: { input: CalendarYearInput; reason: string; expectedVersion: string },
      context: CalendarContext,
    ): Promise<WorkingCalendarVersionView> {
      authorize(context.identity.principal, 'calendar.write');
      const published = await context.calendar.publishYear(args.input, args.reason, context.identity.principal.subject, args.expectedVersion, {
        // Every write goes to the access audit log, in the transaction that publishes.
        onPublished: async (tx, model) => {
          await appendAccess(tx, context.identity, {
            action: 'WRITE',
            resourceType: 'calendar',
            resourceId: model.version,
            fields: [`years.${args.input.year}`],
          });
        },
      });
      return calendarVersionView(published);
    },
  },

  types: {},
};
