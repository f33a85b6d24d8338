import { chinaDate } from '../../../lib/time.ts';
import type { SupervisionOrderResolvers } from '../generated/resolvers-types.ts';
import { ORDER_STATE_NAMES } from '../orders/model.ts';
import { orderOverdue } from '../orders/overdue.ts';

export const SupervisionOrder: SupervisionOrderResolvers = {
  agency: (order) => ({ uscc: order.agency }),
  case: (order) => (order.caseNumber === null ? null : { caseNumber: order.caseNumber }),
  alert: (order, _args, { loaders }) => (order.alertId === null ? null : loaders.alert.load(order.alertId)),
  stateName: (order) => ORDER_STATE_NAMES[order.state],
  overdue: (order, _args, { now }) => orderOverdue(order, chinaDate(now())),
  steps: (order, _args, { loaders }) => loaders.supervisionOrderSteps.load(order.id),
};
