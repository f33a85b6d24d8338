import { describe, expect, it } from 'vitest';
import { ACTIONS } from './actions.ts';
import type { Action } from './actions.ts';
import type { Actor } from './actor.ts';
import { applyTransition } from './applyTransition.ts';
import type { TransitionInput } from './input.ts';
import type { CaseSnapshot } from './processRecord.ts';
import { CASE_STATES } from './states.ts';
import type { CaseState } from './states.ts';
import { OWNER, applicant, at, caseIn, deepFreeze, scheduler, staff } from './testSupport.ts';

/**
 * Every state × every action, written out by hand: a target state where the transition is legal,
 * `✗ why` where it is refused, `why` being the exact explanation the refusal must give.
 * COMPLETE is tried as CERTIFICATE_ISSUED after a decision and as VOIDED before one; the other
 * result kinds have their own matrix in completion.test.ts.
 */
const ACCEPTED_ALREADY = '✗ the case has already been accepted';
const ART_32 = '✗ the case has already been accepted; correction is asked for before acceptance (行政许可法 art. 32)';
const NOT_YET = '✗ the case has not been accepted yet';
const NO_CORRECTION = '✗ no correction has been requested';
const NONE_PENDING = '✗ no correction is pending';
const NOT_SUSPENDED = '✗ the case is not suspended';
const AWAITS = '✗ the case awaits the correction (补正) the applicant was asked for';
const NOT_STARTED = '✗ processing has not started (START_STEP first)';
const RESUME_FIRST = '✗ the case is suspended; RESUME it first';
const DECIDED = '✗ the case has already been decided';

const closed = (why: string): Record<Action, string> =>
  Object.fromEntries(ACTIONS.map((action) => [action, `✗ ${why}`])) as Record<Action, string>;

const EXPECTED: Record<CaseState, Record<Action, string>> = {
  SUBMITTED: {
    PRE_REVIEW: 'PRE_REVIEW',
    ACCEPT: 'ACCEPTED',
    REJECT: 'NOT_ACCEPTED',
    REQUEST_CORRECTION: 'CORRECTION_REQUESTED',
    SUBMIT_CORRECTION: NO_CORRECTION,
    CORRECTION_TIMEOUT: NONE_PENDING,
    START_STEP: NOT_YET,
    COMPLETE_STEP: NOT_YET,
    SUSPEND: NOT_YET,
    RESUME: NOT_SUSPENDED,
    DECIDE: NOT_YET,
    COMPLETE: 'COMPLETED',
    WITHDRAW: 'WITHDRAWN',
  },
  PRE_REVIEW: {
    PRE_REVIEW: '✗ pre-review is already under way',
    ACCEPT: 'ACCEPTED',
    REJECT: 'NOT_ACCEPTED',
    REQUEST_CORRECTION: 'CORRECTION_REQUESTED',
    SUBMIT_CORRECTION: NO_CORRECTION,
    CORRECTION_TIMEOUT: NONE_PENDING,
    START_STEP: NOT_YET,
    COMPLETE_STEP: NOT_YET,
    SUSPEND: NOT_YET,
    RESUME: NOT_SUSPENDED,
    DECIDE: NOT_YET,
    COMPLETE: 'COMPLETED',
    WITHDRAW: 'WITHDRAWN',
  },
  CORRECTION_REQUESTED: {
    PRE_REVIEW: AWAITS,
    ACCEPT: AWAITS,
    REJECT: AWAITS,
    REQUEST_CORRECTION: '✗ a correction is already pending',
    SUBMIT_CORRECTION: 'PRE_REVIEW',
    CORRECTION_TIMEOUT: 'COMPLETED',
    START_STEP: AWAITS,
    COMPLETE_STEP: AWAITS,
    SUSPEND: AWAITS,
    RESUME: NOT_SUSPENDED,
    DECIDE: AWAITS,
    COMPLETE: 'COMPLETED',
    WITHDRAW: 'WITHDRAWN',
  },
  ACCEPTED: {
    PRE_REVIEW: ACCEPTED_ALREADY,
    ACCEPT: ACCEPTED_ALREADY,
    REJECT: ACCEPTED_ALREADY,
    REQUEST_CORRECTION: ART_32,
    SUBMIT_CORRECTION: NO_CORRECTION,
    CORRECTION_TIMEOUT: NONE_PENDING,
    START_STEP: 'IN_PROCESS',
    COMPLETE_STEP: NOT_STARTED,
    SUSPEND: NOT_STARTED,
    RESUME: NOT_SUSPENDED,
    DECIDE: NOT_STARTED,
    COMPLETE: 'COMPLETED',
    WITHDRAW: 'WITHDRAWN',
  },
  NOT_ACCEPTED: closed('the case was not accepted (不予受理) and is closed'),
  IN_PROCESS: {
    PRE_REVIEW: ACCEPTED_ALREADY,
    ACCEPT: ACCEPTED_ALREADY,
    REJECT: ACCEPTED_ALREADY,
    REQUEST_CORRECTION: ART_32,
    SUBMIT_CORRECTION: NO_CORRECTION,
    CORRECTION_TIMEOUT: NONE_PENDING,
    START_STEP: 'IN_PROCESS',
    COMPLETE_STEP: 'IN_PROCESS',
    SUSPEND: 'SUSPENDED',
    RESUME: NOT_SUSPENDED,
    DECIDE: 'DECIDED',
    COMPLETE: 'COMPLETED',
    WITHDRAW: 'WITHDRAWN',
  },
  SUSPENDED: {
    PRE_REVIEW: ACCEPTED_ALREADY,
    ACCEPT: ACCEPTED_ALREADY,
    REJECT: ACCEPTED_ALREADY,
    REQUEST_CORRECTION: ART_32,
    SUBMIT_CORRECTION: NO_CORRECTION,
    CORRECTION_TIMEOUT: NONE_PENDING,
    START_STEP: RESUME_FIRST,
    COMPLETE_STEP: RESUME_FIRST,
    SUSPEND: '✗ the case is already suspended',
    RESUME: 'IN_PROCESS',
    DECIDE: RESUME_FIRST,
    COMPLETE: 'COMPLETED',
    WITHDRAW: 'WITHDRAWN',
  },
  DECIDED: {
    PRE_REVIEW: ACCEPTED_ALREADY,
    ACCEPT: ACCEPTED_ALREADY,
    REJECT: ACCEPTED_ALREADY,
    REQUEST_CORRECTION: ART_32,
    SUBMIT_CORRECTION: NO_CORRECTION,
    CORRECTION_TIMEOUT: NONE_PENDING,
    START_STEP: DECIDED,
    COMPLETE_STEP: DECIDED,
    SUSPEND: DECIDED,
    RESUME: NOT_SUSPENDED,
    DECIDE: DECIDED,
    COMPLETE: 'COMPLETED',
    WITHDRAW: '✗ the case has already been decided; an application is withdrawn before the decision',
  },
  COMPLETED: closed('the case is completed (已办结) and closed'),
  WITHDRAWN: closed('the case was withdrawn and is closed'),
};

/** The actor each action is tried by: one entitled to it on this case. */
function actorFor(action: Action): Actor {
  if (action === 'SUBMIT_CORRECTION' || action === 'WITHDRAW') return applicant;
  if (action === 'CORRECTION_TIMEOUT') return scheduler;
  return staff();
}

/** Complete, valid input for each action. */
function inputFor(action: Action, state: CaseState): TransitionInput {
  switch (action) {
    case 'REJECT':
      return at({ reason: '不属于本机关职权范围' });
    case 'REQUEST_CORRECTION':
      return at({ materials: ['法定代表人身份证复印件'], reason: '缺少身份证明', dueAt: '2025-04-08T17:00:00+08:00' });
    case 'SUBMIT_CORRECTION':
      return at({ materials: ['法定代表人身份证复印件'] });
    case 'START_STEP':
      return at({ step: 'REVIEW' });
    case 'COMPLETE_STEP':
      return at({ opinion: '材料真实完整' });
    case 'SUSPEND':
      return at({ suspension: 'EXPERT_REVIEW', reason: '需组织专家评审' });
    case 'RESUME':
      return at({ opinion: '专家评审通过' });
    case 'DECIDE':
      return at({ decision: 'APPROVE', opinion: '符合条件，准予许可' });
    case 'COMPLETE':
      return state === 'DECIDED' ? at({ result: 'CERTIFICATE_ISSUED' }) : at({ result: 'VOIDED', reason: '重复申报' });
    default:
      return at();
  }
}

/** The case's details a legal transition needs besides its state (no open step to start a new one, …). */
function arrange(state: CaseState, action: Action): CaseSnapshot {
  const snapshot = caseIn(state);
  if (state === 'IN_PROCESS' && action === 'START_STEP') snapshot.openSteps = [];
  if (state === 'IN_PROCESS' && action === 'DECIDE') {
    snapshot.openSteps = [{ step: 'DECIDE', agency: OWNER, handlerId: 'staff-approve', startedAt: '2025-03-09T09:00:00+08:00' }];
  }
  return deepFreeze(snapshot);
}

describe('the case state machine', () => {
  it('has an expectation for every state and action', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...CASE_STATES].sort());
    for (const state of CASE_STATES) expect(Object.keys(EXPECTED[state]).sort(), state).toEqual([...ACTIONS].sort());
  });

  const cells = CASE_STATES.flatMap((state) => ACTIONS.map((action) => ({ state, action, expected: EXPECTED[state][action] })));

  it.each(cells.filter((cell) => !cell.expected.startsWith('✗')))('$action from $state goes to $expected', ({ state, action, expected }) => {
    const before = arrange(state, action);
    const outcome = applyTransition(before, action, actorFor(action), inputFor(action, state));
    if (!outcome.ok) throw new Error(`${action} from ${state} refused: ${outcome.code} ${outcome.reason}`);
    expect(outcome.next.state).toBe(expected);
    expect(outcome.next.version).toBe(before.version + 1);
    expect(outcome.record).toMatchObject({
      caseNumber: before.caseNumber,
      version: before.version + 1,
      action,
      fromState: state,
      toState: expected,
      occurredAt: '2025-03-25T10:00:00+08:00',
    });
  });

  it.each(cells.filter((cell) => cell.expected.startsWith('✗')))('$action from $state is refused', ({ state, action, expected }) => {
    const outcome = applyTransition(arrange(state, action), action, actorFor(action), inputFor(action, state));
    expect(outcome).toEqual({
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      reason: `${action} is not allowed from ${state}: ${expected.slice(2)}`,
    });
  });
});
