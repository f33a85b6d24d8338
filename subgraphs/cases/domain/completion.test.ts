import { describe, expect, it } from 'vitest';
import { applyTransition } from './applyTransition.ts';
import type { CaseSnapshot } from './processRecord.ts';
import { RESULT_KINDS } from './states.ts';
import type { CaseKind, CaseState, ResultKind } from './states.ts';
import { at, caseIn, deepFreeze, staff } from './testSupport.ts';

/**
 * How a case may end: every open state × every result kind, for the three kinds whose endings
 * differ (即办件 completes on the spot, 上报件 is forwarded, the others are decided first).
 * `✓` is legal; anything else is the exact explanation of the refusal. Written by hand.
 */
type Variant = Exclude<CaseState, 'NOT_ACCEPTED' | 'COMPLETED' | 'WITHDRAWN' | 'DECIDED'> | 'DECIDED_APPROVE' | 'DECIDED_DENY';

const may = (state: string, kind: CaseKind, results: string) => `; from ${state} this ${kind} case may complete as ${results}`;
const TIMEOUT = 'the CORRECTION_TIMEOUT action, not COMPLETE, closes a case whose correction is overdue';
const FORWARD_ESCALATED = 'only an escalated case (上报件) is forwarded';
const NOT_YET = 'the case has not been accepted yet';
const AWAITS = 'the case awaits the correction (补正) the applicant was asked for';
const NO_DECISION = 'the case has no decision yet';
const RESUME_FIRST = 'the case is suspended; RESUME it first';
const REVOCATION = 'a decision has legal effect; undoing it is revocation (撤销), not a case result';
const ABOVE = 'the higher-level agency decides an escalated case (上报件)';

function beforeAcceptance(state: 'SUBMITTED' | 'PRE_REVIEW' | 'CORRECTION_REQUESTED', kind: CaseKind): Record<ResultKind, string> {
  const why = state === 'CORRECTION_REQUESTED' ? AWAITS : NOT_YET;
  const only = may(state, kind, 'VOIDED');
  return {
    CERTIFICATE_ISSUED: (kind === 'ESCALATED' ? ABOVE : why) + only,
    RETURNED: why + only,
    VOIDED: '✓',
    FORWARDED: (kind === 'ESCALATED' ? why : FORWARD_ESCALATED) + only,
    CORRECTION_TIMEOUT: TIMEOUT + only,
    COMPLETED: (kind === 'ESCALATED' ? ABOVE : why) + only,
  };
}

function decided(kind: CaseKind): Pick<Record<Variant, Record<ResultKind, string>>, 'DECIDED_APPROVE' | 'DECIDED_DENY'> {
  const approved = may('DECIDED', kind, 'CERTIFICATE_ISSUED, COMPLETED');
  const denied = may('DECIDED', kind, 'RETURNED');
  return {
    DECIDED_APPROVE: {
      CERTIFICATE_ISSUED: '✓',
      RETURNED: `the decision was APPROVE${approved}`,
      VOIDED: REVOCATION + approved,
      FORWARDED: FORWARD_ESCALATED + approved,
      CORRECTION_TIMEOUT: TIMEOUT + approved,
      COMPLETED: '✓',
    },
    DECIDED_DENY: {
      CERTIFICATE_ISSUED: `the decision was DENY${denied}`,
      RETURNED: '✓',
      VOIDED: REVOCATION + denied,
      FORWARDED: FORWARD_ESCALATED + denied,
      CORRECTION_TIMEOUT: TIMEOUT + denied,
      COMPLETED: `the decision was DENY${denied}`,
    },
  };
}

function suspended(kind: CaseKind): Record<ResultKind, string> {
  const only = may('SUSPENDED', kind, 'VOIDED');
  return {
    CERTIFICATE_ISSUED: (kind === 'ESCALATED' ? ABOVE : RESUME_FIRST) + only,
    RETURNED: RESUME_FIRST + only,
    VOIDED: '✓',
    FORWARDED: (kind === 'ESCALATED' ? RESUME_FIRST : FORWARD_ESCALATED) + only,
    CORRECTION_TIMEOUT: TIMEOUT + only,
    COMPLETED: (kind === 'ESCALATED' ? ABOVE : RESUME_FIRST) + only,
  };
}

const EXPECTED: Record<'PROMISED' | 'IMMEDIATE' | 'ESCALATED', Partial<Record<Variant, Record<ResultKind, string>>>> = {
  PROMISED: {
    SUBMITTED: beforeAcceptance('SUBMITTED', 'PROMISED'),
    PRE_REVIEW: beforeAcceptance('PRE_REVIEW', 'PROMISED'),
    CORRECTION_REQUESTED: beforeAcceptance('CORRECTION_REQUESTED', 'PROMISED'),
    ACCEPTED: {
      CERTIFICATE_ISSUED: `only IMMEDIATE cases complete as CERTIFICATE_ISSUED from ACCEPTED; this one is PROMISED${may('ACCEPTED', 'PROMISED', 'VOIDED')}`,
      RETURNED: `only IMMEDIATE cases complete as RETURNED from ACCEPTED; this one is PROMISED${may('ACCEPTED', 'PROMISED', 'VOIDED')}`,
      VOIDED: '✓',
      FORWARDED: `only ESCALATED cases complete as FORWARDED from ACCEPTED; this one is PROMISED${may('ACCEPTED', 'PROMISED', 'VOIDED')}`,
      CORRECTION_TIMEOUT: TIMEOUT + may('ACCEPTED', 'PROMISED', 'VOIDED'),
      COMPLETED: `only IMMEDIATE cases complete as COMPLETED from ACCEPTED; this one is PROMISED${may('ACCEPTED', 'PROMISED', 'VOIDED')}`,
    },
    IN_PROCESS: {
      CERTIFICATE_ISSUED: NO_DECISION + may('IN_PROCESS', 'PROMISED', 'VOIDED'),
      RETURNED: `only ESCALATED cases complete as RETURNED from IN_PROCESS; this one is PROMISED${may('IN_PROCESS', 'PROMISED', 'VOIDED')}`,
      VOIDED: '✓',
      FORWARDED: `only ESCALATED cases complete as FORWARDED from IN_PROCESS; this one is PROMISED${may('IN_PROCESS', 'PROMISED', 'VOIDED')}`,
      CORRECTION_TIMEOUT: TIMEOUT + may('IN_PROCESS', 'PROMISED', 'VOIDED'),
      COMPLETED: NO_DECISION + may('IN_PROCESS', 'PROMISED', 'VOIDED'),
    },
    SUSPENDED: suspended('PROMISED'),
    ...decided('PROMISED'),
  },
  IMMEDIATE: {
    SUBMITTED: beforeAcceptance('SUBMITTED', 'IMMEDIATE'),
    PRE_REVIEW: beforeAcceptance('PRE_REVIEW', 'IMMEDIATE'),
    CORRECTION_REQUESTED: beforeAcceptance('CORRECTION_REQUESTED', 'IMMEDIATE'),
    ACCEPTED: {
      CERTIFICATE_ISSUED: '✓',
      RETURNED: '✓',
      VOIDED: '✓',
      FORWARDED: `only ESCALATED cases complete as FORWARDED from ACCEPTED; this one is IMMEDIATE${may('ACCEPTED', 'IMMEDIATE', 'CERTIFICATE_ISSUED, COMPLETED, RETURNED, VOIDED')}`,
      CORRECTION_TIMEOUT: TIMEOUT + may('ACCEPTED', 'IMMEDIATE', 'CERTIFICATE_ISSUED, COMPLETED, RETURNED, VOIDED'),
      COMPLETED: '✓',
    },
    IN_PROCESS: {
      CERTIFICATE_ISSUED: NO_DECISION + may('IN_PROCESS', 'IMMEDIATE', 'VOIDED'),
      RETURNED: `only ESCALATED cases complete as RETURNED from IN_PROCESS; this one is IMMEDIATE${may('IN_PROCESS', 'IMMEDIATE', 'VOIDED')}`,
      VOIDED: '✓',
      FORWARDED: `only ESCALATED cases complete as FORWARDED from IN_PROCESS; this one is IMMEDIATE${may('IN_PROCESS', 'IMMEDIATE', 'VOIDED')}`,
      CORRECTION_TIMEOUT: TIMEOUT + may('IN_PROCESS', 'IMMEDIATE', 'VOIDED'),
      COMPLETED: NO_DECISION + may('IN_PROCESS', 'IMMEDIATE', 'VOIDED'),
    },
    SUSPENDED: suspended('IMMEDIATE'),
    ...decided('IMMEDIATE'),
  },
  // No DECIDED row: DECIDE is refused for an escalated case, so it never gets there.
  ESCALATED: {
    SUBMITTED: beforeAcceptance('SUBMITTED', 'ESCALATED'),
    PRE_REVIEW: beforeAcceptance('PRE_REVIEW', 'ESCALATED'),
    CORRECTION_REQUESTED: beforeAcceptance('CORRECTION_REQUESTED', 'ESCALATED'),
    ACCEPTED: {
      CERTIFICATE_ISSUED: ABOVE + may('ACCEPTED', 'ESCALATED', 'FORWARDED, VOIDED'),
      RETURNED: `only IMMEDIATE cases complete as RETURNED from ACCEPTED; this one is ESCALATED${may('ACCEPTED', 'ESCALATED', 'FORWARDED, VOIDED')}`,
      VOIDED: '✓',
      FORWARDED: '✓',
      CORRECTION_TIMEOUT: TIMEOUT + may('ACCEPTED', 'ESCALATED', 'FORWARDED, VOIDED'),
      COMPLETED: ABOVE + may('ACCEPTED', 'ESCALATED', 'FORWARDED, VOIDED'),
    },
    IN_PROCESS: {
      CERTIFICATE_ISSUED: ABOVE + may('IN_PROCESS', 'ESCALATED', 'FORWARDED, RETURNED, VOIDED'),
      RETURNED: '✓',
      VOIDED: '✓',
      FORWARDED: '✓',
      CORRECTION_TIMEOUT: TIMEOUT + may('IN_PROCESS', 'ESCALATED', 'FORWARDED, RETURNED, VOIDED'),
      COMPLETED: ABOVE + may('IN_PROCESS', 'ESCALATED', 'FORWARDED, RETURNED, VOIDED'),
    },
    SUSPENDED: suspended('ESCALATED'),
  },
};

function arrange(variant: Variant, kind: CaseKind): CaseSnapshot {
  const snapshot = caseIn(variant.startsWith('DECIDED') ? 'DECIDED' : (variant as CaseState), kind);
  if (variant === 'DECIDED_DENY') snapshot.decision = { ...snapshot.decision!, decision: 'DENY', opinion: '不符合条件，不予许可' };
  // Open steps block every ending but voiding; that guard has its own test.
  if (variant === 'IN_PROCESS') snapshot.openSteps = [];
  return deepFreeze(snapshot);
}

const cells = Object.entries(EXPECTED).flatMap(([kind, variants]) =>
  Object.entries(variants).flatMap(([variant, results]) =>
    RESULT_KINDS.map((result) => ({ kind: kind as CaseKind, variant: variant as Variant, result, expected: results[result] })),
  ),
);

describe('completing a case', () => {
  it('has an expectation for every result kind', () => {
    for (const cell of cells) expect(cell.expected, `${cell.kind} ${cell.variant} ${cell.result}`).toBeDefined();
  });

  it.each(cells.filter((cell) => cell.expected === '✓'))('a $kind case in $variant completes as $result', ({ kind, variant, result }) => {
    const before = arrange(variant, kind);
    const outcome = applyTransition(before, 'COMPLETE', staff(), at({ result, reason: '理由', opinion: '意见' }));
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.next).toMatchObject({ state: 'COMPLETED', result: { kind: result, completedAt: '2025-03-25T10:00:00+08:00' } });
    expect(outcome.record).toMatchObject({ action: 'COMPLETE', result, stepStatus: 'CLOSED', stepName: '办结' });
  });

  it.each(cells.filter((cell) => cell.expected !== '✓'))('a $kind case in $variant does not complete as $result', ({ kind, variant, result, expected }) => {
    const before = arrange(variant, kind);
    const outcome = applyTransition(before, 'COMPLETE', staff(), at({ result, reason: '理由', opinion: '意见' }));
    expect(outcome).toEqual({
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      reason: `COMPLETE with ${result} is not allowed from ${before.state}: ${expected}`,
    });
  });
});
