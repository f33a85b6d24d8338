import { authorize } from '../../../lib/auth/authorize.ts';
import { decide } from '../../../lib/auth/policy.ts';
import type { CaseResolvers, MutationResolvers, QueryResolvers } from '../generated/resolvers-types.ts';
import { actOnSupervisionOrder } from './act.ts';
import { initiateOrder } from './initiate.ts';
import { caseNumberOf, firstOf, usccOf } from '../workflow/input.ts';
import { listOrders } from './repository.ts';

/** Supervision orders are between supervision and the agency: auditors read all, staff their agency's (supervision.read). */
export const orderQueries: Pick<QueryResolvers, 'supervisionOrders' | 'supervisionOrder'> = {
  async supervisionOrders(_parent, { filter, first }, { identity, store, loaders }) {
    const { principal } = identity;
    const agency = filter?.agency == null ? null : usccOf('filter.agency', filter.agency);
    const scope = authorize(principal, 'supervision.read', agency === null ? {} : { agency });
    const orders = await listOrders(
      store,
      {
        agency: scope === 'agency' ? principal.agency : agency,
        states: filter?.states ?? null,
        caseNumber: filter?.caseNumber == null ? null : caseNumberOf('filter.caseNumber', filter.caseNumber),
      },
      firstOf(first),
    );
    for (const order of orders) loaders.supervisionOrder.prime(order.id, order);
    return orders;
  },
  async supervisionOrder(_parent, { id }, { identity, loaders }) {
    authorize(identity.principal, 'supervision.read');
    const order = await loaders.supervisionOrder.load(id);
    if (order !== null) authorize(identity.principal, 'supervision.read', { agency: order.agency });
    return order;
  },
};

export const orderMutations: Pick<MutationResolvers, 'initiateSupervisionOrder' | 'actOnSupervisionOrder'> = {
  initiateSupervisionOrder: (_parent, { input }, context) => initiateOrder(context, input),
  actOnSupervisionOrder: (_parent, { id, action, input }, context) => actOnSupervisionOrder(context, id, action, input),
};

/** Case.supervisionOrders: auditors all, staff their agency's; anyone else (the applicant) none. */
export const caseOrderFields: Pick<CaseResolvers, 'supervisionOrders'> = {
  async supervisionOrders(parent, _args, { identity, loaders }) {
    const decision = decide(identity.principal, 'supervision.read');
    if (!decision.allowed) return [];
    const orders = await loaders.supervisionOrdersByCase.load(parent.caseNumber);
    return decision.scope === 'all' ? orders : orders.filter((order) => order.agency === identity.principal.agency);
  },
};
