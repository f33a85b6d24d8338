import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonicalJson.ts';
import { CALENDAR_DATA } from './holidays.ts';
import { validateCalendarData } from './validate.ts';

describe('the State Council holiday data', () => {
  it('is consistent with the week (no weekend day off, no weekday made a working day, no typos)', () => {
    expect(() => validateCalendarData(CALENDAR_DATA)).not.toThrow();
    expect(Object.keys(CALENDAR_DATA.years).map(Number)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  // Guards the rule that stored deadlines can be traced to their data: editing a date without bumping the
  // version fails here. After checking the edit, bump `version` and pin the new fingerprint.
  it('changes only together with its version', () => {
    const fingerprint = createHash('sha256').update(canonicalJson(CALENDAR_DATA.years)).digest('hex');
    expect({ version: CALENDAR_DATA.version, fingerprint }).toEqual({
      version: '2026-01',
      fingerprint: '37d58194dd6b920388798f9627a78fb8634b2ae9dd87d083a800b3c507ec2203',
    });
  });

  // 全国年节及纪念日放假办法: a holiday that falls on a weekend is made up on a weekday, and every other
  // weekday taken off (调休) is paid back by a weekend working day. So days off minus make-up working days is
  // the number of statutory holiday days: 11 until 2024, 13 from 2025 (国务院令第795号 added 除夕 and 05-02).
  // 2020 has two more: the COVID extension gave 01-31 off and cancelled the 02-01 make-up day.
  it('balances days off against make-up days and statutory holidays, year by year', () => {
    const statutory: Record<number, number> = { 2019: 11, 2020: 13, 2021: 11, 2022: 11, 2023: 11, 2024: 11, 2025: 13, 2026: 13 };
    const balance = Object.fromEntries(
      Object.entries(CALENDAR_DATA.years).map(([year, entry]) => [year, entry.offDays.length - entry.workDays.length]),
    );
    expect(balance).toEqual(statutory);
  });

  it('has the 2019 Spring Festival right: 02-04 – 02-10 off, Sat 02-02 and Sun 02-03 working', () => {
    const year = CALENDAR_DATA.years[2019]!;
    expect(year.offDays).toEqual(expect.arrayContaining(['2019-02-04', '2019-02-05', '2019-02-06', '2019-02-07', '2019-02-08']));
    expect(year.workDays).toEqual(expect.arrayContaining(['2019-02-02', '2019-02-03']));
  });
});
