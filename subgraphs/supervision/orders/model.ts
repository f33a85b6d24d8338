import type { StepModel } from '../workflow/machine.ts';

/** 督办单 states (orders.graphql), in the order an order passes them. */
export const ORDER_STATES = ['INITIATED', 'REVIEWED', 'REFUSED', 'SIGNED', 'ANSWERED', 'CLOSED'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const ORDER_ACTIONS = ['APPROVE', 'REFUSE', 'SIGN', 'ANSWER', 'RETURN', 'CLOSE'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** 督办状态 as the screens show it. */
export const ORDER_STATE_NAMES: Readonly<Record<OrderState, string>> = {
  INITIATED: '已发起',
  REVIEWED: '已审核',
  REFUSED: '审核不通过',
  SIGNED: '已签收',
  ANSWERED: '已反馈',
  CLOSED: '已办结',
};

/** The states in which the order lies with the agency ordered: the clock watches these for an overdue answer. */
export const AWAITING_AGENCY: readonly OrderState[] = ['REVIEWED', 'SIGNED'];

/** The first step of every order. */
export const INITIATE = { action: 'INITIATE', name: '发起督办' } as const;

/** A supervision order as stored (电子督办单, seed 001 §6(7)). */
export interface OrderModel {
  id: string;
  /** DB + China date + sequence. */
  number: string;
  supervisingOffice: string;
  agency: string;
  /** The six-digit 行政区划 of the item's implementation. */
  region: string;
  itemName: string;
  itemCode: string;
  itemType: string | null;
  caseNumber: string | null;
  alertId: string | null;
  subject: string;
  initiatedBy: string;
  initiatedByName: string | null;
  initiatedAt: string;
  answerWithinWorkingDays: number;
  /** China date. */
  dueOn: string;
  calendarVersion: string;
  /** The latest answer (反馈), if any. */
  answeredAt: string | null;
  closedAt: string | null;
  state: OrderState;
  result: string | null;
  version: number;
}

export type OrderStepModel = StepModel<OrderState>;
