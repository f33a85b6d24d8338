import type { Action } from './actions.ts';
import type { Actor, Standing } from './actor.ts';
import type { TransitionInput } from './input.ts';
import { timestampMillis } from './input.ts';
import { illegal, refuse } from './outcome.ts';
import type { TransitionRefusal } from './outcome.ts';
import type { CaseSnapshot, OpenStep } from './processRecord.ts';
import type { ProcessStepKind, ResultKind } from './states.ts';

export interface GuardContext {
  snapshot: CaseSnapshot;
  action: Action;
  actor: Actor;
  standing: Standing;
  input: TransitionInput;
  /** `COMPLETE with X` or the action: how refusals name the transition. */
  label: string;
  result: ResultKind | null;
}

const ESCALATED_DECIDED_ABOVE = 'the higher-level agency decides an escalated case (上报件); complete it as FORWARDED';

export function openStepOf(snapshot: CaseSnapshot, agency: string | null): OpenStep | undefined {
  return snapshot.openSteps.find((open) => open.agency === agency);
}

/**
 * The step an action concerns, which decides the role a `STEP` transition needs: the one being
 * started, the actor's agency's open one, or the suspended one.
 */
export function stepConcerned(context: GuardContext): { step: ProcessStepKind | null } | TransitionRefusal {
  const { snapshot, action, actor, standing, input, label } = context;
  switch (action) {
    case 'START_STEP':
      return { step: input.step ?? null };
    case 'COMPLETE_STEP':
    case 'SUSPEND': {
      const open = openStepOf(snapshot, actor.agency);
      if (open === undefined) return illegal(label, snapshot, `agency ${actor.agency} has no step open`);
      return { step: open.step };
    }
    case 'RESUME': {
      const suspension = snapshot.suspension;
      if (suspension === null) return illegal(label, snapshot, 'the suspension is not recorded');
      if (standing !== 'OWNER' && suspension.agency !== actor.agency) {
        return refuse('FORBIDDEN', `${label} on this case is for agency ${suspension.agency}, whose step is suspended, or the lead agency`);
      }
      return { step: suspension.step };
    }
    case 'DECIDE':
      return { step: 'DECIDE' };
    default:
      return { step: null };
  }
}

/** Rules that depend on the case's details rather than its state; run once the input is known good. */
export function guard(context: GuardContext): TransitionRefusal | null {
  const { snapshot, action, actor, standing, input, label } = context;
  switch (action) {
    case 'REQUEST_CORRECTION':
      if (input.dueAt !== undefined && timestampMillis(input.dueAt)! <= timestampMillis(input.occurredAt)!) {
        return refuse('BAD_USER_INPUT', `${label}: the correction deadline should be after occurredAt`, 'dueAt');
      }
      return null;
    case 'CORRECTION_TIMEOUT': {
      const dueAt = snapshot.correction?.dueAt ?? null;
      if (dueAt === null) return illegal(label, snapshot, 'no correction deadline was set');
      if (timestampMillis(input.occurredAt)! < timestampMillis(dueAt)!) {
        return illegal(label, snapshot, `the correction deadline ${dueAt} has not passed`);
      }
      return null;
    }
    case 'START_STEP': {
      if (input.step === 'DECIDE' && snapshot.kind === 'ESCALATED') return illegal(`${label} DECIDE`, snapshot, ESCALATED_DECIDED_ABOVE);
      if (input.step === 'DECIDE' && standing === 'PARTICIPANT') {
        return refuse('FORBIDDEN', `${label} DECIDE on a joint case is for the lead agency ${snapshot.owningAgency}`);
      }
      const open = openStepOf(snapshot, actor.agency);
      if (open !== undefined) return illegal(label, snapshot, `agency ${actor.agency} already has step ${open.step} open; complete it first`);
      return null;
    }
    case 'COMPLETE_STEP':
      if (openStepOf(snapshot, actor.agency)?.step === 'DECIDE') {
        return illegal(label, snapshot, 'the DECIDE step ends with DECIDE, not COMPLETE_STEP');
      }
      return null;
    case 'DECIDE': {
      if (snapshot.kind === 'ESCALATED') return illegal(label, snapshot, ESCALATED_DECIDED_ABOVE);
      const pending = snapshot.openSteps.find((open) => !(open.step === 'DECIDE' && open.agency === snapshot.owningAgency));
      if (pending !== undefined) return illegal(label, snapshot, `step ${pending.step} of agency ${pending.agency} is still open`);
      // A joint case decided without every participant's opinion skips the agencies it exists for.
      const silent = snapshot.participatingAgencies.filter(
        (agency) => snapshot.kind === 'JOINT' && !snapshot.completedSteps.some((done) => done.agency === agency),
      );
      if (silent.length > 0) {
        return illegal(label, snapshot, `participating agency ${silent.join(', ')} has not completed a step of this joint case`);
      }
      return null;
    }
    case 'COMPLETE': {
      // Only voiding abandons work in progress; any other ending closes the steps first.
      const pending = snapshot.openSteps[0];
      if (context.result !== 'VOIDED' && pending !== undefined) {
        return illegal(label, snapshot, `step ${pending.step} of agency ${pending.agency} is still open; complete it first`);
      }
      return null;
    }
    default:
      return null;
  }
}
