/**
 * A date the calendar has no State Council notice for. Deadlines are not guessed across a missing year: a
 * Mon–Fri assumption would be wrong by up to a week around Spring Festival and would be stored as if it
 * were authoritative. The fix is to add the year's notice to holidays.ts (and bump its version).
 */
export class CalendarRangeError extends RangeError {
  override name = 'CalendarRangeError';

  constructor(
    readonly date: string,
    readonly covered: { from: string; to: string },
    readonly calendarVersion: string,
  ) {
    super(
      `${date} is outside the working-day calendar (${covered.from} – ${covered.to}, version ${calendarVersion}): ` +
        `add the State Council holiday notice for ${date.slice(0, 4)} to lib/calendar/holidays.ts`,
    );
  }
}

/** The holiday data contradicts itself or the week; every problem is listed, so one edit can fix them all. */
export class CalendarDataError extends Error {
  override name = 'CalendarDataError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid calendar data: ${problems.join('; ')}`);
  }
}
