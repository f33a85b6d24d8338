import { describe, expect, it } from 'vitest';
import { fromDayNumber, isWeekend, toDayNumber, weekday } from './dayNumber.ts';

describe('day numbers', () => {
  it('round-trips dates across month, leap-day and year ends', () => {
    for (const date of ['1970-01-01', '2019-02-28', '2020-02-29', '2020-12-31', '2021-01-01', '2026-12-31']) {
      expect(fromDayNumber(toDayNumber(date))).toBe(date);
    }
    expect(toDayNumber('2020-03-01') - toDayNumber('2020-02-28')).toBe(2);
  });

  it('knows the weekday, before and after 1970', () => {
    expect(weekday(toDayNumber('2019-02-02'))).toBe(6); // Saturday
    expect(weekday(toDayNumber('2019-02-03'))).toBe(0); // Sunday
    expect(weekday(toDayNumber('2019-02-04'))).toBe(1); // Monday
    expect(weekday(toDayNumber('1969-12-31'))).toBe(3); // Wednesday
    expect(isWeekend(toDayNumber('2026-02-14'))).toBe(true);
    expect(isWeekend(toDayNumber('2026-02-16'))).toBe(false);
  });
});
