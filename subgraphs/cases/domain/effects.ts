import type { Action } from './actions.ts';
import type { TransitionInput } from './input.ts';
import type { CaseSnapshot, CompletedStep } from './processRecord.ts';
import type { CaseState, ProcessStepKind, ResultKind } from './states.ts';

export interface Effect {
  snapshot: CaseSnapshot;
  action: Action;
  to: CaseState;
  input: TransitionInput;
  /** The agency the transition is taken for: the actor's, or the owner's for applicant and scheduler. */
  agency: string;
  handlerId: string;
  step: ProcessStepKind | null;
  result: ResultKind | null;
}

/** The snapshot after the transition. Never mutates the one given. */
export function nextSnapshot(effect: Effect): CaseSnapshot {
  const { snapshot, action, to, input, agency, handlerId, step, result } = effect;
  const at = input.occurredAt;
  const next: CaseSnapshot = { ...snapshot, state: to, version: snapshot.version + 1 };
  switch (action) {
    case 'REQUEST_CORRECTION':
      next.correction = { materials: [...input.materials!], reason: input.reason!, requestedAt: at, dueAt: input.dueAt ?? null };
      break;
    case 'SUBMIT_CORRECTION':
      next.correction = null;
      next.application = {
        ...snapshot.application,
        materials: [...new Set([...snapshot.application.materials, ...input.materials!])],
      };
      break;
    case 'CORRECTION_TIMEOUT':
      next.correction = null;
      next.result = {
        kind: 'CORRECTION_TIMEOUT',
        opinion: input.opinion ?? null,
        reason: input.reason ?? '逾期未补正',
        attachments: [...(input.attachments ?? [])],
        completedAt: at,
      };
      break;
    case 'START_STEP':
      next.openSteps = [...snapshot.openSteps, { step: step!, agency, handlerId, startedAt: at }];
      break;
    case 'COMPLETE_STEP':
      next.openSteps = snapshot.openSteps.filter((open) => open.agency !== agency);
      next.completedSteps = [...snapshot.completedSteps, done(step!, agency, handlerId, input.passed ?? true, at)];
      break;
    case 'SUSPEND':
      next.suspension = { kind: input.suspension!, reason: input.reason!, since: at, agency, step: step! };
      break;
    case 'RESUME':
      next.suspension = null;
      break;
    case 'DECIDE':
      next.decision = { decision: input.decision!, opinion: input.opinion!, agency, decidedAt: at };
      next.openSteps = [];
      next.completedSteps = [...snapshot.completedSteps, done('DECIDE', agency, handlerId, input.decision === 'APPROVE', at)];
      break;
    case 'COMPLETE':
      next.result = {
        kind: result!,
        opinion: input.opinion ?? snapshot.decision?.opinion ?? null,
        reason: input.reason ?? null,
        attachments: [...(input.attachments ?? [])],
        completedAt: at,
      };
      next.openSteps = [];
      next.suspension = null;
      next.correction = null;
      break;
    case 'WITHDRAW':
      next.openSteps = [];
      next.suspension = null;
      next.correction = null;
      break;
    default:
      break;
  }
  return next;
}

function done(step: ProcessStepKind, agency: string, handlerId: string, passed: boolean, at: string): CompletedStep {
  return { step, agency, handlerId, passed, completedAt: at };
}
