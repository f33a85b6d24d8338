import { describe, expect, it } from 'vitest';
import { CALENDAR_DATA } from '../../../lib/calendar/holidays.ts';
import { workingCalendar as calendar } from '../../../lib/calendar/workingDays.ts';
import { dueCutoff, dueWithin, presentDeadline, presentDeadlines, queueDueOn } from './present.ts';
import type { StoredDeadline, StoredDeadlines } from './types.ts';

function stored(overrides: Partial<StoredDeadline>): StoredDeadline {
  return {
    limit: { value: 5, unit: 'WORKING_DAY' },
    startedOn: '2026-02-12',
    due: '2026-02-26',
    countedDays: 5,
    suspendedDays: 0,
    calendarVersion: CALENDAR_DATA.version,
    excluded: [],
    finishedOn: null,
    problem: null,
    ...overrides,
  };
}

const figures = (deadline: StoredDeadline, today: string) => {
  const { remainingWorkingDays, overdue, overdueWorkingDays } = presentDeadline(deadline, calendar, today);
  return { remainingWorkingDays, overdue, overdueWorkingDays };
};

describe('remaining and overdue working days', () => {
  // Due Thu 2026-02-26, after the Spring Festival (02-15 – 02-23 off, Sat 02-14 and Sat 02-28 working).
  const running = stored({});

  it('counts the working days left, skipping the holiday and counting the make-up Saturday', () => {
    expect(figures(running, '2026-02-13')).toEqual({ remainingWorkingDays: 4, overdue: false, overdueWorkingDays: 0 }); // 02-14, 24, 25, 26
    expect(figures(running, '2026-02-20')).toEqual({ remainingWorkingDays: 3, overdue: false, overdueWorkingDays: 0 }); // a holiday
    expect(figures(running, '2026-02-25')).toEqual({ remainingWorkingDays: 1, overdue: false, overdueWorkingDays: 0 });
  });

  it('answers 0 on the due day', () => {
    expect(figures(running, '2026-02-26')).toEqual({ remainingWorkingDays: 0, overdue: false, overdueWorkingDays: 0 });
  });

  it('goes negative once overdue, counting the make-up Saturday as a working day late', () => {
    expect(figures(running, '2026-02-27')).toEqual({ remainingWorkingDays: -1, overdue: true, overdueWorkingDays: 1 });
    expect(figures(running, '2026-02-28')).toEqual({ remainingWorkingDays: -2, overdue: true, overdueWorkingDays: 2 });
    expect(figures(running, '2026-03-01')).toEqual({ remainingWorkingDays: -2, overdue: true, overdueWorkingDays: 2 }); // Sunday
  });

  it('is one working day overdue over the weekend after a Friday due date', () => {
    const dueFriday = stored({ due: '2026-03-06' });
    expect(figures(dueFriday, '2026-03-07')).toEqual({ remainingWorkingDays: -1, overdue: true, overdueWorkingDays: 1 });
    expect(figures(dueFriday, '2026-03-09')).toEqual({ remainingWorkingDays: -1, overdue: true, overdueWorkingDays: 1 });
    expect(figures(dueFriday, '2026-03-10')).toEqual({ remainingWorkingDays: -2, overdue: true, overdueWorkingDays: 2 });
  });

  it('judges a finished period by its end, not today, and stops counting what remains', () => {
    expect(figures(stored({ finishedOn: '2026-02-24' }), '2026-06-01')).toEqual({ remainingWorkingDays: null, overdue: false, overdueWorkingDays: 0 });
    expect(figures(stored({ finishedOn: '2026-02-26' }), '2026-06-01')).toEqual({ remainingWorkingDays: null, overdue: false, overdueWorkingDays: 0 });
    expect(figures(stored({ finishedOn: '2026-03-02' }), '2026-06-01')).toEqual({ remainingWorkingDays: null, overdue: true, overdueWorkingDays: 3 });
  });

  it('has no figures while a special procedure leaves the due date unknown', () => {
    const suspended = stored({ due: null, countedDays: 2, excluded: [{ kind: 'EXPERT_REVIEW', from: '2026-02-24', to: null }] });
    expect(figures(suspended, '2026-04-01')).toEqual({ remainingWorkingDays: null, overdue: false, overdueWorkingDays: 0 });
  });

  it('counts a natural-day limit in working days too, and a due date on a Sunday is 0 away on the Friday before', () => {
    const natural = stored({ limit: { value: 10, unit: 'NATURAL_DAY' }, due: '2026-03-08' });
    expect(figures(natural, '2026-03-06')).toEqual({ remainingWorkingDays: 0, overdue: false, overdueWorkingDays: 0 });
    expect(figures(natural, '2026-03-09')).toEqual({ remainingWorkingDays: -1, overdue: true, overdueWorkingDays: 1 });
  });

  it('never throws for dates the calendar does not cover: the figures it cannot count are missing and the problem is said', () => {
    const intoNextYear = stored({ limit: { value: 30, unit: 'NATURAL_DAY' }, startedOn: '2026-12-20', due: '2027-01-19' });
    const early = presentDeadline(intoNextYear, calendar, '2026-12-21');
    expect(early).toMatchObject({ remainingWorkingDays: null, overdue: false, overdueWorkingDays: 0 });
    expect(early.problem).toMatch(/outside the working-day calendar .* 2027/);
    expect(presentDeadline(intoNextYear, calendar, '2027-02-01')).toMatchObject({ remainingWorkingDays: null, overdue: true, overdueWorkingDays: 1 });
  });

  it('passes a stored problem through', () => {
    const problem = 'the calendar does not cover 2027';
    expect(presentDeadline(stored({ due: null, problem }), calendar, '2026-12-21')).toMatchObject({ due: null, problem, remainingWorkingDays: null });
  });
});

describe('presentDeadlines', () => {
  it('shapes the GraphQL CaseDeadlines, steps with their names and agency references', () => {
    const deadlines: StoredDeadlines = {
      legal: stored({ limit: { value: 20, unit: 'WORKING_DAY' }, due: '2026-03-17' }),
      promised: null,
      steps: [{ step: 'VERIFY', agency: '11610725MB0000000X', startedAt: '2026-02-12T10:00:00+08:00', deadline: stored({ due: '2026-02-26' }) }],
    };
    const presented = presentDeadlines(deadlines, calendar, '2026-02-26');
    expect(presented.promised).toBeNull();
    expect(presented.legal).toMatchObject({ limit: { value: 20, unit: 'WORKING_DAY' }, startedOn: '2026-02-12', due: '2026-03-17', calendarVersion: '2026-01' });
    expect(presented.steps).toEqual([
      {
        step: 'VERIFY',
        stepName: '审核',
        agency: { uscc: '11610725MB0000000X' },
        deadline: expect.objectContaining({ due: '2026-02-26', remainingWorkingDays: 0, overdue: false }),
      },
    ]);
  });

  it('answers empty deadlines for a case that has none yet', () => {
    expect(presentDeadlines(null, calendar, '2026-02-26')).toEqual({ legal: null, promised: null, steps: [] });
  });
});

describe('the work queue', () => {
  const deadlines = (promised: Partial<StoredDeadline> | null, legal: Partial<StoredDeadline> | null = {}): StoredDeadlines => ({
    legal: legal && stored({ due: '2026-03-20', ...legal }),
    promised: promised && stored(promised),
    steps: [],
  });

  it('ranks by the promised due date, else the legal one; none once finished or while unknown', () => {
    expect(queueDueOn(deadlines({ due: '2026-02-26' }))).toBe('2026-02-26');
    expect(queueDueOn(deadlines(null))).toBe('2026-03-20');
    expect(queueDueOn(deadlines({ due: null }))).toBeNull();
    expect(queueDueOn(deadlines({ finishedOn: '2026-02-20' }))).toBeNull();
    expect(queueDueOn(null)).toBeNull();
  });

  it('cuts off at the last date within n working days: a holiday after the n-th working day is still within', () => {
    // From Thu 02-12: Fri 02-13 (1), Sat 02-14 (2), then nothing until Tue 02-24 (3).
    expect(dueCutoff(calendar, '2026-02-12', 0)).toBe('2026-02-12');
    expect(dueCutoff(calendar, '2026-02-12', 1)).toBe('2026-02-13');
    expect(dueCutoff(calendar, '2026-02-12', 2)).toBe('2026-02-23');
    expect(dueCutoff(calendar, '2026-12-30', 5)).toBeNull(); // past the calendar: do not filter
    expect(() => dueCutoff(calendar, '2026-02-12', -1)).toThrow(RangeError);
  });

  it('selects exactly the due dates at most n working days away, overdue ones included', () => {
    const today = '2026-02-12';
    for (let n = 0; n <= 6; n++) {
      for (let offset = -10; offset <= 30; offset++) {
        const due = new Date(Date.UTC(2026, 1, 12 + offset)).toISOString().slice(0, 10);
        const expected = calendar.workingDaysBetween(today, due) <= n;
        expect({ n, due, within: dueWithin(deadlines({ due }), calendar, today, n) }).toEqual({ n, due, within: expected });
      }
    }
  });

  it('leaves out finished periods and those without a due date, and keeps everything the calendar cannot count', () => {
    expect(dueWithin(deadlines({ due: '2026-02-13', finishedOn: '2026-02-13' }), calendar, '2026-02-12', 5)).toBe(false);
    expect(dueWithin(deadlines({ due: null }), calendar, '2026-02-12', 5)).toBe(false);
    expect(dueWithin(null, calendar, '2026-02-12', 5)).toBe(false);
    expect(dueWithin(deadlines({ due: '2027-03-01' }), calendar, '2026-12-30', 1)).toBe(true);
  });
});
