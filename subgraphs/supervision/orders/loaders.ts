import DataLoader from 'dataloader';
import type { Store } from '../../../lib/db/store.ts';
import { groupBy } from '../workflow/group.ts';
import type { OrderModel, OrderStepModel } from './model.ts';
import { orderSteps, ordersById, ordersOfCases } from './repository.ts';

/** The supervision order loaders of one request; one statement per batch. */
export interface OrderLoaders {
  supervisionOrder: DataLoader<string, OrderModel | null>;
  /** Case.supervisionOrders: every order on the case, oldest first (the resolver keeps what the reader may see). */
  supervisionOrdersByCase: DataLoader<string, OrderModel[]>;
  supervisionOrderSteps: DataLoader<string, OrderStepModel[]>;
}

export function orderLoaders(store: Store): OrderLoaders {
  return {
    supervisionOrder: new DataLoader(async (ids) => {
      const found = new Map((await ordersById(store, ids)).map((order) => [order.id, order]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    supervisionOrdersByCase: new DataLoader(async (caseNumbers) => groupBy(await ordersOfCases(store, caseNumbers), caseNumbers, (order) => order.caseNumber)),
    supervisionOrderSteps: new DataLoader(async (ids) => {
      const found = await orderSteps(store, ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
  };
}
