import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../../lib/calendar/workingDays.ts';
import type { CaseFact } from '../observations/observation.ts';
import { RuleBook } from '../rules/resolve.ts';
import { evaluateClock, finishedLate, lastDayWithGrace, warningDay, type CalendarLookup } from './evaluateTime.ts';
import { caseFact, CODE, deadline, defaultBook, guide, HOUSING, observation, POLICE, record, ruleVersion } from './testSupport.ts';

const calendars: CalendarLookup = (version) => {
  if (version !== workingCalendar.version) throw new Error(`no calendar ${version}`);
  return workingCalendar;
};
const rules = defaultBook();
const view = (facts: CaseFact) => ({ caseNumber: facts.caseNumber, version: 3, facts, guide: guide() });
/** Promised due Monday 2026-11-30, legal due 2026-12-18. */
const accepted = caseFact(1, { deadlines: { promised: deadline('2026-11-30'), legal: deadline('2026-12-18'), steps: [] } });
const at = (today: string, facts = accepted, book = rules) => evaluateClock(view(facts), book, calendars, today);
const checks = (today: string, facts = accepted) => at(today, facts).alerts.map((alert) => `${alert.check}:${alert.occasion}`);

describe('counting on the calendar the due date used', () => {
  it('puts the yellow day on the last working day before due, across a weekend', () => {
    expect(warningDay(workingCalendar, '2026-11-30', 1)).toBe('2026-11-27');
    expect(warningDay(workingCalendar, '2026-11-30', 0)).toBe('2026-11-30');
  });

  it('skips a holiday week (国庆 2026-10-01 – 10-07) and counts a make-up working Saturday', () => {
    expect(warningDay(workingCalendar, '2026-10-08', 1)).toBe('2026-09-30');
    expect(warningDay(workingCalendar, '2026-10-08', 2)).toBe('2026-09-29');
    expect(warningDay(workingCalendar, '2026-10-12', 1)).toBe('2026-10-10');
  });

  it('extends the last on-time day by grace working days', () => {
    expect(lastDayWithGrace(workingCalendar, '2026-11-27', 0)).toBe('2026-11-27');
    expect(lastDayWithGrace(workingCalendar, '2026-11-27', 2)).toBe('2026-12-01');
  });
});

describe('the clock on a running case', () => {
  it('raises nothing before the yellow day and checks again on it', () => {
    expect(at('2026-11-25')).toEqual({ alerts: [], nextCheckOn: '2026-11-27' });
  });

  it('raises the yellow card on the yellow day and on the days up to due, then checks again the day after due', () => {
    const yellow = at('2026-11-27');
    expect(yellow.nextCheckOn).toBe('2026-12-01');
    expect(yellow.alerts).toHaveLength(1);
    expect(yellow.alerts[0]).toMatchObject({
      check: 'DEADLINE_APPROACHING',
      occasion: 'PROMISED:2026-11-30',
      caseNumber: accepted.caseNumber,
      message: '承诺办结期限 2026-11-30 前一个工作日',
      evidence: { caseVersion: 3, deadline: 'PROMISED', due: '2026-11-30', warningDay: '2026-11-27', workingDaysBefore: 1, calendarVersion: '2026-01' },
      observedAt: '2026-11-26T16:00:00.000Z',
    });
    expect(checks('2026-11-28')).toEqual(['DEADLINE_APPROACHING:PROMISED:2026-11-30']);
    expect(checks('2026-11-30')).toEqual(['DEADLINE_APPROACHING:PROMISED:2026-11-30']);
  });

  it('raises red from the day after the promised due date (no more yellow), then watches the legal one', () => {
    const red = at('2026-12-01');
    expect(red.alerts.map((alert) => alert.check)).toEqual(['DEADLINE_OVERRUN']);
    expect(red.alerts[0]).toMatchObject({ slot: 'PROMISED', occasion: 'PROMISED:2026-11-30', message: '已超过承诺办结期限 2026-11-30，仍未办结', evidence: { overdueFrom: '2026-12-01' } });
    expect(red.nextCheckOn).toBe('2026-12-19');
    expect(checks('2026-12-19')).toEqual(['DEADLINE_OVERRUN:PROMISED:2026-11-30', 'DEADLINE_OVERRUN:LEGAL:2026-12-18']);
    expect(at('2026-12-19').nextCheckOn).toBeNull();
  });

  it('follows the rule in force: two working days before for one guide, a grace period for another check', () => {
    const book = defaultBook([
      ruleVersion({ code: 'Y.HOTEL', check: 'DEADLINE_APPROACHING', parameters: { workingDaysBefore: 2 }, target: { kind: 'GUIDE', value: CODE } }),
      ruleVersion({ code: 'R.POLICE', check: 'DEADLINE_OVERRUN', parameters: { deadline: 'PROMISED', graceWorkingDays: 1 }, colour: 'RED', target: { kind: 'AGENCY', value: POLICE } }),
    ]);
    expect(at('2026-11-25', accepted, book).nextCheckOn).toBe('2026-11-26');
    expect(at('2026-11-26', accepted, book).alerts[0]?.message).toBe('承诺办结期限 2026-11-30 前二个工作日');
    expect(at('2026-12-01', accepted, book)).toEqual({ alerts: [], nextCheckOn: '2026-12-02' });
    expect(at('2026-12-02', accepted, book).alerts[0]?.message).toBe('已超过承诺办结期限 2026-11-30（宽限一个工作日），仍未办结');
  });

  it('watches the legal due date where the guide promises none, warning on the due day itself with 0 days before', () => {
    const legalOnly = caseFact(2, { deadlines: { promised: null, legal: deadline('2026-11-30'), steps: [] } });
    expect(checks('2026-11-27', legalOnly)).toEqual(['DEADLINE_APPROACHING:LEGAL:2026-11-30']);
    const zero = new RuleBook([ruleVersion({ code: 'Y.ZERO', check: 'DEADLINE_APPROACHING', parameters: { workingDaysBefore: 0 } })]);
    expect(at('2026-11-27', legalOnly, zero)).toEqual({ alerts: [], nextCheckOn: '2026-11-30' });
    expect(at('2026-11-30', legalOnly, zero).alerts[0]?.message).toBe('法定办结期限 2026-11-30 当日');
  });

  it('raises a step overrun about the step’s agency from the day after the step’s due date', () => {
    const joint = caseFact(3, {
      state: 'IN_PROCESS',
      participatingAgencies: [HOUSING],
      deadlines: {
        promised: deadline('2026-12-10'),
        legal: deadline('2026-12-18'),
        steps: [{ step: 'VERIFY', agency: HOUSING, startedAt: '2026-11-23T01:00:00.000Z', deadline: deadline('2026-11-25', { startedOn: '2026-11-23' }) }],
      },
    });
    expect(at('2026-11-25', joint).nextCheckOn).toBe('2026-11-26');
    const [alert] = at('2026-11-26', joint).alerts;
    expect(alert).toMatchObject({
      check: 'STEP_OVERRUN',
      occasion: 'VERIFY:2026-11-23T01:00:00.000Z',
      message: '已超过审核环节期限 2026-11-25，环节仍未完成',
      target: { agency: HOUSING, implementationCode: CODE },
      evidence: { step: 'VERIFY', stepAgency: HOUSING },
    });
    expect(at('2026-11-26', joint).nextCheckOn).toBe('2026-12-09');
  });

  it('has nothing to watch while a special procedure leaves due unknown, after the decision, or once the case is closed', () => {
    const suspended = caseFact(4, { state: 'SUSPENDED', deadlines: { promised: deadline(null), legal: deadline(null), steps: [] } });
    expect(at('2026-11-27', suspended)).toEqual({ alerts: [], nextCheckOn: null });
    const decidedFacts = caseFact(5, { state: 'DECIDED', deadlines: { promised: deadline('2026-11-30', { finishedOn: '2026-11-26' }), legal: deadline('2026-12-18', { finishedOn: '2026-11-26' }), steps: [] } });
    expect(at('2026-11-27', decidedFacts)).toEqual({ alerts: [], nextCheckOn: null });
    expect(at('2026-12-30', { ...accepted, state: 'WITHDRAWN' })).toEqual({ alerts: [], nextCheckOn: null });
    expect(at('2026-11-27', caseFact(6, { state: 'SUBMITTED', acceptedAt: null, deadlines: null }))).toEqual({ alerts: [], nextCheckOn: null });
  });

  it('looks again the next day when the calendar does not cover a date yet', () => {
    const nextYear = caseFact(7, { deadlines: { promised: deadline('2027-01-06'), legal: null, steps: [] } });
    expect(at('2026-12-28', nextYear)).toEqual({ alerts: [], nextCheckOn: '2026-12-29' });
  });

  it('does nothing for checks switched off', () => {
    expect(at('2026-12-19', accepted, new RuleBook([]))).toEqual({ alerts: [], nextCheckOn: null });
  });
});

describe('a record that ends a period late', () => {
  const late = caseFact(8, {
    state: 'DECIDED',
    decision: { decision: 'APPROVE', decidedAt: '2026-12-01T02:00:00.000Z' },
    deadlines: {
      promised: deadline('2026-11-30', { finishedOn: '2026-12-01' }),
      legal: deadline('2026-12-18', { finishedOn: '2026-12-01' }),
      steps: [{ step: 'REVIEW', agency: POLICE, startedAt: '2026-11-21T01:00:00.000Z', deadline: deadline('2026-11-24', { finishedOn: '2026-11-26' }) }],
    },
  });

  it('raises red at once, on the occasion the running overrun would have used, and the late step', () => {
    const alerts = finishedLate(observation(late, record(9, 'DECIDE', { occurredAt: '2026-12-01T02:00:00.000Z', decision: 'APPROVE' })), rules, calendars);
    expect(alerts.map((alert) => `${alert.check}:${alert.occasion}`)).toEqual(['DEADLINE_OVERRUN:PROMISED:2026-11-30', 'STEP_OVERRUN:REVIEW:2026-11-21T01:00:00.000Z']);
    expect(alerts[0]).toMatchObject({
      slot: 'PROMISED',
      message: '超过承诺办结期限 2026-11-30，于 2026-12-01 才办结',
      evidence: { caseVersion: 9, recordAction: 'DECIDE', due: '2026-11-30', finishedOn: '2026-12-01' },
      observedAt: '2026-12-01T02:00:00.000Z',
    });
    expect(alerts[1]?.message).toBe('超过审查环节期限 2026-11-24，于 2026-11-26 才完成');
  });

  it('raises nothing for periods finished on time or within grace', () => {
    const onTime = { ...late, deadlines: { promised: deadline('2026-11-30', { finishedOn: '2026-11-30' }), legal: null, steps: [] } };
    expect(finishedLate(observation(onTime, record(9, 'DECIDE')), rules, calendars)).toEqual([]);
    const graceful = defaultBook([ruleVersion({ code: 'R.GRACE', check: 'DEADLINE_OVERRUN', parameters: { deadline: 'PROMISED', graceWorkingDays: 1 }, target: { kind: 'GUIDE', value: CODE } })]);
    expect(finishedLate(observation({ ...late, deadlines: { ...late.deadlines!, steps: [] } }, record(9, 'DECIDE')), graceful, calendars)).toEqual([]);
  });
});
