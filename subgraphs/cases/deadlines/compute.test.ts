import { describe, expect, it } from 'vitest';
import { CALENDAR_DATA, type CalendarData } from '../../../lib/calendar/holidays.ts';
import { WorkingCalendar, workingCalendar as calendar } from '../../../lib/calendar/workingDays.ts';
import type { TimeLimit } from '../domain/processRecord.ts';
import { computeDeadlines } from './compute.ts';
import type { DeadlineFacts, DeadlineTerms } from './types.ts';

const WD = (value: number): TimeLimit => ({ value, unit: 'WORKING_DAY' });
const ND = (value: number): TimeLimit => ({ value, unit: 'NATURAL_DAY' });
/** A time on a China date. */
const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;

const noSteps: DeadlineTerms['steps'] = {};
function facts(overrides: Partial<DeadlineFacts>): DeadlineFacts {
  return { acceptedAt: null, finishedAt: null, suspensions: [], steps: [], ...overrides };
}

// The 2026 Spring Festival in lib/calendar/holidays.ts: 02-15 (Sun) – 02-23 (Mon) off, with the
// weekdays 02-16 – 02-20 and 02-23 given off and Sat 02-14 and Sat 02-28 made working days.
describe('deadlines across the 2026 Spring Festival', () => {
  const accepted = facts({ acceptedAt: at('2026-02-12') }); // Thursday

  it('counts the make-up Saturday and skips the holiday: 5 working days from Thu 02-12 are due Thu 02-26', () => {
    const { legal } = computeDeadlines({ legal: WD(5), promised: null, steps: noSteps }, accepted, calendar);
    // Fri 02-13 (1), Sat 02-14 make-up (2), holiday 02-15 – 02-23, Tue 02-24 (3), Wed (4), Thu 02-26 (5).
    expect(legal).toEqual({
      limit: WD(5),
      startedOn: '2026-02-12',
      due: '2026-02-26',
      countedDays: 5,
      suspendedDays: 0,
      calendarVersion: CALENDAR_DATA.version,
      excluded: [],
      finishedOn: null,
      problem: null,
    });
  });

  it('counts the second make-up Saturday 02-28: 10 working days from 02-12 are due Wed 03-04', () => {
    const { promised } = computeDeadlines({ legal: null, promised: WD(10), steps: noSteps }, accepted, calendar);
    // … 02-26 (5), Fri 02-27 (6), Sat 02-28 make-up (7), Mon 03-02 (8), Tue (9), Wed 03-04 (10).
    expect(promised?.due).toBe('2026-03-04');
  });

  it('counts natural days straight through the holiday and does not move a due date off a Sunday', () => {
    const { legal } = computeDeadlines({ legal: ND(10), promised: null, steps: noSteps }, accepted, calendar);
    expect(legal?.due).toBe('2026-02-22'); // a Sunday, inside the holiday
  });

  it('starts from the China date of acceptance, not the UTC one', () => {
    // 18:30 UTC on 02-12 is 02:30 on Friday 02-13 in Beijing.
    const { legal } = computeDeadlines({ legal: WD(1), promised: null, steps: noSteps }, facts({ acceptedAt: '2026-02-12T18:30:00Z' }), calendar);
    expect(legal).toMatchObject({ startedOn: '2026-02-13', due: '2026-02-14' });
  });
});

describe('special procedures and holds', () => {
  // Accepted Mon 2026-03-02; 10 working days are due Mon 03-16 without interruption.
  const terms: DeadlineTerms = { legal: WD(10), promised: null, steps: noSteps };
  const expertReview = { kind: 'EXPERT_REVIEW' as const, from: at('2026-03-04', '09:00'), to: at('2026-03-10', '17:00') };

  it('does not count the five working days of an expert review (art. 45)', () => {
    const { legal } = computeDeadlines(terms, facts({ acceptedAt: at('2026-03-02'), suspensions: [expertReview] }), calendar);
    // Tue 03-03 (1); Wed 03-04 – Tue 03-10 excluded (5 working days); 03-11 (2) … Mon 03-23 (10).
    expect(legal).toMatchObject({
      due: '2026-03-23',
      countedDays: 10,
      suspendedDays: 5,
      excluded: [{ kind: 'EXPERT_REVIEW', from: '2026-03-04', to: '2026-03-10' }],
    });
  });

  it('counts a hold (挂起): only the procedures of art. 45 stop the clock', () => {
    const hold = { ...expertReview, kind: 'HOLD' as const };
    const { legal } = computeDeadlines(terms, facts({ acceptedAt: at('2026-03-02'), suspensions: [hold] }), calendar);
    expect(legal).toMatchObject({ due: '2026-03-16', suspendedDays: 0, excluded: [] });
  });

  it('leaves the due date unknown while a special procedure runs, with the days used so far', () => {
    const running = { ...expertReview, to: null };
    const { legal } = computeDeadlines(terms, facts({ acceptedAt: at('2026-03-02'), suspensions: [running] }), calendar);
    expect(legal).toMatchObject({ due: null, countedDays: 1, problem: null, excluded: [{ kind: 'EXPERT_REVIEW', from: '2026-03-04', to: null }] });
  });

  it('takes a procedure still open when the case ended (voided while suspended) to end that day', () => {
    const running = { ...expertReview, to: null };
    const { legal } = computeDeadlines(
      terms,
      facts({ acceptedAt: at('2026-03-02'), finishedAt: at('2026-03-06'), suspensions: [running] }),
      calendar,
    );
    expect(legal).toMatchObject({ due: '2026-03-19', suspendedDays: 3, finishedOn: '2026-03-06' });
  });

  it('skips days shared by two procedures once', () => {
    const testing = { kind: 'TESTING' as const, from: at('2026-03-09'), to: at('2026-03-11') };
    const { legal } = computeDeadlines(terms, facts({ acceptedAt: at('2026-03-02'), suspensions: [expertReview, testing] }), calendar);
    // Excluded: 03-04 – 03-11, six working days.
    expect(legal).toMatchObject({ due: '2026-03-24', suspendedDays: 6 });
  });
});

describe('step deadlines', () => {
  const terms: DeadlineTerms = { legal: WD(20), promised: null, steps: { REVIEW: WD(3), VERIFY: WD(2) } };

  it('gives each step with a limit its own period from its start, with special procedures during it excluded', () => {
    const stored = computeDeadlines(
      terms,
      facts({
        acceptedAt: at('2026-03-02'),
        suspensions: [{ kind: 'APPRAISAL', from: at('2026-03-04'), to: at('2026-03-10') }],
        steps: [
          { step: 'REVIEW', agency: 'A', startedAt: at('2026-03-03', '09:00'), completedAt: at('2026-03-12') },
          { step: 'VERIFY', agency: 'A', startedAt: at('2026-03-12', '15:00'), completedAt: null },
          // No limit in the guide for DECIDE: no step deadline.
          { step: 'DECIDE', agency: 'A', startedAt: at('2026-03-13'), completedAt: null },
        ],
      }),
      calendar,
    );
    expect(stored.steps).toEqual([
      {
        step: 'REVIEW',
        agency: 'A',
        startedAt: at('2026-03-03', '09:00'),
        // 03-04 – 03-10 excluded; Wed 03-11 (1), Thu 03-12 (2), Fri 03-13 (3).
        deadline: expect.objectContaining({ startedOn: '2026-03-03', due: '2026-03-13', suspendedDays: 5, finishedOn: '2026-03-12' }),
      },
      {
        step: 'VERIFY',
        agency: 'A',
        startedAt: at('2026-03-12', '15:00'),
        // The appraisal ended before this step began.
        deadline: expect.objectContaining({ startedOn: '2026-03-12', due: '2026-03-16', suspendedDays: 0, excluded: [], finishedOn: null }),
      },
    ]);
  });

  it('does not charge a step with a procedure that began after it was completed, even the same day', () => {
    const stored = computeDeadlines(
      terms,
      facts({
        acceptedAt: at('2026-03-02'),
        suspensions: [{ kind: 'HEARING', from: at('2026-03-03', '15:00'), to: at('2026-03-06') }],
        steps: [{ step: 'REVIEW', agency: 'A', startedAt: at('2026-03-02', '11:00'), completedAt: at('2026-03-03', '10:00') }],
      }),
      calendar,
    );
    expect(stored.steps[0]!.deadline).toMatchObject({ due: '2026-03-05', excluded: [], finishedOn: '2026-03-03' });
    // The case-wide period is charged with it: 03-03 – 03-06 are not counted.
    expect(stored.legal).toMatchObject({ suspendedDays: 4 });
  });
});

describe('before acceptance and without limits', () => {
  it('has no case-wide deadlines before acceptance or where the guide states none', () => {
    expect(computeDeadlines({ legal: WD(20), promised: WD(5), steps: noSteps }, facts({}), calendar)).toEqual({ legal: null, promised: null, steps: [] });
    expect(computeDeadlines({ legal: null, promised: null, steps: noSteps }, facts({ acceptedAt: at('2026-03-02') }), calendar)).toEqual({
      legal: null,
      promised: null,
      steps: [],
    });
  });

  it('puts a limit of 0 (即办件) on the acceptance day', () => {
    const { promised } = computeDeadlines({ legal: null, promised: WD(0), steps: noSteps }, facts({ acceptedAt: at('2026-03-02') }), calendar);
    expect(promised?.due).toBe('2026-03-02');
  });

  it('refuses a timestamp without an offset, whose date would depend on the server', () => {
    expect(() => computeDeadlines({ legal: WD(1), promised: null, steps: noSteps }, facts({ acceptedAt: '2026-03-02T10:00:00' }), calendar)).toThrow(
      /acceptedAt must be an ISO 8601 timestamp with an offset/,
    );
  });
});

describe('dates outside the calendar', () => {
  it('stores the problem instead of throwing when a working-day period runs past the last year', () => {
    const { legal } = computeDeadlines({ legal: WD(20), promised: null, steps: noSteps }, facts({ acceptedAt: at('2026-12-20') }), calendar);
    expect(legal).toMatchObject({ due: null, calendarVersion: CALENDAR_DATA.version, startedOn: '2026-12-20' });
    expect(legal?.problem).toMatch(/2027-01-01 is outside the working-day calendar .* publish the State Council holiday notice for 2027/);
  });

  it('stores the problem for an acceptance before the first year', () => {
    const { legal } = computeDeadlines({ legal: WD(1), promised: null, steps: noSteps }, facts({ acceptedAt: at('2018-12-28') }), calendar);
    expect(legal).toMatchObject({ due: null });
    expect(legal?.problem).toMatch(/^2018-12-29 is outside/);
  });

  it('still counts natural days there: they need no holiday data', () => {
    const { legal } = computeDeadlines({ legal: ND(30), promised: null, steps: noSteps }, facts({ acceptedAt: at('2026-12-20') }), calendar);
    expect(legal).toMatchObject({ due: '2027-01-19', problem: null });
  });
});

describe('recomputing with a newer calendar', () => {
  // A corrected 2026 that also gives Tue 02-24 off.
  const corrected: CalendarData = {
    version: '2026-11-28.1',
    years: { ...CALENDAR_DATA.years, 2026: { ...CALENDAR_DATA.years[2026]!, offDays: [...CALENDAR_DATA.years[2026]!.offDays, '2026-02-24'] } },
  };
  const newer = new WorkingCalendar(corrected);
  const terms: DeadlineTerms = { legal: WD(5), promised: null, steps: noSteps };
  const accepted = facts({ acceptedAt: at('2026-02-12') });

  it('keeps a due date already computed, with its version, when its inputs are unchanged', () => {
    const first = computeDeadlines(terms, accepted, calendar);
    const again = computeDeadlines(terms, { ...accepted, finishedAt: at('2026-02-25') }, newer, first);
    expect(again.legal).toMatchObject({ due: '2026-02-26', calendarVersion: CALENDAR_DATA.version, finishedOn: '2026-02-25' });
  });

  it('computes on the newer calendar without a previous result, or once the inputs changed', () => {
    expect(computeDeadlines(terms, accepted, newer).legal).toMatchObject({ due: '2026-02-27', calendarVersion: '2026-11-28.1' });
    const first = computeDeadlines(terms, accepted, calendar);
    const suspended = { ...accepted, suspensions: [{ kind: 'TESTING' as const, from: at('2026-02-13'), to: at('2026-02-13') }] };
    expect(computeDeadlines(terms, suspended, newer, first).legal).toMatchObject({ due: '2026-02-28', calendarVersion: '2026-11-28.1' });
  });

  it('recomputes a period that had a problem once the calendar covers it', () => {
    const withProblem = computeDeadlines(terms, facts({ acceptedAt: at('2026-12-30') }), calendar);
    expect(withProblem.legal?.problem).not.toBeNull();
    const extended = new WorkingCalendar({
      version: '2026-11-28.2',
      years: { ...CALENDAR_DATA.years, 2027: { notice: 'test', offDays: ['2027-01-01'], workDays: [] } },
    });
    // Thu 12-31 (1), Fri 01-01 off, Mon 01-04 (2) … Thu 01-07 (5).
    expect(computeDeadlines(terms, facts({ acceptedAt: at('2026-12-30') }), extended, withProblem).legal).toMatchObject({
      due: '2027-01-07',
      calendarVersion: '2026-11-28.2',
      problem: null,
    });
  });
});
