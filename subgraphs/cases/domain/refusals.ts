import type { Action } from './actions.ts';
import type { CaseSnapshot } from './processRecord.ts';
import type { CaseState, ResultKind } from './states.ts';
import type { Transition } from './transitions.ts';

/**
 * Why an action cannot be taken from a state, in words a member of staff (or a departmental
 * system's log) can act on. Written by hand: a refusal that only lists the legal states would tell
 * the caller what, not why.
 */
const BY_STATE: Readonly<Record<CaseState, string>> = {
  SUBMITTED: 'the case has not been accepted yet',
  PRE_REVIEW: 'the case has not been accepted yet',
  CORRECTION_REQUESTED: 'the case awaits the correction (补正) the applicant was asked for',
  ACCEPTED: 'processing has not started (START_STEP first)',
  IN_PROCESS: 'the case is in process',
  SUSPENDED: 'the case is suspended; RESUME it first',
  DECIDED: 'the case has already been decided',
  NOT_ACCEPTED: 'the case was not accepted (不予受理) and is closed',
  COMPLETED: 'the case is completed (已办结) and closed',
  WITHDRAWN: 'the case was withdrawn and is closed',
};

const OPEN_STATES = ['SUBMITTED', 'PRE_REVIEW', 'CORRECTION_REQUESTED', 'ACCEPTED', 'IN_PROCESS', 'SUSPENDED', 'DECIDED'] as const;
const ACCEPTED_STATES = ['ACCEPTED', 'IN_PROCESS', 'SUSPENDED', 'DECIDED'] as const;

function each(states: readonly CaseState[], why: string): Partial<Record<CaseState, string>> {
  return Object.fromEntries(states.map((state) => [state, why]));
}

const ALREADY_ACCEPTED = 'the case has already been accepted';

const BY_ACTION: Readonly<Partial<Record<Action, Partial<Record<CaseState, string>>>>> = {
  PRE_REVIEW: { PRE_REVIEW: 'pre-review is already under way', ...each(ACCEPTED_STATES, ALREADY_ACCEPTED) },
  ACCEPT: each(ACCEPTED_STATES, ALREADY_ACCEPTED),
  REJECT: each(ACCEPTED_STATES, ALREADY_ACCEPTED),
  REQUEST_CORRECTION: {
    CORRECTION_REQUESTED: 'a correction is already pending',
    ...each(ACCEPTED_STATES, `${ALREADY_ACCEPTED}; correction is asked for before acceptance (行政许可法 art. 32)`),
  },
  SUBMIT_CORRECTION: each(OPEN_STATES, 'no correction has been requested'),
  CORRECTION_TIMEOUT: each(OPEN_STATES, 'no correction is pending'),
  SUSPEND: { SUSPENDED: 'the case is already suspended' },
  RESUME: each(OPEN_STATES, 'the case is not suspended'),
  WITHDRAW: { DECIDED: 'the case has already been decided; an application is withdrawn before the decision' },
};

export function whyNotFrom(action: Action, state: CaseState): string {
  return BY_ACTION[action]?.[state] ?? BY_STATE[state];
}

const BY_STATE_FOR_COMPLETE: Readonly<Partial<Record<CaseState, string>>> = {
  IN_PROCESS: 'the case has no decision yet',
  DECIDED: 'a decision has legal effect; undoing it is revocation (撤销), not a case result',
};

/**
 * Why COMPLETE with `result` does not fit: the rows that would have allowed it from this state
 * say whether the case kind or the decision is wrong; otherwise the result or the state explains.
 * The result kinds that would fit are listed after.
 */
export function whyNotComplete(snapshot: CaseSnapshot, result: ResultKind, fromState: readonly Transition[]): string {
  const { state, kind } = snapshot;
  const fitsKind = (row: Transition) => row.caseKinds === undefined || row.caseKinds.includes(kind);
  const sameResult = fromState.filter((row) => row.results?.includes(result));
  let why: string;
  if (result === 'CORRECTION_TIMEOUT') {
    why = 'the CORRECTION_TIMEOUT action, not COMPLETE, closes a case whose correction is overdue';
  } else if (kind === 'ESCALATED' && (result === 'CERTIFICATE_ISSUED' || result === 'COMPLETED')) {
    why = 'the higher-level agency decides an escalated case (上报件)';
  } else if (sameResult.length > 0 && !sameResult.some(fitsKind)) {
    const kinds = [...new Set(sameResult.flatMap((row) => row.caseKinds ?? []))];
    why = `only ${kinds.join(' or ')} cases complete as ${result} from ${state}; this one is ${kind}`;
  } else if (sameResult.length > 0) {
    why = `the decision was ${snapshot.decision?.decision ?? 'not recorded'}`;
  } else if (result === 'FORWARDED' && kind !== 'ESCALATED') {
    why = 'only an escalated case (上报件) is forwarded';
  } else {
    why = BY_STATE_FOR_COMPLETE[state] ?? BY_STATE[state];
  }
  const fitting = fromState
    .filter(fitsKind)
    .filter((row) => row.decision === undefined || row.decision === snapshot.decision?.decision)
    .flatMap((row) => row.results ?? []);
  return fitting.length > 0 ? `${why}; from ${state} this ${kind} case may complete as ${[...new Set(fitting)].join(', ')}` : why;
}
