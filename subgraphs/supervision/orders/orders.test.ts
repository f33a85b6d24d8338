import { beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../alerts/raise.ts';
import type { AlertInput } from '../alerts/types.ts';
import { BUNDLED_CALENDAR } from '../datasources/calendar.ts';
import { SupervisionOrder } from '../resolvers/SupervisionOrder.ts';
import { actOnSupervisionOrder } from './act.ts';
import { caseOrderFields, orderQueries } from './fields.ts';
import { orderStepsOfCases } from './history.ts';
import { initiateOrder } from './initiate.ts';
import type { OrderModel } from './model.ts';
import { nextNumber } from '../workflow/numbers.ts';
import { orderOverdue, overdueOrders } from './overdue.ts';
import {
  CODE,
  GUIDE_NAME,
  HEJING,
  HOUSING,
  LIJUN,
  MONDAY,
  POLICE,
  SUNLI,
  ZHANGWEI,
  ZHAOLEI,
  caseFacts,
  caseNumber,
  counts,
  overdueRunContext,
  refusal,
  resolve,
  supervisionTestBed,
} from '../testSupport.ts';

const test = supervisionTestBed([caseFacts(1, LIJUN.idNumber!), caseFacts(2, LIJUN.idNumber!)], MONDAY, HEJING);
const { sources, clock, as } = test;

const initiate = (input: Record<string, unknown> = {}, principal = HEJING) =>
  initiateOrder(as(principal), { caseNumber: caseNumber(1), subject: '承诺期限将至仍未审查', answerWithinWorkingDays: 3, ...input });

async function move(order: OrderModel, action: Parameters<typeof actOnSupervisionOrder>[2], principal: typeof HEJING, input: Record<string, unknown> = {}) {
  return actOnSupervisionOrder(as(principal), order.id, action, { expectedVersion: order.version, ...input });
}

describe('order numbers', () => {
  it('hands out one number per order, consecutive within a China day, restarting the next day', async () => {
    const at = new Date('2026-06-01T03:00:00Z');
    const numbers = await Promise.all(Array.from({ length: 20 }, () => test.store.transaction((tx) => nextNumber(tx, 'DB', at))));
    expect(new Set(numbers).size).toBe(20);
    expect([...numbers].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `DB20260601${String(i + 1).padStart(4, '0')}`));
    // 16:30 UTC is 00:30 on 2 June in Beijing: the next day's numbers.
    expect(await test.store.transaction((tx) => nextNumber(tx, 'DB', new Date('2026-06-01T16:30:00Z')))).toBe('DB202606020001');
    expect(await test.store.transaction((tx) => nextNumber(tx, 'TS', at))).toBe('TS202606010001');
  });

  it('gives a rolled-back order’s number to the next one', async () => {
    const at = new Date('2026-07-01T03:00:00Z');
    await expect(
      test.store.transaction(async (tx) => {
        await nextNumber(tx, 'DB', at);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await test.store.transaction((tx) => nextNumber(tx, 'DB', at))).toBe('DB202607010001');
  });
});

describe('initiating an order (发起督办)', () => {
  it('stores the fields of seed 001 §6(7) with the due day counted in working days', async () => {
    const order = await initiate({ answerWithinWorkingDays: 5 });
    expect(order).toMatchObject({
      number: 'DB202603020001',
      supervisingOffice: '勉县监察局',
      agency: POLICE,
      region: '610725',
      itemName: GUIDE_NAME,
      itemCode: CODE,
      itemType: 'LICENSE',
      caseNumber: caseNumber(1),
      alertId: null,
      initiatedBy: HEJING.subject,
      initiatedByName: '何静',
      initiatedAt: MONDAY,
      // Five working days after Monday 2 March: Monday 9 March.
      dueOn: '2026-03-09',
      calendarVersion: (await BUNDLED_CALENDAR.current()).version,
      state: 'INITIATED',
      closedAt: null,
      result: null,
      version: 1,
    });
    expect(await resolve(orderQueries.supervisionOrder, {}, { id: order.id }, as())).toEqual(order);
    const steps = await as().loaders.supervisionOrderSteps.load(order.id);
    expect(steps).toEqual([
      { action: 'INITIATE', actionName: '发起督办', fromState: null, toState: 'INITIATED', handlerId: HEJING.subject, handlerName: '何静', opinion: '承诺期限将至仍未审查', at: MONDAY },
    ]);
  });

  it('takes the supervising office given, and the case from supervision’s own projection when it has one', async () => {
    await test.store.query(
      `INSERT INTO supervised_case (case_number, agency, region, implementation_code, item_type, kind, state, channel, applicant_id_type,
         applicant_id_number, submitted_at, version, facts, guide, updated_at)
       VALUES ($1, $2, '610725', $3, 'LICENSE', 'PROMISED', 'ACCEPTED', 'ONLINE', 'CITIZEN_ID', $4, now(), 2, '{}'::jsonb, $5::jsonb, now())`,
      [caseNumber(7), POLICE, CODE, LIJUN.idNumber, JSON.stringify({ name: GUIDE_NAME })],
    );
    const before = sources.calls.caseFacts;
    const order = await initiate({ caseNumber: caseNumber(7), supervisingOffice: ' 汉中市监察局 ' });
    expect(sources.calls.caseFacts).toBe(before);
    expect(order).toMatchObject({ supervisingOffice: '汉中市监察局', caseNumber: caseNumber(7), agency: POLICE, itemName: GUIDE_NAME });
  });

  it('takes the case, agency and item from the alert it is initiated on', async () => {
    const alert = await test.store.transaction((tx) =>
      raiseAlert(
        tx,
        {
          check: 'DEADLINE_OVERRUN',
          slot: 'PROMISED',
          target: { agency: POLICE, region: '610725', implementationCode: CODE, itemType: 'LICENSE' },
          caseNumber: caseNumber(2),
          subject: null,
          occasion: 'PROMISED:2026-02-27',
          message: '超过承诺办结期限',
          evidence: {},
          observedAt: MONDAY,
        },
        new Date(MONDAY),
      ),
    );
    expect(alert.id).not.toBeNull();
    const order = await initiate({ caseNumber: null, alertId: alert.id });
    expect(order).toMatchObject({ alertId: alert.id, caseNumber: caseNumber(2), agency: POLICE, itemCode: CODE, itemName: GUIDE_NAME, itemType: 'LICENSE' });
    expect(await resolve(SupervisionOrder.alert, order, {}, as())).toMatchObject({ id: alert.id, caseNumber: caseNumber(2), check: 'DEADLINE_OVERRUN' });
    expect(await resolve(SupervisionOrder.alert, await initiate(), {}, as())).toBeNull();
  });

  it.each([
    ['staff', ZHANGWEI, {}, { code: 'FORBIDDEN' }],
    ['a citizen', LIJUN, {}, { code: 'FORBIDDEN' }],
    ['an unknown case', HEJING, { caseNumber: caseNumber(99) }, { code: 'BAD_USER_INPUT', field: 'input.caseNumber' }],
    ['a malformed case number', HEJING, { caseNumber: 'X' }, { code: 'BAD_USER_INPUT', field: 'input.caseNumber' }],
    ['neither a case nor an alert', HEJING, { caseNumber: null }, { code: 'BAD_USER_INPUT', field: 'input.caseNumber' }],
    ['both a case and an alert', HEJING, { alertId: 'a-1' }, { code: 'BAD_USER_INPUT', field: 'input.alertId' }],
    ['an unknown alert', HEJING, { caseNumber: null, alertId: 'no-such-alert' }, { code: 'BAD_USER_INPUT', field: 'input.alertId' }],
    ['0 working days', HEJING, { answerWithinWorkingDays: 0 }, { code: 'BAD_USER_INPUT', field: 'input.answerWithinWorkingDays' }],
    ['61 working days', HEJING, { answerWithinWorkingDays: 61 }, { code: 'BAD_USER_INPUT', field: 'input.answerWithinWorkingDays' }],
    ['a blank subject', HEJING, { subject: '  ' }, { code: 'BAD_USER_INPUT', field: 'input.subject' }],
    ['a subject of 2001 characters', HEJING, { subject: '慢'.repeat(2001) }, { code: 'BAD_USER_INPUT', field: 'input.subject' }],
    ['an office of 101 characters', HEJING, { supervisingOffice: '局'.repeat(101) }, { code: 'BAD_USER_INPUT', field: 'input.supervisingOffice' }],
  ])('refuses %s and stores nothing', async (_name, principal, input, expected) => {
    const before = await counts(test.store);
    expect(await refusal(initiate(input, principal))).toMatchObject(expected);
    expect(await counts(test.store)).toEqual(before);
  });

  it('counts weekdays past the published holidays instead of refusing (a due day is never refused for a calendar gap)', async () => {
    // Mon 2026-12-28 + 10 working days: 12-29, 12-30, 12-31 (2026's calendar), then 2027's weekdays 01-01 … 01-11.
    clock.set('2026-12-28T02:00:00.000Z');
    expect((await initiate({ answerWithinWorkingDays: 10 })).dueOn).toBe('2027-01-11');
  });
});

describe('moving an order through review, signature, feedback and closing', () => {
  it('goes 发起 → 审核 → 签收 → 反馈 → 办结 with every step kept', async () => {
    let order = await initiate({ caseNumber: caseNumber(2) });
    order = await move(order, 'APPROVE', ZHAOLEI, { opinion: '同意督办' });
    order = await move(order, 'SIGN', ZHANGWEI);
    clock.set('2026-03-03T03:00:00.000Z');
    order = await move(order, 'ANSWER', ZHANGWEI, { opinion: '已完成审查' });
    order = await move(order, 'RETURN', HEJING, { opinion: '请说明整改措施' });
    order = await move(order, 'ANSWER', ZHANGWEI, { opinion: '已完成审查并建立台账' });
    clock.set('2026-03-04T03:00:00.000Z');
    order = await move(order, 'CLOSE', HEJING, { result: '已整改到位' });
    expect(order).toMatchObject({ state: 'CLOSED', result: '已整改到位', closedAt: '2026-03-04T03:00:00.000Z', answeredAt: '2026-03-03T03:00:00.000Z', version: 7 });
    const [stored] = await resolve<{ filter: unknown; first: number }, OrderModel[]>(orderQueries.supervisionOrders, {}, { filter: { caseNumber: caseNumber(2), states: ['CLOSED'] }, first: 20 }, as());
    expect(stored).toEqual(order);
    const steps = await as().loaders.supervisionOrderSteps.load(order.id);
    expect(steps.map((step) => [step.action, step.toState, step.handlerId, step.opinion])).toEqual([
      ['INITIATE', 'INITIATED', HEJING.subject, '承诺期限将至仍未审查'],
      ['APPROVE', 'REVIEWED', ZHAOLEI.subject, '同意督办'],
      ['SIGN', 'SIGNED', ZHANGWEI.subject, null],
      ['ANSWER', 'ANSWERED', ZHANGWEI.subject, '已完成审查'],
      ['RETURN', 'SIGNED', HEJING.subject, '请说明整改措施'],
      ['ANSWER', 'ANSWERED', ZHANGWEI.subject, '已完成审查并建立台账'],
      ['CLOSE', 'CLOSED', HEJING.subject, '已整改到位'],
    ]);
    expect(orderOverdue(order, '2026-03-20')).toBe(false);
    const { rows } = await test.store.query<{ fields: string[] }>("SELECT fields FROM access_log WHERE resource_type = 'supervision_order' AND resource_id = $1 ORDER BY sequence", [order.id]);
    expect(rows.map((row) => row.fields[0])).toEqual(['action:INITIATE', 'action:APPROVE', 'action:SIGN', 'action:ANSWER', 'action:RETURN', 'action:ANSWER', 'action:CLOSE']);
  });

  it('refuses the initiator’s review, another agency’s signature, an illegal move and a stale version, changing nothing', async () => {
    const order = await initiate();
    const before = await counts(test.store);
    expect(await refusal(move(order, 'APPROVE', HEJING))).toMatchObject({ code: 'FORBIDDEN', reason: expect.stringContaining('four eyes') });
    expect(await refusal(move(order, 'CLOSE', HEJING, { result: '结束' }))).toMatchObject({ code: 'ILLEGAL_TRANSITION', reason: expect.stringContaining('CLOSE is not allowed from INITIATED') });
    expect(await refusal(move({ ...order, version: 3 }, 'APPROVE', ZHAOLEI))).toMatchObject({ code: 'VERSION_CONFLICT', field: 'input.expectedVersion', expected: '1' });
    expect(await refusal(actOnSupervisionOrder(as(ZHAOLEI), 'no-such-order', 'APPROVE', { expectedVersion: 1 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const reviewed = await move(order, 'APPROVE', ZHAOLEI);
    const afterReview = await counts(test.store);
    expect(await refusal(move(reviewed, 'SIGN', SUNLI))).toMatchObject({ code: 'FORBIDDEN', reason: expect.stringContaining('own agency') });
    expect(await refusal(move(reviewed, 'ANSWER', ZHANGWEI, { opinion: '已办' }))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(await refusal(move(reviewed, 'SIGN', LIJUN))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await counts(test.store)).toEqual(afterReview);
    expect(afterReview['supervision_order_step']).toBe(before['supervision_order_step']! + 1);
    expect((await as().loaders.supervisionOrder.load(order.id))!.state).toBe('REVIEWED');
  });

  it('stores one of two concurrent actions on the same version; the other is a version conflict', async () => {
    const order = await initiate();
    const outcomes = await Promise.allSettled([move(order, 'APPROVE', ZHAOLEI), move(order, 'REFUSE', ZHAOLEI, { opinion: '不予督办' })]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.extensions.code).toBe('VERSION_CONFLICT');
    expect(await as().loaders.supervisionOrderSteps.load(order.id)).toHaveLength(2);
  });

  it('keeps steps append-only', async () => {
    const order = await initiate();
    await expect(test.store.query("UPDATE supervision_order_step SET opinion = 'x' WHERE order_id = $1", [order.id])).rejects.toThrow(/append-only/);
    await expect(test.store.query('DELETE FROM supervision_order_step WHERE order_id = $1', [order.id])).rejects.toThrow(/append-only/);
  });
});

describe('reading orders', () => {
  let order: OrderModel;
  beforeAll(async () => {
    order = await initiateOrder(as(HEJING), { caseNumber: caseNumber(1), subject: '读取测试', answerWithinWorkingDays: 3 });
  });
  const list = (principal: typeof HEJING, filter: Record<string, unknown> | null = null, first = 100) =>
    resolve<unknown, OrderModel[]>(orderQueries.supervisionOrders, {}, { filter, first }, as(principal));

  it('lists all for auditors, newest first, and the agency’s own for staff', async () => {
    const all = await list(HEJING);
    expect(all[0]!.initiatedAt >= all[all.length - 1]!.initiatedAt).toBe(true);
    expect(all.map((o) => o.id)).toContain(order.id);
    expect((await list(ZHANGWEI)).every((o) => o.agency === POLICE)).toBe(true);
    expect(await list(SUNLI)).toEqual([]);
    expect(await list(HEJING, { agency: HOUSING })).toEqual([]);
    expect(await list(HEJING, null, 1)).toHaveLength(1);
  });

  it('refuses staff another agency’s orders, citizens altogether, and first outside 0–100', async () => {
    expect(await refusal(list(SUNLI, { agency: POLICE }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(resolve(orderQueries.supervisionOrder, {}, { id: order.id }, as(SUNLI)))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(list(LIJUN))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(list(HEJING, null, 101))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await refusal(list(HEJING, { agency: 'nope' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.agency' });
    expect(await resolve(orderQueries.supervisionOrder, {}, { id: 'unknown' }, as(HEJING))).toBeNull();
  });

  it('shows Case.supervisionOrders to auditors and the agency, oldest first, and none to the applicant', async () => {
    const field = (principal: typeof HEJING) => resolve<unknown, OrderModel[]>(caseOrderFields.supervisionOrders, { caseNumber: caseNumber(1) }, {}, as(principal));
    const forAuditor = await field(HEJING);
    expect(forAuditor.length).toBeGreaterThan(0);
    expect(forAuditor.map((o) => o.initiatedAt)).toEqual([...forAuditor.map((o) => o.initiatedAt)].sort());
    expect(await field(ZHANGWEI)).toEqual(forAuditor);
    expect(await field(SUNLI)).toEqual([]);
    expect(await field(LIJUN)).toEqual([]);
  });

  it('gives the history its steps, by case, with the agency and no owners', async () => {
    const events = await orderStepsOfCases(test.store, [caseNumber(1), caseNumber(98)]);
    expect(events.get(caseNumber(98))).toEqual([]);
    const mine = events.get(caseNumber(1))!.filter((event) => event.entry.reference === order.id);
    expect(mine).toEqual([
      {
        entry: { at: MONDAY, kind: 'SUPERVISION_ORDER', title: `督办 ${order.number} · 发起督办 · 何静`, actor: HEJING.subject, reference: order.id, detail: '读取测试' },
        agency: POLICE,
        owners: [],
      },
    ]);
  });
});

describe('overdue orders', () => {
  const raised: AlertInput[] = [];
  const clockContext = (today: string, grace = 0) => overdueRunContext(test.store, raised, today, grace);

  it('raises once for each order still with the agency past its due day, reading only those', async () => {
    // Clear what earlier tests left with the agency, so the counts below are this test's.
    await test.store.query("UPDATE supervision_order SET overdue_alerted = true WHERE state IN ('REVIEWED', 'SIGNED')");
    const reviewed = await move(await initiate({ answerWithinWorkingDays: 1 }), 'APPROVE', ZHAOLEI);
    const signed = await move(await move(await initiate({ answerWithinWorkingDays: 1 }), 'APPROVE', ZHAOLEI), 'SIGN', ZHANGWEI);
    const answered = await move(signed, 'ANSWER', ZHANGWEI, { opinion: '已反馈' });
    const late = await move(await initiate({ answerWithinWorkingDays: 1 }), 'APPROVE', ZHAOLEI);
    await initiate({ answerWithinWorkingDays: 1 });
    const notYetDue = await move(await initiate({ answerWithinWorkingDays: 2 }), 'APPROVE', ZHAOLEI);
    expect(reviewed.dueOn).toBe('2026-03-03');

    // On the due day nothing is overdue.
    expect(await overdueOrders(clockContext('2026-03-03'))).toEqual({ examined: 0, raised: 0 });
    expect(orderOverdue(reviewed, '2026-03-03')).toBe(false);

    // Within a grace of one working day, nothing yet either: the rows are not judged, they stay for later.
    expect(await overdueOrders(clockContext('2026-03-04', 1))).toEqual({ examined: 0, raised: 0 });
    expect(raised).toHaveLength(0);

    const first = await overdueOrders(clockContext('2026-03-04'));
    expect(first).toEqual({ examined: 2, raised: 2 });
    expect(raised.map((input) => input.subject!.id).sort()).toEqual([reviewed.id, late.id].sort());
    expect(raised.find((input) => input.subject!.id === reviewed.id)).toEqual({
      check: 'SUPERVISION_OVERDUE',
      target: { agency: POLICE, region: '610725', implementationCode: CODE, itemType: 'LICENSE' },
      caseNumber: caseNumber(1),
      subject: { kind: 'ORDER', id: reviewed.id },
      occasion: 'due:2026-03-03',
      message: `督办单 ${reviewed.number}（${GUIDE_NAME}）已超过反馈期限 2026-03-03，被督办单位尚未反馈`,
      evidence: { orderNumber: reviewed.number, dueOn: '2026-03-03', state: 'REVIEWED' },
      observedAt: '2026-03-03T16:00:00.000Z',
    });
    expect(orderOverdue(reviewed, '2026-03-04')).toBe(true);
    expect(orderOverdue(answered, '2026-03-04')).toBe(false);
    expect(orderOverdue(notYetDue, '2026-03-04')).toBe(false);

    // Alerted orders leave the clock's set: the next run reads nothing.
    expect(await overdueOrders(clockContext('2026-03-05'))).toEqual({ examined: 1, raised: 1 });
    expect(raised.at(-1)!.subject!.id).toBe(notYetDue.id);
    expect(await overdueOrders(clockContext('2026-03-06'))).toEqual({ examined: 0, raised: 0 });
  });

  it('reads through the partial index on the due day', async () => {
    await test.store.query('SET enable_seqscan = off');
    try {
      const { rows } = await test.store.query<{ 'QUERY PLAN': string }>(
        "EXPLAIN SELECT id FROM supervision_order WHERE state IN ('REVIEWED', 'SIGNED') AND NOT overdue_alerted AND due_on < '2026-03-04'::date ORDER BY due_on, id LIMIT 500",
      );
      expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('supervision_order_overdue_idx');
    } finally {
      await test.store.query('SET enable_seqscan = on');
    }
  });
});
