import { refuse, type TransitionRefusal } from '../../cases/domain/outcome.ts';
import { checkMove, stepOf, type Actor, type MachineSpec, type Move, type StepModel } from '../workflow/machine.ts';
import { RECEIVE, type ComplaintAction, type ComplaintModel, type ComplaintState } from './model.ts';

/**
 * The complaint's state machine (投诉, seed 001 §7(5)): 登记 → 受理 (or 不予受理) → 转办 → 答复 →
 * 回访 → 满意确认, where a complainant who is not satisfied sends it back to the agency (ROUTED again,
 * with a new answer period). Pure, like the order's.
 *
 * Who: auditors accept, route and follow up; staff of the agency complained about answer; the
 * confirmation is the complainant's own when they complained online (the person signed in when
 * filing), an auditor's record of what they said when they called or came in.
 */
export const COMPLAINT_MOVES: Readonly<Record<ComplaintAction, Move<ComplaintState>>> = {
  ACCEPT: { from: ['RECEIVED'], to: 'ACCEPTED', name: '受理' },
  REJECT: { from: ['RECEIVED'], to: 'NOT_ACCEPTED', name: '不予受理', requires: { field: 'opinion', meaning: 'the reason (opinion)' } },
  ROUTE: { from: ['ACCEPTED'], to: 'ROUTED', name: '转办' },
  ANSWER: { from: ['ROUTED'], to: 'ANSWERED', name: '答复', requires: { field: 'opinion', meaning: 'the answer (答复内容, opinion)' } },
  FOLLOW_UP: { from: ['ANSWERED'], to: 'FOLLOWED_UP', name: '回访', requires: { field: 'opinion', meaning: 'what the complainant said (回访情况, opinion)' } },
  // Satisfied closes; not satisfied routes it again (the machine picks by `satisfied`).
  CONFIRM: { from: ['FOLLOWED_UP'], to: 'CLOSED', name: '满意确认' },
};

const BY_STATE: Readonly<Record<ComplaintState, string>> = {
  RECEIVED: 'the complaint has not been accepted yet',
  ACCEPTED: 'the complaint has not been routed to the agency yet',
  NOT_ACCEPTED: 'the complaint was not accepted (不予受理) and is closed',
  ROUTED: 'the complaint awaits the agency’s answer (答复)',
  ANSWERED: 'the agency has answered; the complaint awaits the follow-up (回访)',
  FOLLOWED_UP: 'the complaint awaits the complainant’s confirmation',
  CLOSED: 'the complaint is closed (已办结)',
};

const ALREADY_ACCEPTED = 'the complaint has already been accepted';

const BY_ACTION: Readonly<Partial<Record<ComplaintAction, Partial<Record<ComplaintState, string>>>>> = {
  ACCEPT: { ACCEPTED: ALREADY_ACCEPTED, ROUTED: ALREADY_ACCEPTED, ANSWERED: ALREADY_ACCEPTED, FOLLOWED_UP: ALREADY_ACCEPTED },
  REJECT: { ACCEPTED: ALREADY_ACCEPTED, ROUTED: ALREADY_ACCEPTED, ANSWERED: ALREADY_ACCEPTED, FOLLOWED_UP: ALREADY_ACCEPTED },
  ROUTE: {
    ROUTED: 'the complaint is already with the agency',
    ANSWERED: 'the agency has answered; a complainant who is not satisfied sends it back with CONFIRM',
    FOLLOWED_UP: 'a complainant who is not satisfied sends it back with CONFIRM',
  },
  ANSWER: { ANSWERED: 'the complaint is already answered', FOLLOWED_UP: 'the complaint is already answered' },
  FOLLOW_UP: { FOLLOWED_UP: 'the follow-up is already recorded' },
  CONFIRM: { ROUTED: 'the agency has not answered yet', ANSWERED: 'the follow-up (回访) comes before the confirmation' },
};

function spec(complaint: Pick<ComplaintModel, 'number' | 'agency' | 'channel' | 'complainantSubject'>): MachineSpec<ComplaintState, ComplaintAction> {
  return {
    label: `complaint ${complaint.number}`,
    moves: COMPLAINT_MOVES,
    whyNotFrom: (action, state) => BY_ACTION[action]?.[state] ?? BY_STATE[state],
    mayAct(action, actor) {
      switch (action) {
        case 'ACCEPT':
        case 'REJECT':
        case 'ROUTE':
        case 'FOLLOW_UP':
          return actor.kind === 'AUDITOR' ? null : 'accepting, routing and following up a complaint is an auditor’s';
        case 'ANSWER':
          return actor.kind === 'STAFF' && actor.agency === complaint.agency ? null : `the complaint is answered by staff of the agency complained about (${complaint.agency})`;
        case 'CONFIRM':
          if (complaint.channel === 'ONLINE') {
            return actor.subject === complaint.complainantSubject ? null : 'an online complaint is confirmed by the person who filed it';
          }
          return actor.kind === 'AUDITOR' ? null : `an auditor records the confirmation of a ${complaint.channel} complaint`;
      }
    },
  };
}

export interface ComplaintActionInput {
  opinion?: string | null;
  satisfied?: boolean | null;
}

/** What an action changes of a complaint; the repository writes it with the step. */
export type ComplaintChange = Pick<ComplaintModel, 'state' | 'answerDueOn' | 'calendarVersion' | 'answer' | 'answeredAt' | 'satisfied' | 'closedAt' | 'version'>;

export type ComplaintOutcome = { ok: true; change: ComplaintChange; step: StepModel<ComplaintState> } | TransitionRefusal;

/**
 * Applies `action` by `actor` at `at` (ISO 8601). `routing` is the answer period a routing would
 * set (the caller counts it on the working-day calendar; used by ROUTE and by CONFIRM not satisfied).
 */
export function actOnComplaint(
  complaint: ComplaintModel,
  action: ComplaintAction,
  actor: Actor,
  input: ComplaintActionInput,
  at: string,
  routing: { dueOn: string; calendarVersion: string } | null,
): ComplaintOutcome {
  const checked = checkMove(spec(complaint), complaint.state, action, actor, { opinion: input.opinion });
  if (!checked.ok) return checked;
  const satisfied = input.satisfied ?? null;
  if (action === 'CONFIRM' && satisfied === null) return refuse('BAD_USER_INPUT', 'CONFIRM: whether the complainant is satisfied is required', 'satisfied');
  if (action !== 'CONFIRM' && satisfied !== null) return refuse('BAD_USER_INPUT', 'is given with CONFIRM only', 'satisfied');
  const to: ComplaintState = action === 'CONFIRM' && satisfied === false ? 'ROUTED' : checked.move.to;
  const routed = to === 'ROUTED';
  if (routed && routing === null) throw new Error(`${action} routes the complaint but no answer period was given`);
  const change: ComplaintChange = {
    state: to,
    answerDueOn: routed ? routing!.dueOn : complaint.answerDueOn,
    calendarVersion: routed ? routing!.calendarVersion : complaint.calendarVersion,
    answer: action === 'ANSWER' ? checked.opinion : complaint.answer,
    answeredAt: action === 'ANSWER' ? at : complaint.answeredAt,
    satisfied: action === 'CONFIRM' ? satisfied : complaint.satisfied,
    closedAt: to === 'CLOSED' || to === 'NOT_ACCEPTED' ? at : null,
    version: complaint.version + 1,
  };
  return { ok: true, change, step: stepOf(action, checked.move.name, complaint.state, to, actor, checked.opinion, at) };
}

/** True when the action would route the complaint, so the caller counts an answer period first. */
export function routes(action: ComplaintAction, satisfied: boolean | null | undefined): boolean {
  return action === 'ROUTE' || (action === 'CONFIRM' && satisfied === false);
}

/** 动作名称 of every step a complaint can have, 登记 included. */
export const COMPLAINT_ACTION_NAMES: Readonly<Record<string, string>> = {
  [RECEIVE.action]: RECEIVE.name,
  ...Object.fromEntries(Object.entries(COMPLAINT_MOVES).map(([action, move]) => [action, move.name])),
};
