import type { ClockTask } from '../alerts/types.ts';
import { AWAITING_AGENCY, type OrderModel } from './model.ts';
import { ORDER_COLUMNS, toOrder } from './repository.ts';
import { answeredLate, overdueTask } from '../workflow/overdue.ts';

/**
 * Answered after its due day, or still with the agency past it (an order not yet reviewed is not
 * the agency's delay; a refused one never reached it).
 */
export function orderOverdue(order: Pick<OrderModel, 'state' | 'dueOn' | 'answeredAt'>, today: string): boolean {
  if (AWAITING_AGENCY.includes(order.state)) return today > order.dueOn;
  return answeredLate(order.answeredAt, order.dueOn);
}

/**
 * The clock's part for orders: each order still with the agency past its due day raises one
 * SUPERVISION_OVERDUE alert (occasion `due:<day>`), once.
 */
export const overdueOrders: ClockTask = overdueTask({
  table: 'supervision_order',
  dueColumn: 'due_on',
  awaiting: `state IN (${AWAITING_AGENCY.map((state) => `'${state}'`).join(', ')})`,
  columns: ORDER_COLUMNS,
  toAlert(row) {
    const order = toOrder(row);
    return {
      id: order.id,
      dueOn: order.dueOn,
      calendarVersion: order.calendarVersion,
      kind: 'ORDER',
      target: { agency: order.agency, region: order.region, implementationCode: order.itemCode, itemType: order.itemType },
      caseNumber: order.caseNumber,
      message: `督办单 ${order.number}（${order.itemName}）已超过反馈期限 ${order.dueOn}，被督办单位尚未反馈`,
      evidence: { orderNumber: order.number, dueOn: order.dueOn, state: order.state },
    };
  },
});
