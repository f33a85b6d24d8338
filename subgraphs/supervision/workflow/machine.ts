import type { Principal } from '../../../lib/auth/principal.ts';
import { refuse, type TransitionRefusal } from '../../cases/domain/outcome.ts';

/**
 * What supervision orders and complaints share: a small state machine where each action has one
 * source state (or a few), one party that may take it, and at most one required text. Each area
 * states its table and its reasons (orders/machine.ts, complaints/machine.ts); the checks and their
 * order live here once.
 *
 * Checks run from the coarsest to the finest, as the case machine's do, so a refusal names the
 * first thing to fix: the party (FORBIDDEN), the state (ILLEGAL_TRANSITION), then the input
 * (BAD_USER_INPUT naming the field).
 */

/** Who acts, as the machines need to know them. */
export interface Actor {
  subject: string;
  name: string | null;
  /** The PrincipalKind: AUDITOR, STAFF, NATURAL_PERSON … */
  kind: string;
  /** USCC of a staff member's agency. */
  agency: string | null;
}

export function actorOf(principal: Principal): Actor {
  return { subject: principal.subject, name: principal.name, kind: principal.kind, agency: principal.agency };
}

/** An optional text field of an action's input. */
export type TextField = 'opinion' | 'result';

export const MAX_TEXT = 2000;

export interface Move<S extends string> {
  from: readonly S[];
  /** Where the action leads; CONFIRM of a complaint decides between two by the input. */
  to: S;
  /** The text the action cannot do without, and what it means (反馈内容, 督办结果 …). */
  requires?: { field: TextField; meaning: string };
  /** 动作名称, as steps show it. */
  name: string;
}

/** One stored step: who moved the order or complaint, when, from where to where, and what they said. */
export interface StepModel<S extends string = string> {
  action: string;
  actionName: string;
  fromState: S | null;
  toState: S;
  handlerId: string;
  handlerName: string | null;
  opinion: string | null;
  /** ISO 8601. */
  at: string;
}

export type Checked<T> = { ok: true; value: T } | TransitionRefusal;

/** A text of 1–MAX_TEXT characters once trimmed; `required` says whether it may be absent. */
export function checkText(field: string, value: string | null | undefined, required: string | null): Checked<string | null> {
  if (value === null || value === undefined) {
    return required === null ? { ok: true, value: null } : refuse('BAD_USER_INPUT', `${required} is required`, field);
  }
  const trimmed = value.trim();
  if (trimmed === '') return refuse('BAD_USER_INPUT', required === null ? 'should not be blank (omit it instead)' : `${required} is required`, field);
  if (trimmed.length > MAX_TEXT) return refuse('BAD_USER_INPUT', `should be at most ${MAX_TEXT} characters`, field);
  return { ok: true, value: trimmed };
}

export interface MachineSpec<S extends string, A extends string> {
  /** How refusals name the thing moved, e.g. `order DB202603020001`. */
  label: string;
  moves: Readonly<Record<A, Move<S>>>;
  /** Why an action cannot start from a state (the state's own account unless the action has a better one). */
  whyNotFrom(action: A, state: S): string;
  /** Null when the actor may take the action; else why not (FORBIDDEN). */
  mayAct(action: A, actor: Actor): string | null;
}

export interface ActionInput {
  opinion?: string | null;
  result?: string | null;
}

/**
 * The party, the state and the texts of one action. On success: the move and the checked texts
 * (trimmed); the area's machine then builds its next state from them.
 */
export function checkMove<S extends string, A extends string>(
  spec: MachineSpec<S, A>,
  state: S,
  action: A,
  actor: Actor,
  input: ActionInput,
): { ok: true; move: Move<S>; opinion: string | null; result: string | null } | TransitionRefusal {
  const move = spec.moves[action];
  if (move === undefined) return refuse('BAD_USER_INPUT', `'${String(action)}' is not an action of ${spec.label}`, 'action');
  const notAllowed = spec.mayAct(action, actor);
  if (notAllowed !== null) return refuse('FORBIDDEN', `${action} on ${spec.label}: ${notAllowed}`);
  if (!move.from.includes(state)) return refuse('ILLEGAL_TRANSITION', `${action} is not allowed from ${state}: ${spec.whyNotFrom(action, state)}`);
  const texts: Record<TextField, string | null> = { opinion: null, result: null };
  for (const field of ['opinion', 'result'] as const) {
    const required = move.requires?.field === field ? `${action}: ${move.requires.meaning}` : null;
    if (field === 'result' && required === null && input.result !== null && input.result !== undefined) {
      return refuse('BAD_USER_INPUT', `is given with ${resultActions(spec).join(' or ')} only`, field);
    }
    const checked = checkText(field, input[field], required);
    if (!checked.ok) return checked;
    texts[field] = checked.value;
  }
  return { ok: true, move, ...texts };
}

function resultActions<S extends string, A extends string>(spec: MachineSpec<S, A>): string[] {
  return Object.entries<Move<S>>(spec.moves)
    .filter(([, move]) => move.requires?.field === 'result')
    .map(([action]) => action);
}

/** The step an action writes. */
export function stepOf<S extends string>(action: string, actionName: string, from: S | null, to: S, actor: Actor, opinion: string | null, at: string): StepModel<S> {
  return { action, actionName, fromState: from, toState: to, handlerId: actor.subject, handlerName: actor.name, opinion, at };
}
