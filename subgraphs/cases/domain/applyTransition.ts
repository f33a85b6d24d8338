import { ACTIONS } from './actions.ts';
import type { Action } from './actions.ts';
import { standingOf } from './actor.ts';
import type { Actor, Standing } from './actor.ts';
import { nextSnapshot } from './effects.ts';
import { guard, stepConcerned } from './guards.ts';
import type { GuardContext } from './guards.ts';
import { checkOptional, checkRequired, timestampMillis } from './input.ts';
import type { TransitionInput } from './input.ts';
import { illegal, refuse } from './outcome.ts';
import type { TransitionOutcome } from './outcome.ts';
import type { CaseSnapshot } from './processRecord.ts';
import { buildRecord } from './record.ts';
import { whyNotComplete, whyNotFrom } from './refusals.ts';
import { RESULT_KINDS, isOneOf } from './states.ts';
import type { ProcessStepKind, ResultKind } from './states.ts';
import { STEP_ROLE_OF, TRANSITIONS } from './transitions.ts';
import type { Transition, TransitionRole } from './transitions.ts';

const ROLE_NAMES: Readonly<Record<string, string>> = { ACCEPT: '受理', REVIEW: '审核', APPROVE: '审批' };

function admits(row: Transition, standing: Standing): boolean {
  switch (row.role) {
    case 'APPLICANT':
      return standing === 'APPLICANT';
    case 'SYSTEM':
      return standing === 'SYSTEM';
    default:
      return standing === 'OWNER' || (standing === 'PARTICIPANT' && row.participants === true);
  }
}

function whoMay(rows: readonly Transition[], snapshot: CaseSnapshot): string {
  const who = new Set(
    rows.map((row) => {
      if (row.role === 'APPLICANT') return 'the applicant or the agent on the case';
      if (row.role === 'SYSTEM') return "Tongban's scheduler";
      return `staff or the departmental system of agency ${snapshot.owningAgency}`;
    }),
  );
  return [...who].join(' or ');
}

function notAParty(action: Action, rows: readonly Transition[], snapshot: CaseSnapshot, standing: Standing): string {
  if (standing === 'PARTICIPANT') {
    return `${action} on joint case ${snapshot.caseNumber} is for the lead agency ${snapshot.owningAgency}; a participating agency takes only its own steps`;
  }
  return `${action} on case ${snapshot.caseNumber} is for ${whoMay(rows, snapshot)}`;
}

function requiredRole(row: Transition, step: ProcessStepKind | null): TransitionRole {
  return row.role === 'STEP' && step !== null ? STEP_ROLE_OF[step] : row.role;
}

function holdsRole(actor: Actor, role: TransitionRole): boolean {
  if (role === 'APPLICANT' || role === 'SYSTEM') return true;
  return actor.kind === 'DEPARTMENT_SYSTEM' || actor.roles.includes(role);
}

/**
 * Applies `action` to a case. Pure: the caller loads the snapshot, and stores the returned
 * snapshot and record only where the case still has the version it loaded — that conditional
 * write, not this function, is what keeps two concurrent transitions from both winning.
 *
 * Checks run from the coarsest to the finest, so a refusal names the first thing to fix: the
 * actor's standing on the case, the state, the case kind/decision/result, the role, the input, and
 * last the case's details (open steps, deadlines).
 */
export function applyTransition(snapshot: CaseSnapshot, action: Action, actor: Actor, input: TransitionInput): TransitionOutcome {
  if (!isOneOf(ACTIONS, action)) return refuse('BAD_USER_INPUT', `'${String(action)}' is not a case action`, 'action');
  if (timestampMillis(input.occurredAt) === null) {
    return refuse('BAD_USER_INPUT', `${action}: occurredAt should be an ISO 8601 timestamp with an offset`, 'occurredAt');
  }

  const standing = standingOf(snapshot, actor);
  const rows = TRANSITIONS.filter((row) => row.action === action);
  if (!rows.some((row) => admits(row, standing))) return refuse('FORBIDDEN', notAParty(action, rows, snapshot, standing));

  const fromState = rows.filter((row) => row.from.includes(snapshot.state));
  if (fromState.length === 0) return illegal(action, snapshot, whyNotFrom(action, snapshot.state));

  let result: ResultKind | null = null;
  let label: string = action;
  let candidates = fromState.filter((row) => row.caseKinds === undefined || row.caseKinds.includes(snapshot.kind));
  if (action === 'COMPLETE') {
    if (!isOneOf(RESULT_KINDS, input.result)) {
      return refuse('BAD_USER_INPUT', `COMPLETE needs a result kind, one of ${RESULT_KINDS.join(', ')}`, 'result');
    }
    result = input.result;
    label = `COMPLETE with ${result}`;
    candidates = candidates.filter(
      (row) => row.results?.includes(input.result!) && (row.decision === undefined || row.decision === snapshot.decision?.decision),
    );
    if (candidates.length === 0) return illegal(label, snapshot, whyNotComplete(snapshot, result, fromState));
  } else if (candidates.length === 0) {
    return illegal(action, snapshot, `it does not apply to a ${snapshot.kind} case`);
  }

  const admitted = candidates.filter((row) => admits(row, standing));
  if (admitted.length === 0) return refuse('FORBIDDEN', `${label} on case ${snapshot.caseNumber} is for ${whoMay(candidates, snapshot)}`);

  if (action === 'START_STEP') {
    const problem = checkRequired(['step'], input);
    if (problem !== null) return refuse('BAD_USER_INPUT', `${label}: ${problem.field} ${problem.reason}`, problem.field);
  }
  const context: GuardContext = { snapshot, action, actor, standing, input, label, result };
  const concerned = stepConcerned(context);
  if ('ok' in concerned) return concerned;
  const { step } = concerned;

  const row = admitted.find((candidate) => holdsRole(actor, requiredRole(candidate, step)));
  if (row === undefined) {
    const roles = [...new Set(admitted.map((candidate) => requiredRole(candidate, step)))];
    const named = roles.map((role) => `${role}${ROLE_NAMES[role] === undefined ? '' : ` (${ROLE_NAMES[role]})`}`).join(' or ');
    return refuse('FORBIDDEN', `${label}${step === null ? '' : ` on step ${step}`} needs the ${named} role`);
  }

  const problem = checkRequired(row.requires ?? [], input) ?? checkOptional(input);
  if (problem !== null) return refuse('BAD_USER_INPUT', `${label}: ${problem.field} ${problem.reason}`, problem.field);
  if (actor.kind === 'DEPARTMENT_SYSTEM' && input.handler === undefined) {
    return refuse('BAD_USER_INPUT', `${label}: a departmental system must name the handler (办理人员) it acts for`, 'handler');
  }

  const refusal = guard(context);
  if (refusal !== null) return refusal;

  result = row.fixedResult ?? result;
  const agency = standing === 'OWNER' || standing === 'PARTICIPANT' ? actor.agency! : snapshot.owningAgency;
  const handlerId = input.handler?.id ?? actor.subject;
  const next = nextSnapshot({ snapshot, action, to: row.to, input, agency, handlerId, step, result });
  const record = buildRecord({ before: snapshot, after: next, action, actor, input, agency, step, result });
  return { ok: true, next, record };
}
