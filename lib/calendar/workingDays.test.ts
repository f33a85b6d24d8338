import { describe, expect, it } from 'vitest';
import { CalendarRangeError } from './errors.ts';
import { CALENDAR_DATA } from './holidays.ts';
import { WorkingCalendar, workingCalendar as calendar } from './workingDays.ts';

const VERSION = CALENDAR_DATA.version;

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let day = from; day <= to; day = calendar.addNaturalDays(day, 1)) out.push(day);
  return out;
}

/** Small deterministic generator, so the property loops are reproducible. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

describe('the 2019 Spring Festival', () => {
  it('makes Sat 02-02 and Sun 02-03 working days and 02-04 – 02-10 days off', () => {
    const status = Object.fromEntries(days('2019-02-01', '2019-02-12').map((day) => [day, calendar.isWorkingDay(day)]));
    expect(status).toEqual({
      '2019-02-01': true, // Fri
      '2019-02-02': true, // Sat, make-up
      '2019-02-03': true, // Sun, make-up
      '2019-02-04': false, // 除夕
      '2019-02-05': false,
      '2019-02-06': false,
      '2019-02-07': false,
      '2019-02-08': false,
      '2019-02-09': false, // Sat
      '2019-02-10': false, // Sun
      '2019-02-11': true,
      '2019-02-12': true,
    });
  });

  it('puts 5 working days from an acceptance on Thu 2019-01-31 on Tue 02-12', () => {
    // The acceptance day is not counted: 02-01, 02-02, 02-03, (holiday), 02-11, 02-12.
    const counted = days('2019-02-01', '2019-02-12').filter((day) => calendar.isWorkingDay(day));
    expect(counted).toEqual(['2019-02-01', '2019-02-02', '2019-02-03', '2019-02-11', '2019-02-12']);
    expect(calendar.addWorkingDays('2019-01-31', 5)).toBe('2019-02-12');
    expect(calendar.deadline({ start: '2019-01-31', limit: { value: 5, unit: 'WORKING_DAY' } })).toEqual({
      due: '2019-02-12',
      calendarVersion: VERSION,
      countedDays: 5,
      suspendedDays: 0,
    });
  });
});

describe('make-up working weekends', () => {
  it('count, so a deadline can fall on a Sunday', () => {
    // 2024: 02-10 – 02-17 off, Sun 02-18 a working day.
    expect(calendar.isWorkingDay('2024-02-18')).toBe(true);
    expect(calendar.addWorkingDays('2024-02-08', 2)).toBe('2024-02-18');
    expect(calendar.workingDaysBetween('2024-02-08', '2024-02-19')).toBe(3);
  });

  it('cancelled by the 2020 extension do not count', () => {
    expect(calendar.isWorkingDay('2020-01-19')).toBe(true);
    expect(calendar.isWorkingDay('2020-02-01')).toBe(false);
    expect(calendar.addWorkingDays('2020-01-23', 1)).toBe('2020-02-03');
  });
});

describe('year boundaries', () => {
  it.each([
    ['2020-12-31', 1, '2021-01-04'], // 2021-01-01 off, then a weekend
    ['2022-12-30', 1, '2023-01-03'], // 2023-01-02 makes up for New Year's Day on a Sunday
    ['2025-12-31', 2, '2026-01-05'], // 01-01, 01-02 off; Sun 01-04 is a make-up day
    ['2023-12-29', 1, '2024-01-02'],
  ])('from %s, %i working day(s) → %s', (start, n, due) => {
    expect(calendar.addWorkingDays(start, n)).toBe(due);
    expect(calendar.workingDaysBetween(start, due)).toBe(n);
  });
});

describe('suspensions', () => {
  const start = '2024-03-04'; // Monday, no holidays nearby

  it('exclude both `from` and `to`: counting resumes the day after `to`', () => {
    const limit = { value: 3, unit: 'WORKING_DAY' } as const;
    expect(calendar.deadline({ start, limit }).due).toBe('2024-03-07');
    expect(calendar.deadline({ start, limit, suspensions: [{ from: '2024-03-05', to: '2024-03-05' }] })).toEqual({
      due: '2024-03-08',
      calendarVersion: VERSION,
      countedDays: 3,
      suspendedDays: 1,
    });
    // 03-05 and 03-06 skipped; 03-07, 03-08, Mon 03-11 counted.
    expect(calendar.deadline({ start, limit, suspensions: [{ from: '2024-03-05', to: '2024-03-06' }] })).toMatchObject({
      due: '2024-03-11',
      suspendedDays: 2,
    });
  });

  it('push the deadline by the working days inside them only, across the Spring Festival', () => {
    const limit = { value: 10, unit: 'WORKING_DAY' } as const;
    // Unsuspended: 01-29, 01-30, 01-31, 02-01, 02-02, 02-03, 02-11, 02-12, 02-13, 02-14.
    expect(calendar.deadline({ start: '2019-01-28', limit }).due).toBe('2019-02-14');
    // 02-01 – 02-12 holds 5 working days (02-01, 02-02, 02-03, 02-11, 02-12); the 7 holiday days cost nothing.
    // Counted: 01-29, 01-30, 01-31, then 02-13, 02-14, 02-15, 02-18, 02-19, 02-20, 02-21.
    expect(calendar.deadline({ start: '2019-01-28', limit, suspensions: [{ from: '2019-02-01', to: '2019-02-12' }] })).toEqual({
      due: '2019-02-21',
      calendarVersion: VERSION,
      countedDays: 10,
      suspendedDays: 5,
    });
  });

  it('count shared days once, and ignore days up to the start', () => {
    const limit = { value: 3, unit: 'WORKING_DAY' } as const;
    const overlapping = [
      { from: '2024-03-05', to: '2024-03-06' },
      { from: '2024-03-06', to: '2024-03-07' },
      { from: '2024-02-20', to: '2024-03-04' },
    ];
    expect(calendar.deadline({ start, limit, suspensions: overlapping })).toMatchObject({ due: '2024-03-12', suspendedDays: 3 });
  });

  it('leave the deadline unknown while open, saying how much of the limit is used', () => {
    const limit = { value: 5, unit: 'WORKING_DAY' } as const;
    expect(calendar.deadline({ start, limit, suspensions: [{ from: '2024-03-07', to: null }] })).toEqual({
      due: null,
      calendarVersion: VERSION,
      countedDays: 2,
      suspendedDays: 0,
    });
    // Once closed on 03-20, the 10 working days 03-07 – 03-20 are skipped: 03-05, 03-06, 03-21, 03-22, 03-25.
    expect(calendar.deadline({ start, limit, suspensions: [{ from: '2024-03-07', to: '2024-03-20' }] })).toEqual({
      due: '2024-03-25',
      calendarVersion: VERSION,
      countedDays: 5,
      suspendedDays: 10,
    });
  });

  it('that open after the period is complete change nothing', () => {
    const limit = { value: 2, unit: 'WORKING_DAY' } as const;
    expect(calendar.deadline({ start, limit, suspensions: [{ from: '2024-03-07', to: null }] }).due).toBe('2024-03-06');
  });

  it('that open on a weekend inside the period still stop it', () => {
    const limit = { value: 5, unit: 'WORKING_DAY' } as const;
    expect(calendar.deadline({ start, limit, suspensions: [{ from: '2024-03-09', to: null }] })).toMatchObject({
      due: null,
      countedDays: 5 - 1, // 03-05 … 03-08
    });
  });

  it('refuse one that ends before it begins', () => {
    expect(() =>
      calendar.deadline({ start, limit: { value: 1, unit: 'WORKING_DAY' }, suspensions: [{ from: '2024-03-07', to: '2024-03-06' }] }),
    ).toThrow(/suspensions\[0\] ends \(2024-03-06\) before it begins/);
  });
});

describe('natural days', () => {
  it('ignore holidays, and a due date on a holiday stays there', () => {
    expect(calendar.addNaturalDays('2019-01-31', 10)).toBe('2019-02-10');
    expect(calendar.deadline({ start: '2019-01-31', limit: { value: 10, unit: 'NATURAL_DAY' } })).toEqual({
      due: '2019-02-10',
      calendarVersion: VERSION,
      countedDays: 10,
      suspendedDays: 0,
    });
  });

  it('are suspended day for day', () => {
    const suspensions = [{ from: '2019-02-04', to: '2019-02-06' }];
    expect(calendar.deadline({ start: '2019-01-31', limit: { value: 10, unit: 'NATURAL_DAY' }, suspensions })).toMatchObject({
      due: '2019-02-13',
      suspendedDays: 3,
    });
  });

  it('need no holiday data, so they work outside its years', () => {
    expect(calendar.addNaturalDays('2030-12-25', 10)).toBe('2031-01-04');
    expect(calendar.deadline({ start: '2030-12-25', limit: { value: 10, unit: 'NATURAL_DAY' } }).due).toBe('2031-01-04');
  });
});

describe('consistency', () => {
  it('workingDaysBetween inverts addWorkingDays, and the due date is the first day reaching n', () => {
    // Mismatches are collected rather than asserted one by one: ~75,000 expect() calls would dominate the run.
    const mismatches: string[] = [];
    for (let start = '2018-12-31'; start <= '2026-11-15'; start = shift(start, 1)) {
      for (let n = 0; n <= 25; n++) {
        const due = calendar.addWorkingDays(start, n);
        const ok =
          calendar.workingDaysBetween(start, due) === n &&
          calendar.workingDaysBetween(due, start) === -n &&
          (n === 0 || (calendar.isWorkingDay(due) && calendar.workingDaysBetween(start, shift(due, -1)) === n - 1));
        if (!ok) mismatches.push(`${start} + ${n} → ${due}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('a deadline without suspensions is addWorkingDays / addNaturalDays', () => {
    for (let start = '2019-01-01'; start <= '2026-11-15'; start = calendar.addNaturalDays(start, 3)) {
      for (const value of [0, 1, 5, 20]) {
        expect(calendar.deadline({ start, limit: { value, unit: 'WORKING_DAY' } }).due).toBe(calendar.addWorkingDays(start, value));
        expect(calendar.deadline({ start, limit: { value, unit: 'NATURAL_DAY' } }).due).toBe(calendar.addNaturalDays(start, value));
      }
    }
  });

  it('every working day up to a suspended deadline is either counted or suspended', () => {
    const random = lcg(42);
    for (let i = 0; i < 2_000; i++) {
      const start = calendar.addNaturalDays('2019-01-01', Math.floor(random() * 2_700));
      const value = 1 + Math.floor(random() * 20);
      const suspensions = Array.from({ length: Math.floor(random() * 3) }, () => {
        const from = shift(start, Math.floor(random() * 30) - 5);
        return { from, to: calendar.addNaturalDays(from, Math.floor(random() * 15)) };
      });
      const result = calendar.deadline({ start, limit: { value, unit: 'WORKING_DAY' }, suspensions });
      const due = result.due!;
      expect(result.countedDays).toBe(value);
      expect(calendar.workingDaysBetween(start, due)).toBe(value + result.suspendedDays);
      expect(calendar.isWorkingDay(due)).toBe(true);
      expect(suspensions.some((s) => s.from <= due && due <= s.to)).toBe(false);
    }
  });
});

/** Independent of the code under test, and able to go backwards. */
function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('yellowWarningDate', () => {
  it('is the last working day before the due date', () => {
    expect(calendar.yellowWarningDate('2024-03-06')).toBe('2024-03-05');
    expect(calendar.yellowWarningDate('2024-03-11')).toBe('2024-03-08'); // over a weekend
    expect(calendar.yellowWarningDate('2019-02-11')).toBe('2019-02-03'); // over Spring Festival, onto a make-up Sunday
    expect(calendar.yellowWarningDate('2019-02-10')).toBe('2019-02-03'); // a natural-day due on a holiday
  });
});

describe('the calendar version', () => {
  it('is recorded with every deadline, from the data the calendar was built with', () => {
    const custom = new WorkingCalendar({ version: 'test-7', years: { 2019: { notice: null, offDays: [], workDays: [] } } });
    expect(custom.version).toBe('test-7');
    expect(custom.deadline({ start: '2019-01-31', limit: { value: 5, unit: 'WORKING_DAY' } })).toEqual({
      due: '2019-02-07', // without the notice, a plain Mon–Fri week
      calendarVersion: 'test-7',
      countedDays: 5,
      suspendedDays: 0,
    });
    expect(calendar.deadline({ start: '2019-01-31', limit: { value: 5, unit: 'WORKING_DAY' } }).calendarVersion).toBe('2026-01');
  });
});

describe('outside the data', () => {
  it('covers whole years 2019 – 2026', () => {
    expect(calendar.coverage).toEqual({ from: '2019-01-01', to: '2026-12-31' });
    expect(calendar.addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
  });

  it('refuses to guess, naming the first date it cannot judge', () => {
    const attempts = [
      () => calendar.isWorkingDay('2018-12-31'),
      () => calendar.addWorkingDays('2026-12-30', 2),
      () => calendar.workingDaysBetween('2026-12-01', '2027-01-15'),
      () => calendar.deadline({ start: '2026-12-20', limit: { value: 20, unit: 'WORKING_DAY' } }),
      () => calendar.yellowWarningDate('2019-01-01'),
    ];
    const dates = attempts.map((attempt) => {
      try {
        attempt();
        return 'no error';
      } catch (error) {
        expect(error).toBeInstanceOf(CalendarRangeError);
        return (error as CalendarRangeError).date;
      }
    });
    expect(dates).toEqual(['2018-12-31', '2027-01-01', '2027-01-01', '2027-01-01', '2018-12-31']);
  });

  it('says how to fix it', () => {
    expect(() => calendar.isWorkingDay('2027-03-01')).toThrow(
      '2027-03-01 is outside the working-day calendar (2019-01-01 – 2026-12-31, version 2026-01): add the State Council holiday notice for 2027 to lib/calendar/holidays.ts',
    );
  });
});

describe('input', () => {
  it('refuses malformed dates and day counts', () => {
    expect(() => calendar.isWorkingDay('2019-2-4')).toThrow(/date must be a YYYY-MM-DD date/);
    expect(() => calendar.addWorkingDays('2019-02-30', 1)).toThrow(/start must be a YYYY-MM-DD date/);
    expect(() => calendar.addWorkingDays('2019-02-01', -1)).toThrow(/n must be a whole number of days ≥ 0, got -1/);
    expect(() => calendar.addNaturalDays('2019-02-01', 1.5)).toThrow(/whole number/);
    expect(() => calendar.deadline({ start: '2019-02-01', limit: { value: Number.NaN, unit: 'WORKING_DAY' } })).toThrow(/limit.value/);
  });
});

describe('provisional due dates past the published years', () => {
  const last = calendar.coverage.to;

  it('equal addWorkingDays within coverage', () => {
    expect(calendar.addWorkingDaysProvisional('2019-01-31', 5)).toEqual({ date: calendar.addWorkingDays('2019-01-31', 5), provisional: false });
  });

  it('count Monday to Friday past coverage, and say the date is provisional', () => {
    // addWorkingDays refuses the same period: the holidays of the next year are not known.
    expect(() => calendar.addWorkingDays(last, 10)).toThrow(CalendarRangeError);
    const { date, provisional } = calendar.addWorkingDaysProvisional(last, 10);
    expect(provisional).toBe(true);
    const weekdays = days(last, date).slice(1).filter((day) => ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()));
    expect(weekdays).toHaveLength(10);
    expect([0, 6]).not.toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
  });
});
