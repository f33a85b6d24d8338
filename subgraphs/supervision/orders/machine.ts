import type { TransitionRefusal } from '../../cases/domain/outcome.ts';
import { INITIATE, type OrderAction, type OrderModel, type OrderState } from './model.ts';
import { checkMove, stepOf, type ActionInput, type Actor, type MachineSpec, type Move, type StepModel } from '../workflow/machine.ts';

/**
 * The supervision order's state machine (督办, seed 001 §5(7)): 发起 → 审核 → 签收 → 反馈 → 办结.
 * Pure: the caller loads the order, and stores the result only where the order still has the
 * version it loaded.
 *
 * Who: the review is by an auditor other than the initiator (four eyes: an order is binding on
 * the agency, so no one orders alone); signing and answering by staff of the agency ordered;
 * returning the answer and closing by an auditor.
 */
export const ORDER_MOVES: Readonly<Record<OrderAction, Move<OrderState>>> = {
  APPROVE: { from: ['INITIATED'], to: 'REVIEWED', name: '审核通过' },
  // A refusal without a reason is itself what supervision reports on cases; the order does not do it either.
  REFUSE: { from: ['INITIATED'], to: 'REFUSED', name: '审核不通过', requires: { field: 'opinion', meaning: 'the reason (opinion)' } },
  SIGN: { from: ['REVIEWED'], to: 'SIGNED', name: '签收' },
  ANSWER: { from: ['SIGNED'], to: 'ANSWERED', name: '反馈', requires: { field: 'opinion', meaning: 'the feedback (反馈内容, opinion)' } },
  RETURN: { from: ['ANSWERED'], to: 'SIGNED', name: '退回重新反馈', requires: { field: 'opinion', meaning: 'the reason (opinion)' } },
  CLOSE: { from: ['ANSWERED'], to: 'CLOSED', name: '办结', requires: { field: 'result', meaning: 'the result (督办结果)' } },
};

const BY_STATE: Readonly<Record<OrderState, string>> = {
  INITIATED: 'the order awaits its review (审核)',
  REVIEWED: 'the order awaits the agency’s signature (签收)',
  REFUSED: 'the order was refused at review (审核不通过) and is closed',
  SIGNED: 'the order awaits the agency’s feedback (反馈)',
  ANSWERED: 'the agency has answered; the order awaits an auditor (办结 or 退回)',
  CLOSED: 'the order is closed (已办结)',
};

const BY_ACTION: Readonly<Partial<Record<OrderAction, Partial<Record<OrderState, string>>>>> = {
  APPROVE: { REVIEWED: 'the order has already been reviewed', SIGNED: 'the order has already been reviewed', ANSWERED: 'the order has already been reviewed' },
  REFUSE: { REVIEWED: 'the order has already been approved', SIGNED: 'the order has already been approved', ANSWERED: 'the order has already been approved' },
  SIGN: { SIGNED: 'the order is already signed', ANSWERED: 'the order is already signed and answered', INITIATED: 'the order has not been reviewed yet' },
  ANSWER: { INITIATED: 'the order has not been reviewed yet', REVIEWED: 'the order has not been signed (签收) yet', ANSWERED: 'the order is already answered; an auditor may return it' },
  RETURN: { SIGNED: 'there is no answer to return yet' },
  CLOSE: { INITIATED: 'the order has not been reviewed yet', REVIEWED: 'the agency has not answered yet', SIGNED: 'the agency has not answered yet' },
};

function spec(order: Pick<OrderModel, 'number' | 'agency' | 'initiatedBy'>): MachineSpec<OrderState, OrderAction> {
  return {
    label: `supervision order ${order.number}`,
    moves: ORDER_MOVES,
    whyNotFrom: (action, state) => BY_ACTION[action]?.[state] ?? BY_STATE[state],
    mayAct(action, actor) {
      switch (action) {
        case 'APPROVE':
        case 'REFUSE':
          if (actor.kind !== 'AUDITOR') return 'the review (审核) is an auditor’s';
          return actor.subject === order.initiatedBy ? 'an order is reviewed by an auditor other than the one who initiated it (four eyes)' : null;
        case 'SIGN':
        case 'ANSWER':
          return actor.kind === 'STAFF' && actor.agency === order.agency ? null : `the order is signed and answered by staff of the agency ordered (${order.agency})`;
        case 'RETURN':
        case 'CLOSE':
          return actor.kind === 'AUDITOR' ? null : 'returning and closing an order is an auditor’s';
      }
    },
  };
}

/** What an action changes of an order; the repository writes it with the step. */
export type OrderChange = Pick<OrderModel, 'state' | 'answeredAt' | 'closedAt' | 'result' | 'version'>;

export type OrderOutcome = { ok: true; change: OrderChange; step: StepModel<OrderState> } | TransitionRefusal;

/** Applies `action` by `actor` at `at` (ISO 8601) to the order. */
export function actOnOrder(order: OrderModel, action: OrderAction, actor: Actor, input: ActionInput, at: string): OrderOutcome {
  const checked = checkMove(spec(order), order.state, action, actor, input);
  if (!checked.ok) return checked;
  const { move, opinion, result } = checked;
  const change: OrderChange = {
    state: move.to,
    answeredAt: action === 'ANSWER' ? at : order.answeredAt,
    closedAt: move.to === 'CLOSED' || move.to === 'REFUSED' ? at : null,
    result: action === 'CLOSE' ? result : order.result,
    version: order.version + 1,
  };
  // The step keeps what was said; a close without a separate opinion is explained by its result.
  return { ok: true, change, step: stepOf(action, move.name, order.state, move.to, actor, opinion ?? result, at) };
}

/** 动作名称 of every step an order can have, 发起 included. */
export const ORDER_ACTION_NAMES: Readonly<Record<string, string>> = {
  [INITIATE.action]: INITIATE.name,
  ...Object.fromEntries(Object.entries(ORDER_MOVES).map(([action, move]) => [action, move.name])),
};
