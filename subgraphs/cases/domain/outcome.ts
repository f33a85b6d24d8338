import type { CaseSnapshot, ProcessRecord } from './processRecord.ts';

/**
 * ILLEGAL_TRANSITION: the case is not where the action can start, or its details forbid it.
 * FORBIDDEN: the actor may not take this action on this case. BAD_USER_INPUT: a field is missing
 * or malformed, and `field` names it. `reason` always says which transition and why.
 */
export type RefusalCode = 'ILLEGAL_TRANSITION' | 'FORBIDDEN' | 'BAD_USER_INPUT';

export type TransitionRefusal = { ok: false; code: RefusalCode; reason: string; field?: string };

export type TransitionOutcome = { ok: true; next: CaseSnapshot; record: ProcessRecord } | TransitionRefusal;

export function refuse(code: RefusalCode, reason: string, field?: string): TransitionRefusal {
  return field === undefined ? { ok: false, code, reason } : { ok: false, code, reason, field };
}

/** `transition` is the action, or `COMPLETE with RESULT`, so the message says which way out was refused. */
export function illegal(transition: string, snapshot: CaseSnapshot, why: string): TransitionRefusal {
  return refuse('ILLEGAL_TRANSITION', `${transition} is not allowed from ${snapshot.state}: ${why}`);
}
