import { describe, expect, it } from 'vitest';
import { calendarYearInputErrors } from './validateYear.ts';
import { isPublishedLabel, nextVersionLabel } from './versionLabel.ts';

describe('calendar version labels', () => {
  it('numbers publications within their China date, starting from the bundled label', () => {
    expect(nextVersionLabel('2026-01', '2026-11-28')).toBe('2026-11-28.1');
    expect(nextVersionLabel('2026-11-28.1', '2026-11-28')).toBe('2026-11-28.2');
    expect(nextVersionLabel('2026-11-28.9', '2026-11-28')).toBe('2026-11-28.10');
    expect(nextVersionLabel('2026-11-28.2', '2026-12-01')).toBe('2026-12-01.1');
  });

  it('never goes back when the clock does', () => {
    expect(nextVersionLabel('2026-11-28.2', '2026-11-27')).toBe('2026-11-28.3');
  });

  it('tells published labels from the bundled one', () => {
    expect(isPublishedLabel('2026-11-28.1')).toBe(true);
    expect(isPublishedLabel('2026-01')).toBe(false);
  });
});

describe('a year as an administrator enters it', () => {
  it('accepts a well-formed notice', () => {
    expect(calendarYearInputErrors({ year: 2027, notice: '国办发明电〔2026〕1号', offDays: ['2027-01-01'], workDays: [] })).toEqual([]);
  });

  it('locates every mistake at its element', () => {
    const errors = calendarYearInputErrors({
      year: 2027,
      notice: ' ',
      // 01-02 is a Saturday; 2026-12-31 belongs to 2026; 01-01 twice; Mon 01-04 is already a working day.
      offDays: ['2027-01-01', '2027-01-02', '2026-12-31', '2027-01-01'],
      workDays: ['2027-01-04'],
    });
    expect(errors).toEqual([
      { element: 'notice', reason: expect.stringContaining('required') },
      { element: 'offDays[1]', reason: '2027-01-02: a weekend day needs no day off' },
      { element: 'offDays[2]', reason: "2026-12-31: belongs to another year's entry" },
      { element: 'offDays[3]', reason: '2027-01-01: listed twice' },
      { element: 'workDays[0]', reason: '2027-01-04: a weekday is already a working day' },
    ]);
  });

  it('refuses years outside 2000–2099 without blaming the dates for it', () => {
    expect(calendarYearInputErrors({ year: 2100, notice: 'x', offDays: ['2100-01-01'], workDays: [] })).toEqual([
      { element: 'year', reason: 'must be a year from 2000 to 2099' },
    ]);
    expect(calendarYearInputErrors({ year: 1999, notice: 'x', offDays: [], workDays: [] })[0]?.element).toBe('year');
  });
});
