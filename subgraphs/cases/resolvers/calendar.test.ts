import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { listAccess } from '../../../lib/audit/accessLog.ts';
import type { InternalIdentity } from '../../../lib/auth/internalToken.ts';
import { ANONYMOUS, type Principal } from '../../../lib/auth/principal.ts';
import { CALENDAR_DATA } from '../../../lib/calendar/holidays.ts';
import type { TestStore } from '../../../tests/support/stores.ts';
import type { CalendarContext } from '../calendar/context.ts';
import { CalendarStore } from '../calendar/store.ts';
import { openCalendarTestStore } from '../calendar/testSupport.ts';
import { calendarResolvers } from './calendar.ts';

const identity = (principal: Partial<Principal>): InternalIdentity => ({
  principal: { ...ANONYMOUS, ...principal },
  meta: { clientIp: '127.0.0.1', purpose: null },
});
const anonymous = identity({});
const admin = identity({ subject: 'admin-1', kind: 'CATALOG_ADMIN', name: '管理员' });
const staff = identity({ subject: 'staff-1', kind: 'STAFF', agency: '11610725MB0000000X', roles: ['ACCEPT'] });

const YEAR_2027 = { year: 2027, notice: '国办发明电〔2026〕1号', offDays: ['2027-01-01'], workDays: [] };
const { Query, Mutation } = calendarResolvers;

describe('the calendar resolvers', () => {
  let test: TestStore;
  let calendar: CalendarStore;
  const context = (who: InternalIdentity): CalendarContext => ({ identity: who, calendar });

  afterEach(async () => {
    await test?.dispose();
  });

  async function open() {
    test = await openCalendarTestStore('pglite', { accessLog: true });
    calendar = new CalendarStore(test.store);
    await calendar.seed();
  }

  it('shows anyone the calendar in force, whole, and any version by its label', async () => {
    await open();
    const current = await Query.workingCalendar(null, {}, context(anonymous));
    expect(current).toMatchObject({ version: CALENDAR_DATA.version, author: 'seed', coverageFrom: '2019-01-01', coverageTo: '2026-12-31' });
    expect(current?.years.map((year) => year.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    const { offDays, workDays } = CALENDAR_DATA.years[2026]!;
    expect(current?.years.at(-1)).toEqual({ year: 2026, notice: null, offDays: [...offDays].sort(), workDays: [...workDays].sort() });
    expect(await Query.workingCalendar(null, { version: CALENDAR_DATA.version }, context(anonymous))).toEqual(current);
    expect(await Query.workingCalendar(null, { version: 'no-such' }, context(anonymous))).toBeNull();
    await expect(Query.workingCalendar(null, { version: 'x'.repeat(65) }, context(anonymous))).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'version' },
    });
  });

  it('lets a catalog administrator publish a year, recorded in the access log, and lists it first', async () => {
    await open();
    const published = await Mutation.publishCalendarYear(
      null,
      { input: YEAR_2027, reason: '2027年部分节假日安排的通知', expectedVersion: CALENDAR_DATA.version },
      context(admin),
    );
    expect(published).toMatchObject({ author: 'admin-1', coverageTo: '2027-12-31', reason: '2027年部分节假日安排的通知' });
    expect(published.years.at(-1)).toEqual({ year: 2027, notice: '国办发明电〔2026〕1号', offDays: ['2027-01-01'], workDays: [] });
    const versions = await Query.workingCalendarVersions(null, {}, context(anonymous));
    expect(versions.map((version) => version.version)).toEqual([published.version, CALENDAR_DATA.version]);
    const log = await listAccess(test.store, {}, 10, null);
    expect(log).toEqual([
      expect.objectContaining({ action: 'WRITE', actorSubject: 'admin-1', resourceType: 'calendar', resourceId: published.version, fields: ['years.2027'] }),
    ]);
  });

  it('refuses to publish for anyone else, before touching the store', async () => {
    await open();
    const args = { input: YEAR_2027, reason: 'r', expectedVersion: CALENDAR_DATA.version };
    const asStaff = await Mutation.publishCalendarYear(null, args, context(staff)).catch((error: unknown) => error);
    expect(asStaff).toBeInstanceOf(GraphQLError);
    expect((asStaff as GraphQLError).extensions['code']).toBe('FORBIDDEN');
    await expect(Mutation.publishCalendarYear(null, args, context(anonymous))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(await calendar.list()).toHaveLength(1);
  });
});
