import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { CALENDAR_DATA } from '../../../lib/calendar/holidays.ts';
import { openPostgresStore } from '../../../lib/db/postgres.ts';
import type { Store } from '../../../lib/db/store.ts';
import type { TestStore } from '../../../tests/support/stores.ts';
import { postgresUrl, storeKinds } from '../../../tests/support/services.ts';
import { CalendarStore } from './store.ts';
import { openCalendarTestStore } from './testSupport.ts';
import type { CalendarYearInput } from './validateYear.ts';

/** A clock the test moves; starts 2026-11-28 10:00 in Beijing. */
function testClock() {
  let now = Date.parse('2026-11-28T10:00:00+08:00');
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

/** The 2027 notice as a test publishes it (invented dates, consistent with the week). */
const YEAR_2027: CalendarYearInput = {
  year: 2027,
  notice: '国办发明电〔2026〕1号',
  offDays: ['2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-01-01'],
  workDays: ['2027-02-06', '2027-02-20'],
};

/** The 2026 entry with Tue 02-24 given off as well. */
const CORRECTED_2026: CalendarYearInput = {
  year: 2026,
  notice: '国办发明电〔2025〕7号',
  offDays: [...CALENDAR_DATA.years[2026]!.offDays, '2026-02-24'],
  workDays: [...CALENDAR_DATA.years[2026]!.workDays],
};

async function refusal(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return (error as GraphQLError).extensions;
}

describe.each(storeKinds())('the working-day calendar in the store (%s)', (kind) => {
  let test: TestStore;
  const others: Store[] = [];

  afterEach(async () => {
    for (const other of others.splice(0)) await other.close();
    await test?.dispose();
  });

  /** A second connection to the same schema: another process, as far as the cache can tell. */
  function sameDatabase(): Store {
    if (kind === 'pglite') return test.store; // one connection per PGlite database
    const other = openPostgresStore({ url: postgresUrl()!, schema: test.store.schema, poolSize: 5 });
    others.push(other);
    return other;
  }

  it('seeds the bundled data once, however often and from however many processes it runs', async () => {
    test = await openCalendarTestStore(kind);
    await Promise.all([new CalendarStore(test.store).seed(), new CalendarStore(sameDatabase()).seed()]);
    const calendar = new CalendarStore(test.store);
    await calendar.seed();
    const versions = await calendar.list();
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: CALENDAR_DATA.version, previous: null, author: 'seed', data: CALENDAR_DATA });
    const current = await calendar.current();
    expect(current.version).toBe(CALENDAR_DATA.version);
    expect(current.coverage).toEqual({ from: '2019-01-01', to: '2026-12-31' });
  });

  it('publishes a year as a new version with that year replaced, keeping the old version as it was', async () => {
    test = await openCalendarTestStore(kind);
    const clock = testClock();
    const calendar = new CalendarStore(test.store, { now: clock.now });
    await calendar.seed();
    const before = await calendar.current();
    expect(before.isWorkingDay('2026-02-24')).toBe(true);

    const published = await calendar.publishYear(CORRECTED_2026, '补充通知', 'admin-1', CALENDAR_DATA.version);
    expect(published).toMatchObject({ version: '2026-11-28.1', previous: CALENDAR_DATA.version, author: 'admin-1', reason: '补充通知' });
    expect(published.data.years[2026]).toEqual({
      notice: '国办发明电〔2025〕7号',
      offDays: [...CORRECTED_2026.offDays].sort(),
      workDays: [...CORRECTED_2026.workDays].sort(),
    });
    expect(published.data.years[2025]).toEqual(CALENDAR_DATA.years[2025]);

    // In force at once in this process.
    const after = await calendar.current();
    expect(after.version).toBe('2026-11-28.1');
    expect(after.isWorkingDay('2026-02-24')).toBe(false);

    // The old version is unchanged, and is read from the store by a fresh instance too.
    const fresh = new CalendarStore(test.store);
    expect((await fresh.byVersion(CALENDAR_DATA.version))?.data).toEqual(CALENDAR_DATA);
    expect((await fresh.calendarOf(CALENDAR_DATA.version))?.isWorkingDay('2026-02-24')).toBe(true);
    expect(await fresh.byVersion('1999-01-01.1')).toBeNull();
    expect((await fresh.list()).map((version) => version.version)).toEqual(['2026-11-28.1', CALENDAR_DATA.version]);
  });

  it('adds the next year, numbering publications of the same day, and extends coverage', async () => {
    test = await openCalendarTestStore(kind);
    const calendar = new CalendarStore(test.store, { now: testClock().now });
    await calendar.seed();
    const first = await calendar.publishYear(CORRECTED_2026, 'fix', 'admin-1', CALENDAR_DATA.version);
    const second = await calendar.publishYear(YEAR_2027, '2027 notice', 'admin-1', first.version);
    expect(second.version).toBe('2026-11-28.2');
    const current = await calendar.current();
    expect(current.coverage).toEqual({ from: '2019-01-01', to: '2027-12-31' });
    expect(current.isWorkingDay('2027-02-06')).toBe(true); // a make-up Saturday
    expect(current.deadline({ start: '2026-12-30', limit: { value: 5, unit: 'WORKING_DAY' } }).due).toBe('2027-01-07');
  });

  it('refuses a malformed year naming the element, a gap in coverage, a change that changes nothing and a missing reason', async () => {
    test = await openCalendarTestStore(kind);
    const calendar = new CalendarStore(test.store);
    await calendar.seed();
    const v = CALENDAR_DATA.version;

    const weekend = await refusal(
      calendar.publishYear({ ...YEAR_2027, offDays: ['2027-01-01', '2027-02-08', '2027-02-09', '2027-02-13'] }, 'r', 'a', v),
    );
    expect(weekend).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.offDays[3]',
      reason: '2027-02-13: a weekend day needs no day off',
      elements: [{ element: 'offDays[3]', reason: '2027-02-13: a weekend day needs no day off' }],
    });
    expect(await refusal(calendar.publishYear({ ...YEAR_2027, workDays: ['2027-02-05'] }, 'r', 'a', v))).toMatchObject({
      field: 'input.workDays[0]',
      reason: '2027-02-05: a weekday is already a working day',
    });
    expect(await refusal(calendar.publishYear({ ...YEAR_2027, year: 2029, offDays: [], workDays: [] }, 'r', 'a', v))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.year',
      reason: expect.stringContaining('add 2018 or 2027'),
    });
    expect(await refusal(calendar.publishYear({ ...YEAR_2027, year: 2100, offDays: [], workDays: [] }, 'r', 'a', v))).toMatchObject({
      field: 'input.year',
    });
    const { notice, offDays, workDays } = CALENDAR_DATA.years[2025]!;
    expect(await refusal(calendar.publishYear({ year: 2025, notice: notice!, offDays, workDays }, 'r', 'a', v))).toMatchObject({
      field: 'input',
      reason: expect.stringContaining('nothing to publish'),
    });
    expect(await refusal(calendar.publishYear(YEAR_2027, '  ', 'a', v))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });

    expect((await calendar.list()).map((version) => version.version)).toEqual([v]);
  });

  it('refuses a publish based on a version that is no longer in force', async () => {
    test = await openCalendarTestStore(kind);
    const calendar = new CalendarStore(test.store, { now: testClock().now });
    await calendar.seed();
    await calendar.publishYear(CORRECTED_2026, 'fix', 'admin-1', CALENDAR_DATA.version);
    const conflict = await refusal(calendar.publishYear(YEAR_2027, '2027', 'admin-2', CALENDAR_DATA.version));
    expect(conflict).toMatchObject({ code: 'VERSION_CONFLICT', field: 'expectedVersion', expected: '2026-11-28.1' });
  });

  it('lets exactly one of two concurrent publishes on the same version win', async () => {
    test = await openCalendarTestStore(kind);
    const clock = testClock();
    await new CalendarStore(test.store).seed();
    const a = new CalendarStore(test.store, { now: clock.now });
    const b = new CalendarStore(sameDatabase(), { now: clock.now });
    const outcomes = await Promise.allSettled([
      a.publishYear(CORRECTED_2026, 'fix', 'admin-1', CALENDAR_DATA.version),
      b.publishYear(YEAR_2027, '2027', 'admin-2', CALENDAR_DATA.version),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect((lost.reason as GraphQLError).extensions).toMatchObject({ code: 'VERSION_CONFLICT', expected: '2026-11-28.1' });
    const versions = await new CalendarStore(test.store).list();
    expect(versions.map((version) => [version.version, version.previous])).toEqual([
      ['2026-11-28.1', CALENDAR_DATA.version],
      [CALENDAR_DATA.version, null],
    ]);
  });

  it('keeps the chain linear in the database itself: a second successor of a version is refused', async () => {
    test = await openCalendarTestStore(kind);
    await new CalendarStore(test.store).seed();
    const insert = (version: string) =>
      test.store.query(`INSERT INTO calendar_version (version, previous, author, reason, data) VALUES ($1, $2, 'a', 'r', $3::jsonb)`, [
        version,
        CALENDAR_DATA.version,
        JSON.stringify({ ...CALENDAR_DATA, version }),
      ]);
    await insert('2026-11-28.1');
    await expect(insert('2026-11-28.9')).rejects.toMatchObject({ code: '23505', constraint: 'calendar_version_previous_key' });
  });

  it('never changes or removes a version', async () => {
    test = await openCalendarTestStore(kind);
    await new CalendarStore(test.store).seed();
    await expect(test.store.query("UPDATE calendar_version SET reason = 'rewritten'")).rejects.toThrow(/immutable/);
    await expect(test.store.query('DELETE FROM calendar_version')).rejects.toThrow(/immutable/);
  });

  it('notices a version another process published within the recheck interval, and one of its own at once', async () => {
    test = await openCalendarTestStore(kind);
    const clock = testClock();
    const reader = new CalendarStore(test.store, { now: clock.now, recheckMs: 5_000 });
    await reader.seed();
    expect((await reader.current()).version).toBe(CALENDAR_DATA.version);

    const elsewhere = new CalendarStore(sameDatabase(), { now: clock.now });
    await elsewhere.publishYear(CORRECTED_2026, 'fix', 'admin-1', CALENDAR_DATA.version);
    clock.advance(1_000);
    const statements = test.store.stats.statements;
    expect((await reader.current()).version).toBe(CALENDAR_DATA.version); // still trusted: no statement
    expect(test.store.stats.statements).toBe(statements);
    clock.advance(4_000);
    expect((await reader.current()).version).toBe('2026-11-28.1');
    expect((await reader.currentVersion()).author).toBe('admin-1');

    await reader.publishYear(YEAR_2027, '2027', 'admin-2', '2026-11-28.1');
    expect((await reader.current()).version).toBe('2026-11-28.2');
  });

  it('asks the store once for many concurrent readers', async () => {
    test = await openCalendarTestStore(kind);
    const calendar = new CalendarStore(test.store);
    await calendar.seed();
    const before = test.store.stats.statements;
    const calendars = await Promise.all(Array.from({ length: 20 }, () => calendar.current()));
    expect(new Set(calendars).size).toBe(1);
    expect(test.store.stats.statements - before).toBe(2); // max(seq), then the version
  });
});
