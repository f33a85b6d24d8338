import { describe, expect, it } from 'vitest';
import { CalendarDataError } from './errors.ts';
import type { CalendarData } from './holidays.ts';
import { validateCalendarData } from './validate.ts';

function problemsOf(data: CalendarData): readonly string[] {
  try {
    validateCalendarData(data);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(CalendarDataError);
    return (error as CalendarDataError).problems;
  }
}

describe('validateCalendarData', () => {
  it('accepts a well-formed year', () => {
    expect(problemsOf({ version: 't', years: { 2019: { notice: null, offDays: ['2019-02-04'], workDays: ['2019-02-02'] } } })).toEqual([]);
  });

  it('lists every mistake at once, naming the date', () => {
    const problems = problemsOf({
      version: '',
      years: {
        2019: {
          notice: null,
          // 02-09 is a Saturday, 02-01 a Friday, 2019-02-30 does not exist, 2018-12-31 is 2018's.
          offDays: ['2019-02-09', '2019-02-30', '2018-12-31', '2019-02-04', '2019-02-04'],
          workDays: ['2019-02-01'],
        },
        2021: { notice: null, offDays: [], workDays: [] },
      },
    });
    expect(problems).toEqual([
      'version is empty',
      'years 2019 and 2021 are not contiguous',
      '2019.offDays 2019-02-09: a weekend day needs no day off',
      '2019.offDays 2019-02-30: not a YYYY-MM-DD date',
      "2019.offDays 2018-12-31: belongs to another year's entry",
      '2019.offDays 2019-02-04: listed twice',
      '2019.workDays 2019-02-01: a weekday is already a working day',
    ]);
  });

  it('refuses a date that is both a day off and a working day', () => {
    expect(problemsOf({ version: 't', years: { 2019: { notice: null, offDays: ['2019-02-04'], workDays: ['2019-02-04'] } } })).toContain(
      '2019.workDays 2019-02-04: listed twice',
    );
  });

  it('refuses data with no years', () => {
    expect(problemsOf({ version: 't', years: {} })).toEqual(['no years']);
  });
});
