import { describe, expect, it } from 'vitest';
import { actOnOrder, ORDER_ACTION_NAMES } from './machine.ts';
import { ORDER_ACTIONS, ORDER_STATES, type OrderAction, type OrderModel, type OrderState } from './model.ts';
import type { ActionInput, Actor } from '../workflow/machine.ts';

const POLICE = '11610725TB7250054A';
const HOUSING = '11610725TB72500625';
const AT = '2026-03-04T02:00:00.000Z';

const HEJING: Actor = { subject: 'dev-auditor-01', name: '何静', kind: 'AUDITOR', agency: null };
const ZHAOLEI: Actor = { subject: 'dev-auditor-02', name: '赵磊', kind: 'AUDITOR', agency: null };
const ZHANGWEI: Actor = { subject: 'dev-staff-01', name: '张伟', kind: 'STAFF', agency: POLICE };
const SUNLI: Actor = { subject: 'dev-staff-03', name: '孙丽', kind: 'STAFF', agency: HOUSING };
const LIJUN: Actor = { subject: 'dev-person-02', name: '李军', kind: 'NATURAL_PERSON', agency: null };

function orderIn(state: OrderState, changes: Partial<OrderModel> = {}): OrderModel {
  return Object.freeze({
    id: 'order-1',
    number: 'DB202603020001',
    supervisingOffice: '勉县监察局',
    agency: POLICE,
    region: '610725',
    itemName: '旅馆业特种行业许可证核发',
    itemCode: '610725000000TB7250054102',
    itemType: 'LICENSE',
    caseNumber: '610725000000TB725005410226000001',
    alertId: null,
    subject: '承诺期限将至仍未审查',
    initiatedBy: HEJING.subject,
    initiatedByName: HEJING.name,
    initiatedAt: '2026-03-02T02:00:00.000Z',
    answerWithinWorkingDays: 3,
    dueOn: '2026-03-05',
    calendarVersion: 'v1',
    answeredAt: null,
    closedAt: null,
    state,
    result: null,
    version: 4,
    ...changes,
  });
}

/** Who may take each action, and a valid input for it. */
const RIGHTFUL: Record<OrderAction, Actor> = { APPROVE: ZHAOLEI, REFUSE: ZHAOLEI, SIGN: ZHANGWEI, ANSWER: ZHANGWEI, RETURN: HEJING, CLOSE: ZHAOLEI };
const INPUT: Record<OrderAction, ActionInput> = {
  APPROVE: {},
  REFUSE: { opinion: '督办事由不成立' },
  SIGN: {},
  ANSWER: { opinion: '已完成审查并告知申请人' },
  RETURN: { opinion: '反馈未说明整改措施' },
  CLOSE: { result: '已整改到位' },
};

/**
 * Every state × every action: the target state where the move is legal, `✗ why` where it is
 * refused, `why` being the exact explanation the refusal gives.
 */
const REVIEWED_ALREADY = '✗ the order has already been reviewed';
const APPROVED_ALREADY = '✗ the order has already been approved';
const NOT_REVIEWED = '✗ the order has not been reviewed yet';
const NOT_ANSWERED = '✗ the agency has not answered yet';
const closed = (why: string) => Object.fromEntries(ORDER_ACTIONS.map((action) => [action, `✗ ${why}`])) as Record<OrderAction, string>;

const EXPECTED: Record<OrderState, Record<OrderAction, string>> = {
  INITIATED: { APPROVE: 'REVIEWED', REFUSE: 'REFUSED', SIGN: NOT_REVIEWED, ANSWER: NOT_REVIEWED, RETURN: '✗ the order awaits its review (审核)', CLOSE: NOT_REVIEWED },
  REVIEWED: {
    APPROVE: REVIEWED_ALREADY,
    REFUSE: APPROVED_ALREADY,
    SIGN: 'SIGNED',
    ANSWER: '✗ the order has not been signed (签收) yet',
    RETURN: '✗ the order awaits the agency’s signature (签收)',
    CLOSE: NOT_ANSWERED,
  },
  REFUSED: closed('the order was refused at review (审核不通过) and is closed'),
  SIGNED: { APPROVE: REVIEWED_ALREADY, REFUSE: APPROVED_ALREADY, SIGN: '✗ the order is already signed', ANSWER: 'ANSWERED', RETURN: '✗ there is no answer to return yet', CLOSE: NOT_ANSWERED },
  ANSWERED: {
    APPROVE: REVIEWED_ALREADY,
    REFUSE: APPROVED_ALREADY,
    SIGN: '✗ the order is already signed and answered',
    ANSWER: '✗ the order is already answered; an auditor may return it',
    RETURN: 'SIGNED',
    CLOSE: 'CLOSED',
  },
  CLOSED: closed('the order is closed (已办结)'),
};

describe('the supervision order state machine', () => {
  const cells = ORDER_STATES.flatMap((state) => ORDER_ACTIONS.map((action) => [state, action, EXPECTED[state][action]] as const));

  it.each(cells)('%s × %s → %s', (state, action, expected) => {
    const outcome = actOnOrder(orderIn(state), action, RIGHTFUL[action], INPUT[action], AT);
    if (expected.startsWith('✗ ')) {
      expect(outcome).toEqual({ ok: false, code: 'ILLEGAL_TRANSITION', reason: `${action} is not allowed from ${state}: ${expected.slice(2)}` });
    } else {
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      expect(outcome.change.state).toBe(expected);
      expect(outcome.change.version).toBe(5);
      expect(outcome.step).toMatchObject({ action, actionName: ORDER_ACTION_NAMES[action], fromState: state, toState: expected, handlerId: RIGHTFUL[action].subject, at: AT });
    }
  });

  it('covers every state and action in the table', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ORDER_STATES].sort());
    for (const state of ORDER_STATES) expect(Object.keys(EXPECTED[state]).sort()).toEqual([...ORDER_ACTIONS].sort());
  });
});

describe('who may move an order', () => {
  const sourceOf: Record<OrderAction, OrderState> = { APPROVE: 'INITIATED', REFUSE: 'INITIATED', SIGN: 'REVIEWED', ANSWER: 'SIGNED', RETURN: 'ANSWERED', CLOSE: 'ANSWERED' };
  const everyone = [HEJING, ZHAOLEI, ZHANGWEI, SUNLI, LIJUN];
  /** Who may take each action on an order HEJING initiated against 勉县公安局. */
  const allowed: Record<OrderAction, Actor[]> = {
    APPROVE: [ZHAOLEI],
    REFUSE: [ZHAOLEI],
    SIGN: [ZHANGWEI],
    ANSWER: [ZHANGWEI],
    RETURN: [HEJING, ZHAOLEI],
    CLOSE: [HEJING, ZHAOLEI],
  };
  const cells = ORDER_ACTIONS.flatMap((action) => everyone.map((actor) => [action, actor.subject, actor, allowed[action].includes(actor)] as const));

  it.each(cells)('%s by %s: allowed %s', (action, _subject, actor, ok) => {
    const outcome = actOnOrder(orderIn(sourceOf[action]), action, actor, INPUT[action], AT);
    expect(outcome.ok).toBe(ok);
    if (!outcome.ok) expect(outcome.code).toBe('FORBIDDEN');
  });

  it('refuses the initiator’s own review (four eyes), saying so', () => {
    const outcome = actOnOrder(orderIn('INITIATED'), 'APPROVE', HEJING, {}, AT);
    expect(outcome).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      reason: 'APPROVE on supervision order DB202603020001: an order is reviewed by an auditor other than the one who initiated it (four eyes)',
    });
  });

  it('names the agency when staff of another agency would sign', () => {
    const outcome = actOnOrder(orderIn('REVIEWED'), 'SIGN', SUNLI, {}, AT);
    expect(outcome).toMatchObject({ ok: false, code: 'FORBIDDEN', reason: expect.stringContaining(POLICE) });
  });

  it('refuses the wrong party before looking at the state', () => {
    expect(actOnOrder(orderIn('SIGNED'), 'CLOSE', ZHANGWEI, INPUT.CLOSE, AT)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('what an order action needs and changes', () => {
  it.each([
    ['ANSWER', 'SIGNED', {}, 'opinion', 'ANSWER: the feedback (反馈内容, opinion) is required'],
    ['ANSWER', 'SIGNED', { opinion: '  ' }, 'opinion', 'ANSWER: the feedback (反馈内容, opinion) is required'],
    ['ANSWER', 'SIGNED', { opinion: '字'.repeat(2001) }, 'opinion', 'should be at most 2000 characters'],
    ['REFUSE', 'INITIATED', {}, 'opinion', 'REFUSE: the reason (opinion) is required'],
    ['RETURN', 'ANSWERED', { opinion: null }, 'opinion', 'RETURN: the reason (opinion) is required'],
    ['CLOSE', 'ANSWERED', { opinion: '同意办结' }, 'result', 'CLOSE: the result (督办结果) is required'],
    ['SIGN', 'REVIEWED', { result: '已整改' }, 'result', 'is given with CLOSE only'],
    ['APPROVE', 'INITIATED', { opinion: '' }, 'opinion', 'should not be blank (omit it instead)'],
  ] as const)('%s from %s with %j is refused naming %s', (action, state, input, field, reason) => {
    const actor = action === 'SIGN' || action === 'ANSWER' ? ZHANGWEI : ZHAOLEI;
    expect(actOnOrder(orderIn(state), action, actor, input, AT)).toEqual({ ok: false, code: 'BAD_USER_INPUT', reason, field });
  });

  it('accepts 2000 characters of feedback, trimmed', () => {
    const outcome = actOnOrder(orderIn('SIGNED'), 'ANSWER', ZHANGWEI, { opinion: ` ${'字'.repeat(2000)} ` }, AT);
    expect(outcome.ok && outcome.step.opinion).toBe('字'.repeat(2000));
  });

  it('refuses an action that is none', () => {
    expect(actOnOrder(orderIn('INITIATED'), 'DELETE' as OrderAction, ZHAOLEI, {}, AT)).toMatchObject({ ok: false, code: 'BAD_USER_INPUT', field: 'action' });
  });

  it('records the answer time, keeps it through a return, and closes with the result', () => {
    const answered = actOnOrder(orderIn('SIGNED'), 'ANSWER', ZHANGWEI, { opinion: '已处理' }, AT);
    expect(answered).toMatchObject({ ok: true, change: { state: 'ANSWERED', answeredAt: AT, closedAt: null, result: null } });
    const returned = actOnOrder(orderIn('ANSWERED', { answeredAt: AT }), 'RETURN', HEJING, { opinion: '请补充整改材料' }, '2026-03-05T02:00:00.000Z');
    expect(returned).toMatchObject({ ok: true, change: { state: 'SIGNED', answeredAt: AT }, step: { opinion: '请补充整改材料', handlerName: '何静' } });
    const closedAt = '2026-03-06T02:00:00.000Z';
    const closing = actOnOrder(orderIn('ANSWERED', { answeredAt: AT }), 'CLOSE', HEJING, { result: ' 已整改到位 ' }, closedAt);
    expect(closing).toMatchObject({ ok: true, change: { state: 'CLOSED', result: '已整改到位', closedAt }, step: { opinion: '已整改到位' } });
  });

  it('ends a refused order at the refusal', () => {
    const refused = actOnOrder(orderIn('INITIATED'), 'REFUSE', ZHAOLEI, { opinion: '事由不成立' }, AT);
    expect(refused).toMatchObject({ ok: true, change: { state: 'REFUSED', closedAt: AT, result: null }, step: { opinion: '事由不成立', fromState: 'INITIATED' } });
  });
});
