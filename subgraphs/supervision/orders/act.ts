import { authorize } from '../../../lib/auth/authorize.ts';
import { refusalError } from '../../cases/errors.ts';
import { checkActable, commitAction } from '../workflow/act.ts';
import type { Context } from '../context.ts';
import type { SupervisionOrderActionInput } from '../generated/resolvers-types.ts';
import { actOnOrder } from './machine.ts';
import type { OrderAction, OrderModel } from './model.ts';
import { ordersById, updateOrder } from './repository.ts';
import { actorOf } from '../workflow/machine.ts';

/**
 * Moves an order: the state machine decides (machine.ts), this writes — where the order still has
 * the version the caller read, so of two concurrent actions exactly one is stored; the other gets
 * VERSION_CONFLICT. The step and the access-log entry commit with the change.
 */
export async function actOnSupervisionOrder(context: Context, id: string, action: OrderAction, input: SupervisionOrderActionInput): Promise<OrderModel> {
  const { identity } = context;
  authorize(identity.principal, 'supervision.act');
  const [found] = await ordersById(context.store, [id]);
  const order = checkActable(found, id, 'supervision order', input.expectedVersion, (order) => authorize(identity.principal, 'supervision.act', { agency: order.agency }));
  const outcome = actOnOrder(order, action, actorOf(identity.principal), input, context.now().toISOString());
  if (!outcome.ok) throw refusalError(outcome);
  await commitAction(
    context,
    'supervision_order',
    order,
    action,
    input.expectedVersion,
    (tx) => updateOrder(tx, order.id, order.version, outcome.change, outcome.step),
    async () => (await ordersById(context.store, [id]))[0]?.version,
  );
  context.loaders.supervisionOrder.clear(order.id);
  context.loaders.supervisionOrderSteps.clear(order.id);
  return { ...order, ...outcome.change };
}
