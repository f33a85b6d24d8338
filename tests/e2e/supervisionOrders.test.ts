import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workingCalendar } from '../../lib/calendar/workingDays.ts';
import { chinaDate } from '../../lib/time.ts';
import { HOTEL_GUIDE, POLICE } from '../support/applications.ts';
import { ACCEPT, movableClock, ok, PRE_REVIEW, refusal as refused, sendTo, submitHotelCase, work } from '../support/caseWork.ts';
import { startStack, type Stack } from '../support/stack.ts';

/**
 * 督办 as the issue's "tried as a new user would" describes it, through the gateway: 李军's hotel
 * license application is accepted by the police window; auditor 何静 orders the police to answer on
 * it, auditor 赵磊 reviews the order (何静 may not review her own), the police sign it and answer,
 * and 何静 closes it with the result. Refusals change nothing. An order the police leave unanswered
 * past its due day raises SUPERVISION_OVERDUE when the supervision clock, moved rather than slept
 * on, runs.
 */
const ORDER_FIELDS = `id number supervisingOffice agency { uscc } itemName itemCode caseNumber subject initiatedBy initiatedAt dueOn closedAt
  state stateName result overdue version steps { action actionName fromState toState handlerId handlerName opinion at }`;
const INITIATE = /* GraphQL */ `mutation Initiate($input: SupervisionOrderInput!) { initiateSupervisionOrder(input: $input) { ${ORDER_FIELDS} } }`;
const ACT_ON_ORDER = /* GraphQL */ `
  mutation ActOnOrder($id: ID!, $action: SupervisionOrderAction!, $input: SupervisionOrderActionInput!) {
    actOnSupervisionOrder(id: $id, action: $action, input: $input) { ${ORDER_FIELDS} }
  }
`;
const ORDER = /* GraphQL */ `query Order($id: ID!) { supervisionOrder(id: $id) { ${ORDER_FIELDS} } }`;
const CASE_ORDERS = /* GraphQL */ `
  query CaseOrders($caseNumber: ID!) {
    case(caseNumber: $caseNumber) { caseNumber supervisionOrders { id state } history { kind title reference } }
  }
`;
const ALERTS = /* GraphQL */ `
  query Alerts($filter: AlertFilter) { alerts(filter: $filter, first: 100) { edges { node { id check colour message agency { uscc } caseNumber evidence } } } }
`;

/** The supervision clock, which the test moves ahead of the real time. */
const clock = movableClock();
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ supervisionNow: clock.now });
}, 120_000);
afterAll(async () => stack?.close());

/** A refusal, which leaves the order as it was: the mutation answers nothing. */
const refusal = (response: { body: any }) => {
  const extensions = refused(response);
  expect(response.body.data?.actOnSupervisionOrder ?? null).toBeNull();
  return extensions;
};

/** 李军 applies; the police window accepts. */
async function acceptedCase(clientRequestId: string): Promise<string> {
  const caseNumber = await submitHotelCase(sendTo(stack), clientRequestId);
  await work(sendTo(stack), { caseNumber, version: 1 }, PRE_REVIEW, ACCEPT);
  // Supervision learns of the case from the cases subgraph's outbox.
  await stack.cases.outbox.drain();
  return caseNumber;
}

const initiate = (input: Record<string, unknown>, as = 'auditor-hejing') => stack.graphql(INITIATE, { input }, { as });
const act = (order: { id: string; version: number }, action: string, input: Record<string, unknown>, as: string) =>
  stack.graphql(ACT_ON_ORDER, { id: order.id, action, input: { expectedVersion: order.version, ...input } }, { as });

describe('a supervision order from initiation to closing', () => {
  let caseNumber: string;
  let order: any;

  beforeAll(async () => {
    caseNumber = await acceptedCase('supervision-order-e2e');
  }, 60_000);

  it('is initiated by an auditor on a case, with the fields of the electronic supervision order', async () => {
    order = ok(await initiate({ caseNumber, subject: '承诺期限将至仍未进入审查环节', answerWithinWorkingDays: 3 })).initiateSupervisionOrder;
    const today = chinaDate(new Date());
    expect(order).toMatchObject({
      number: expect.stringMatching(new RegExp(`^DB${today.replaceAll('-', '')}\\d{4}$`)),
      supervisingOffice: '勉县监察局',
      agency: { uscc: POLICE },
      itemName: '旅馆业特种行业许可证核发',
      itemCode: HOTEL_GUIDE,
      caseNumber,
      initiatedBy: 'dev-auditor-01',
      dueOn: workingCalendar.addWorkingDays(today, 3),
      closedAt: null,
      state: 'INITIATED',
      stateName: '已发起',
      result: null,
      overdue: false,
      version: 1,
    });
    expect(order.steps).toEqual([expect.objectContaining({ action: 'INITIATE', toState: 'INITIATED', handlerName: '何静', opinion: '承诺期限将至仍未进入审查环节' })]);
  });

  it('is not reviewed by the auditor who initiated it', async () => {
    expect(refusal(await act(order, 'APPROVE', {}, 'auditor-hejing'))).toMatchObject({ code: 'FORBIDDEN', reason: expect.stringContaining('four eyes') });
  });

  it('refuses closing before the answer, and that changes nothing', async () => {
    expect(refusal(await act(order, 'CLOSE', { result: '已办结' }, 'auditor-hejing'))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      reason: 'CLOSE is not allowed from INITIATED: the order has not been reviewed yet',
    });
    expect(ok(await stack.graphql(ORDER, { id: order.id }, { as: 'auditor-hejing' })).supervisionOrder).toEqual(order);
  });

  it('is reviewed by a second auditor and signed by the agency ordered, not by another agency', async () => {
    order = ok(await act(order, 'APPROVE', { opinion: '同意督办' }, 'auditor-zhaolei')).actOnSupervisionOrder;
    expect(order).toMatchObject({ state: 'REVIEWED', version: 2 });
    expect(refusal(await act(order, 'SIGN', {}, 'housing-sunli'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(await act({ ...order, version: 1 }, 'SIGN', {}, 'police-zhangwei'))).toMatchObject({ code: 'VERSION_CONFLICT' });
    order = ok(await act(order, 'SIGN', {}, 'police-zhangwei')).actOnSupervisionOrder;
    expect(order).toMatchObject({ state: 'SIGNED', stateName: '已签收' });
  });

  it('is answered by the agency with its feedback and closed by the auditor with the result', async () => {
    expect(refusal(await act(order, 'ANSWER', {}, 'police-zhangwei'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.opinion' });
    order = ok(await act(order, 'ANSWER', { opinion: '已进入审查环节，将按期办结' }, 'police-zhangwei')).actOnSupervisionOrder;
    order = ok(await act(order, 'CLOSE', { result: '已督促整改到位' }, 'auditor-hejing')).actOnSupervisionOrder;
    expect(order).toMatchObject({ state: 'CLOSED', stateName: '已办结', result: '已督促整改到位', overdue: false, version: 5 });
    expect(order.closedAt).not.toBeNull();
    expect(order.steps.map((step: any) => [step.action, step.actionName, step.toState, step.handlerName, step.opinion])).toEqual([
      ['INITIATE', '发起督办', 'INITIATED', '何静', '承诺期限将至仍未进入审查环节'],
      ['APPROVE', '审核通过', 'REVIEWED', '赵磊', '同意督办'],
      ['SIGN', '签收', 'SIGNED', '张伟', null],
      ['ANSWER', '反馈', 'ANSWERED', '张伟', '已进入审查环节，将按期办结'],
      ['CLOSE', '办结', 'CLOSED', '何静', '已督促整改到位'],
    ]);
  });

  it('shows on the case for the auditor and the agency, with its steps in the history, and not for the applicant', async () => {
    const forAuditor = ok(await stack.graphql(CASE_ORDERS, { caseNumber }, { as: 'auditor-hejing' })).case;
    expect(forAuditor.supervisionOrders).toEqual([{ id: order.id, state: 'CLOSED' }]);
    expect(forAuditor.history.filter((entry: any) => entry.kind === 'SUPERVISION_ORDER').map((entry: any) => entry.title)).toEqual([
      `督办 ${order.number} · 发起督办 · 何静`,
      `督办 ${order.number} · 审核通过 · 赵磊`,
      `督办 ${order.number} · 签收 · 张伟`,
      `督办 ${order.number} · 反馈 · 张伟`,
      `督办 ${order.number} · 办结 · 何静`,
    ]);
    expect(ok(await stack.graphql(CASE_ORDERS, { caseNumber }, { as: 'police-zhangwei' })).case.supervisionOrders).toEqual([{ id: order.id, state: 'CLOSED' }]);
    const forApplicant = ok(await stack.graphql(CASE_ORDERS, { caseNumber }, { as: 'lijun' })).case;
    expect(forApplicant.supervisionOrders).toEqual([]);
    expect(forApplicant.history.some((entry: any) => entry.kind === 'SUPERVISION_ORDER')).toBe(false);
  });
});

describe('an order left unanswered', () => {
  it('raises a SUPERVISION_OVERDUE alert once the clock passes its due day', async () => {
    const caseNumber = await acceptedCase('supervision-order-e2e-overdue');
    let order = ok(await initiate({ caseNumber, subject: '请说明未按期审查原因', answerWithinWorkingDays: 1 })).initiateSupervisionOrder;
    order = ok(await act(order, 'APPROVE', {}, 'auditor-zhaolei')).actOnSupervisionOrder;
    order = ok(await act(order, 'SIGN', {}, 'police-zhangwei')).actOnSupervisionOrder;
    const overdueAlerts = async () =>
      ok(await stack.graphql(ALERTS, { filter: { caseNumber } }, { as: 'auditor-hejing' })).alerts.edges.map((edge: any) => edge.node).filter((alert: any) => alert.check === 'SUPERVISION_OVERDUE');

    await stack.supervision.clock.run();
    expect(await overdueAlerts()).toEqual([]);

    // The day after the due day, in China.
    const dayAfter = Date.parse(`${order.dueOn}T00:00:00+08:00`) + 86_400_000;
    clock.moveTo(dayAfter + 3_600_000);
    const run = await stack.supervision.clock.run();
    expect(run.raised).toBeGreaterThanOrEqual(1);
    const alerts = await overdueAlerts();
    expect(alerts).toEqual([
      expect.objectContaining({ check: 'SUPERVISION_OVERDUE', colour: 'RED', agency: { uscc: POLICE }, caseNumber, evidence: expect.objectContaining({ orderNumber: order.number, dueOn: order.dueOn }) }),
    ]);
    expect(alerts[0].message).toContain(order.number);
    expect(ok(await stack.graphql(ORDER, { id: order.id }, { as: 'police-zhangwei' })).supervisionOrder.overdue).toBe(true);

    // Raised once: the next run does not raise it again.
    await stack.supervision.clock.run();
    expect(await overdueAlerts()).toHaveLength(1);
  }, 60_000);
});
