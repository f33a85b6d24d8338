import { describe, expect, it } from 'vitest';
import type { Actor } from '../workflow/machine.ts';
import { actOnComplaint, COMPLAINT_ACTION_NAMES, routes, type ComplaintActionInput } from './machine.ts';
import { COMPLAINT_ACTIONS, COMPLAINT_STATES, type ComplaintAction, type ComplaintModel, type ComplaintState } from './model.ts';

const POLICE = '11610725TB7250054A';
const HOUSING = '11610725TB72500625';
const AT = '2026-03-04T02:00:00.000Z';
const ROUTING = { dueOn: '2026-03-11', calendarVersion: 'v1' };

const HEJING: Actor = { subject: 'dev-auditor-01', name: '何静', kind: 'AUDITOR', agency: null };
const ZHANGWEI: Actor = { subject: 'dev-staff-01', name: '张伟', kind: 'STAFF', agency: POLICE };
const SUNLI: Actor = { subject: 'dev-staff-03', name: '孙丽', kind: 'STAFF', agency: HOUSING };
const LIJUN: Actor = { subject: 'dev-person-02', name: '李军', kind: 'NATURAL_PERSON', agency: null };
const WANGFANG: Actor = { subject: 'dev-person-01', name: '王芳', kind: 'NATURAL_PERSON', agency: null };

function complaintIn(state: ComplaintState, changes: Partial<ComplaintModel> = {}): ComplaintModel {
  return Object.freeze({
    id: 'complaint-1',
    number: 'TS202603020001',
    channel: 'ONLINE',
    subjectKind: 'CASE',
    caseNumber: '610725000000TB725005410226000001',
    agency: POLICE,
    region: '610725',
    implementationCode: '610725000000TB7250054102',
    itemType: 'LICENSE',
    complainantSubject: LIJUN.subject,
    complainantCodes: [LIJUN.subject, '610725197809210318'],
    complainantName: '李军',
    complainantPhone: null,
    content: '窗口多次要求补交同一材料',
    recordedBy: LIJUN.subject,
    receivedAt: '2026-03-02T02:00:00.000Z',
    state,
    answerDueOn: ['RECEIVED', 'ACCEPTED', 'NOT_ACCEPTED'].includes(state) ? null : '2026-03-09',
    calendarVersion: null,
    answer: null,
    answeredAt: null,
    satisfied: null,
    closedAt: null,
    version: 3,
    ...changes,
  }) as ComplaintModel;
}

const RIGHTFUL: Record<ComplaintAction, Actor> = { ACCEPT: HEJING, REJECT: HEJING, ROUTE: HEJING, ANSWER: ZHANGWEI, FOLLOW_UP: HEJING, CONFIRM: LIJUN };
const INPUT: Record<ComplaintAction, ComplaintActionInput> = {
  ACCEPT: {},
  REJECT: { opinion: '不属于投诉受理范围' },
  ROUTE: {},
  ANSWER: { opinion: '已核实并向投诉人说明补正要求' },
  FOLLOW_UP: { opinion: '投诉人表示已收到答复' },
  CONFIRM: { satisfied: true },
};

const ALREADY = '✗ the complaint has already been accepted';
const NOT_ROUTED = '✗ the complaint has not been routed to the agency yet';
const ANSWERED_ALREADY = '✗ the complaint is already answered';
const closed = (why: string) => Object.fromEntries(COMPLAINT_ACTIONS.map((action) => [action, `✗ ${why}`])) as Record<ComplaintAction, string>;

/** Every state × every action, as the order's matrix: a target state, or `✗ why`. */
const EXPECTED: Record<ComplaintState, Record<ComplaintAction, string>> = {
  RECEIVED: { ...closed('the complaint has not been accepted yet'), ACCEPT: 'ACCEPTED', REJECT: 'NOT_ACCEPTED' },
  ACCEPTED: { ACCEPT: ALREADY, REJECT: ALREADY, ROUTE: 'ROUTED', ANSWER: NOT_ROUTED, FOLLOW_UP: NOT_ROUTED, CONFIRM: NOT_ROUTED },
  NOT_ACCEPTED: closed('the complaint was not accepted (不予受理) and is closed'),
  ROUTED: {
    ACCEPT: ALREADY,
    REJECT: ALREADY,
    ROUTE: '✗ the complaint is already with the agency',
    ANSWER: 'ANSWERED',
    FOLLOW_UP: '✗ the complaint awaits the agency’s answer (答复)',
    CONFIRM: '✗ the agency has not answered yet',
  },
  ANSWERED: {
    ACCEPT: ALREADY,
    REJECT: ALREADY,
    ROUTE: '✗ the agency has answered; a complainant who is not satisfied sends it back with CONFIRM',
    ANSWER: ANSWERED_ALREADY,
    FOLLOW_UP: 'FOLLOWED_UP',
    CONFIRM: '✗ the follow-up (回访) comes before the confirmation',
  },
  FOLLOWED_UP: {
    ACCEPT: ALREADY,
    REJECT: ALREADY,
    ROUTE: '✗ a complainant who is not satisfied sends it back with CONFIRM',
    ANSWER: ANSWERED_ALREADY,
    FOLLOW_UP: '✗ the follow-up is already recorded',
    CONFIRM: 'CLOSED',
  },
  CLOSED: closed('the complaint is closed (已办结)'),
};

const act = (complaint: ComplaintModel, action: ComplaintAction, actor: Actor, input: ComplaintActionInput) =>
  actOnComplaint(complaint, action, actor, input, AT, routes(action, input.satisfied) ? ROUTING : null);

describe('the complaint state machine', () => {
  const cells = COMPLAINT_STATES.flatMap((state) => COMPLAINT_ACTIONS.map((action) => [state, action, EXPECTED[state][action]] as const));

  it.each(cells)('%s × %s → %s', (state, action, expected) => {
    const outcome = act(complaintIn(state), action, RIGHTFUL[action], INPUT[action]);
    if (expected.startsWith('✗ ')) {
      expect(outcome).toEqual({ ok: false, code: 'ILLEGAL_TRANSITION', reason: `${action} is not allowed from ${state}: ${expected.slice(2)}` });
    } else {
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      expect(outcome.change).toMatchObject({ state: expected, version: 4 });
      expect(outcome.step).toMatchObject({ action, actionName: COMPLAINT_ACTION_NAMES[action], fromState: state, toState: expected, handlerId: RIGHTFUL[action].subject, at: AT });
    }
  });

  it('covers every state and action in the table', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...COMPLAINT_STATES].sort());
    for (const state of COMPLAINT_STATES) expect(Object.keys(EXPECTED[state]).sort()).toEqual([...COMPLAINT_ACTIONS].sort());
  });
});

describe('who may move a complaint', () => {
  const sourceOf: Record<ComplaintAction, ComplaintState> = { ACCEPT: 'RECEIVED', REJECT: 'RECEIVED', ROUTE: 'ACCEPTED', ANSWER: 'ROUTED', FOLLOW_UP: 'ANSWERED', CONFIRM: 'FOLLOWED_UP' };
  const everyone = [HEJING, ZHANGWEI, SUNLI, LIJUN, WANGFANG];
  const allowed = (channel: string): Record<ComplaintAction, Actor[]> => ({
    ACCEPT: [HEJING],
    REJECT: [HEJING],
    ROUTE: [HEJING],
    ANSWER: [ZHANGWEI],
    FOLLOW_UP: [HEJING],
    CONFIRM: channel === 'ONLINE' ? [LIJUN] : [HEJING],
  });
  const cells = (['ONLINE', 'PHONE'] as const).flatMap((channel) =>
    COMPLAINT_ACTIONS.flatMap((action) => everyone.map((actor) => [channel, action, actor.subject, actor, allowed(channel)[action].includes(actor)] as const)),
  );

  it.each(cells)('%s complaint, %s by %s: allowed %s', (channel, action, _subject, actor, ok) => {
    const complaint = complaintIn(sourceOf[action], channel === 'PHONE' ? { channel, complainantSubject: null, complainantCodes: [], recordedBy: HEJING.subject } : {});
    const outcome = act(complaint, action, actor, INPUT[action]);
    expect(outcome.ok).toBe(ok);
    if (!outcome.ok) expect(outcome.code).toBe('FORBIDDEN');
  });

  it('says who confirms', () => {
    expect(act(complaintIn('FOLLOWED_UP'), 'CONFIRM', HEJING, { satisfied: true })).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      reason: 'CONFIRM on complaint TS202603020001: an online complaint is confirmed by the person who filed it',
    });
  });
});

describe('what a complaint action needs and changes', () => {
  it.each([
    ['REJECT', 'RECEIVED', {}, 'opinion', 'REJECT: the reason (opinion) is required'],
    ['ANSWER', 'ROUTED', { opinion: ' ' }, 'opinion', 'ANSWER: the answer (答复内容, opinion) is required'],
    ['FOLLOW_UP', 'ANSWERED', {}, 'opinion', 'FOLLOW_UP: what the complainant said (回访情况, opinion) is required'],
    ['CONFIRM', 'FOLLOWED_UP', {}, 'satisfied', 'CONFIRM: whether the complainant is satisfied is required'],
    ['ACCEPT', 'RECEIVED', { satisfied: true }, 'satisfied', 'is given with CONFIRM only'],
    ['ACCEPT', 'RECEIVED', { opinion: 'x'.repeat(2001) }, 'opinion', 'should be at most 2000 characters'],
  ] as const)('%s from %s with %j is refused naming %s', (action, state, input, field, reason) => {
    expect(act(complaintIn(state), action, RIGHTFUL[action], input)).toEqual({ ok: false, code: 'BAD_USER_INPUT', reason, field });
  });

  it('sets the answer period when routing', () => {
    const outcome = act(complaintIn('ACCEPTED'), 'ROUTE', HEJING, {});
    expect(outcome).toMatchObject({ ok: true, change: { state: 'ROUTED', answerDueOn: '2026-03-11', calendarVersion: 'v1' } });
  });

  it('keeps the answer and its time', () => {
    const outcome = act(complaintIn('ROUTED'), 'ANSWER', ZHANGWEI, { opinion: ' 已向投诉人说明 ' });
    expect(outcome).toMatchObject({ ok: true, change: { state: 'ANSWERED', answer: '已向投诉人说明', answeredAt: AT }, step: { opinion: '已向投诉人说明' } });
  });

  it('closes when the complainant is satisfied', () => {
    const outcome = act(complaintIn('FOLLOWED_UP', { answer: '已说明', answeredAt: AT }), 'CONFIRM', LIJUN, { satisfied: true });
    expect(outcome).toMatchObject({ ok: true, change: { state: 'CLOSED', satisfied: true, closedAt: AT, answerDueOn: '2026-03-09' } });
  });

  it('sends it back to the agency with a new answer period when the complainant is not satisfied', () => {
    expect(routes('CONFIRM', false)).toBe(true);
    const outcome = act(complaintIn('FOLLOWED_UP', { answer: '已说明', answeredAt: AT }), 'CONFIRM', LIJUN, { satisfied: false, opinion: '答复未解决问题' });
    expect(outcome).toMatchObject({
      ok: true,
      change: { state: 'ROUTED', satisfied: false, closedAt: null, answerDueOn: '2026-03-11', answer: '已说明' },
      step: { action: 'CONFIRM', fromState: 'FOLLOWED_UP', toState: 'ROUTED', opinion: '答复未解决问题' },
    });
  });

  it('lets an auditor record the confirmation of a phone complaint', () => {
    const phone = complaintIn('FOLLOWED_UP', { channel: 'PHONE', complainantSubject: null, complainantCodes: [] });
    expect(act(phone, 'CONFIRM', HEJING, { satisfied: true })).toMatchObject({ ok: true, change: { state: 'CLOSED' } });
  });

  it('ends a rejected complaint at the rejection', () => {
    expect(act(complaintIn('RECEIVED'), 'REJECT', HEJING, { opinion: '重复投诉' })).toMatchObject({ ok: true, change: { state: 'NOT_ACCEPTED', closedAt: AT } });
  });
});
