import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workingCalendar } from '../../lib/calendar/workingDays.ts';
import { warningDay } from '../../subgraphs/supervision/alerts/evaluateTime.ts';
import { findUserByUsername } from '../../seeds/identity/principals.ts';
import { POLICE } from '../support/applications.ts';
import { ok as answered, sendTo, submitHotelCase } from '../support/caseWork.ts';
import { startStack, type Stack } from '../support/stack.ts';

/**
 * 电子监察 as a new user meets it, through the gateway: a hotel licence case is accepted by the police
 * window and then left alone. Supervision's clock is moved (never slept on): on the yellow day the
 * auditor sees a yellow card on the case and in the alert list, past the promised due date a red
 * one, and running the clock again changes nothing. An auditor then gives the red rule a grace
 * working day; the next evaluation follows the new version and the alert names it.
 */

const ACT = /* GraphQL */ `
  mutation Act($caseNumber: ID!, $action: CaseAction!, $input: CaseActionInput!) {
    actOnCase(caseNumber: $caseNumber, action: $action, input: $input) {
      case { state version deadlines { promised { due calendarVersion } legal { due } } }
    }
  }
`;
const CASE_ALERTS = /* GraphQL */ `
  query CaseAlerts($n: ID!) {
    case(caseNumber: $n) {
      caseNumber
      alerts { id colour ruleCode ruleVersion check message state evidence agency { uscc } rule { code version parameters } }
    }
  }
`;
const ALERTS = /* GraphQL */ `
  query Alerts($filter: AlertFilter) {
    alerts(filter: $filter) { totalCount edges { node { id caseNumber colour ruleCode message region agency { uscc } case { caseNumber } } } }
  }
`;
const UPDATE_RULE = /* GraphQL */ `
  mutation Update($code: ID!, $input: RuleInput!, $expectedVersion: Int!, $reason: String!) {
    updateSupervisionRule(code: $code, input: $input, expectedVersion: $expectedVersion, reason: $reason) { code version parameters author }
  }
`;
const RUN = /* GraphQL */ `mutation { runSupervisionClock { asOf examined raised } }`;

const AUDITOR = 'auditor-hejing';
const chinaTen = (day: string) => new Date(`${day}T10:00:00+08:00`);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

let stack: Stack;
let fakeNow = new Date();

beforeAll(async () => {
  stack = await startStack({ supervisionNow: () => fakeNow });
}, 180_000);
afterAll(async () => stack?.close());

async function ok(query: string, variables: Record<string, unknown>, as: string) {
  return answered(await stack.graphql(query, variables, { as }));
}

describe('a case left alone after acceptance', () => {
  let caseNumber: string;
  let due: string;

  it('is accepted by the police window and watched by supervision from then on', async () => {
    caseNumber = await submitHotelCase(sendTo(stack), 'supervision-e2e-1');
    const preReviewed = await ok(ACT, { caseNumber, action: 'PRE_REVIEW', input: { expectedVersion: 1 } }, 'police-zhangwei');
    const accepted = await ok(ACT, { caseNumber, action: 'ACCEPT', input: { expectedVersion: preReviewed.actOnCase.case.version, opinion: '材料齐全，予以受理' } }, 'police-zhangwei');
    due = accepted.actOnCase.case.deadlines.promised.due;
    expect(accepted.actOnCase.case.deadlines.promised.calendarVersion).toBe(workingCalendar.version);
    await stack.cases.outbox.drain();
    const data = await ok(CASE_ALERTS, { n: caseNumber }, AUDITOR);
    expect(data.case.alerts).toEqual([]);
  });

  it('shows a yellow card on the yellow day, on the case and in the auditor’s list', async () => {
    const yellowDay = warningDay(workingCalendar, due, 1);
    fakeNow = chinaTen(yellowDay);
    const run = await stack.supervision.clock.run();
    expect(run).toMatchObject({ asOf: yellowDay, raised: 1 });
    expect(run.examined).toBeGreaterThanOrEqual(1);

    const { case: found } = await ok(CASE_ALERTS, { n: caseNumber }, AUDITOR);
    expect(found.alerts).toHaveLength(1);
    expect(found.alerts[0]).toMatchObject({
      colour: 'YELLOW',
      check: 'DEADLINE_APPROACHING',
      ruleCode: 'TIMELINESS.PROMISED_YELLOW',
      ruleVersion: 1,
      state: 'OPEN',
      message: `承诺办结期限 ${due} 前一个工作日：黄牌预警`,
      agency: { uscc: POLICE },
      rule: { code: 'TIMELINESS.PROMISED_YELLOW', version: 1, parameters: { workingDaysBefore: 1 } },
      evidence: { due, calendarVersion: workingCalendar.version, deadline: 'PROMISED' },
    });

    const list = await ok(ALERTS, { filter: { colour: 'YELLOW', agency: POLICE } }, AUDITOR);
    expect(list.alerts.edges.map((edge: { node: { caseNumber: string } }) => edge.node.caseNumber)).toContain(caseNumber);
    expect(list.alerts.edges[0].node).toMatchObject({ region: '610725', agency: { uscc: POLICE }, case: { caseNumber } });
    // The agency's staff see their own alert too.
    const staff = await ok(ALERTS, { filter: { colour: 'YELLOW' } }, 'police-zhangwei');
    expect(staff.alerts.totalCount).toBe(list.alerts.totalCount);
  });

  it('turns red the day after an unchanged grace-less due date, once however often the clock runs', async () => {
    fakeNow = chinaTen(nextDay(due));
    expect(await stack.supervision.clock.run()).toMatchObject({ raised: 1 });
    expect(await stack.supervision.clock.run()).toMatchObject({ examined: 0, raised: 0 });
    const again = await ok(RUN, {}, AUDITOR);
    expect(again.runSupervisionClock).toMatchObject({ asOf: nextDay(due), raised: 0 });
    const { case: found } = await ok(CASE_ALERTS, { n: caseNumber }, AUDITOR);
    expect(found.alerts.map((alert: { colour: string; ruleCode: string }) => [alert.colour, alert.ruleCode])).toEqual([
      ['YELLOW', 'TIMELINESS.PROMISED_YELLOW'],
      ['RED', 'TIMELINESS.PROMISED_RED'],
    ]);
    expect(found.alerts[1].message).toBe(`已超过承诺办结期限 ${due}，仍未办结：红牌警告`);
  });
});

describe('an auditor’s rule change', () => {
  let caseNumber: string;
  let due: string;

  it('applies at the next evaluation, and the alert names the new version', async () => {
    fakeNow = new Date();
    caseNumber = await submitHotelCase(sendTo(stack), 'supervision-e2e-2');
    const accepted = await ok(ACT, { caseNumber, action: 'ACCEPT', input: { expectedVersion: 1, opinion: '材料齐全，当场受理' } }, 'police-zhangwei');
    due = accepted.actOnCase.case.deadlines.promised.due;
    await stack.cases.outbox.drain();

    // A staff member may not change what is watched; the auditor gives the red card one working day of grace.
    const input = { type: 'TIMELINESS', check: 'DEADLINE_OVERRUN', description: '超过承诺办结期限一个工作日仍未办结，红牌警告', parameters: { deadline: 'PROMISED', graceWorkingDays: 1 }, colour: 'RED', target: { kind: 'ALL' }, enabled: true };
    const refused = await stack.graphql(UPDATE_RULE, { code: 'TIMELINESS.PROMISED_RED', input, expectedVersion: 1, reason: '给予一个工作日宽限' }, { as: 'police-zhangwei' });
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const updated = await ok(UPDATE_RULE, { code: 'TIMELINESS.PROMISED_RED', input, expectedVersion: 1, reason: '给予一个工作日宽限' }, AUDITOR);
    expect(updated.updateSupervisionRule).toMatchObject({ version: 2, parameters: { graceWorkingDays: 1 }, author: findUserByUsername(AUDITOR)!.subject });
    const stale = await stack.graphql(UPDATE_RULE, { code: 'TIMELINESS.PROMISED_RED', input, expectedVersion: 1, reason: '重复提交' }, { as: AUDITOR });
    expect(stale.body.errors[0].extensions.code).toBe('VERSION_CONFLICT');

    // The day after due is within the grace: no red card yet.
    fakeNow = chinaTen(nextDay(due));
    await stack.supervision.clock.run();
    const before = await ok(CASE_ALERTS, { n: caseNumber }, AUDITOR);
    expect(before.case.alerts.filter((alert: { colour: string }) => alert.colour === 'RED')).toEqual([]);

    // The day after the grace working day it is red, under version 2.
    const lastOnTime = workingCalendar.addWorkingDays(due, 1);
    fakeNow = chinaTen(nextDay(lastOnTime));
    expect(await stack.supervision.clock.run()).toMatchObject({ raised: 1 });
    const after = await ok(CASE_ALERTS, { n: caseNumber }, AUDITOR);
    const red = after.case.alerts.find((alert: { colour: string }) => alert.colour === 'RED');
    expect(red).toMatchObject({
      ruleCode: 'TIMELINESS.PROMISED_RED',
      ruleVersion: 2,
      rule: { version: 2, parameters: { deadline: 'PROMISED', graceWorkingDays: 1 } },
      message: `已超过承诺办结期限 ${due}（宽限一个工作日），仍未办结：红牌警告`,
    });
  });

  it('gives the applicant an empty list of alerts on their own case', async () => {
    const data = await ok(CASE_ALERTS, { n: caseNumber }, 'lijun');
    expect(data.case.alerts).toEqual([]);
  });
});
