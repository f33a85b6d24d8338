import type { ConnectionModel } from '../models.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';

/** Every connection has the same shape; one set of field resolvers serves them all. */
function connectionResolvers<T>() {
  return {
    totalCount: (connection: ConnectionModel<T>) => connection.count(),
    edges: (connection: ConnectionModel<T>) =>
      connection.nodes.map((node) => ({ cursor: connection.cursorOf(node), node })),
    pageInfo: (connection: ConnectionModel<T>) => {
      const last = connection.nodes.at(-1);
      return { hasNextPage: connection.hasNextPage, endCursor: last === undefined ? null : connection.cursorOf(last) };
    },
  };
}

export const ServiceItemConnection: Resolvers['ServiceItemConnection'] = connectionResolvers();
export const ServiceGuideConnection: Resolvers['ServiceGuideConnection'] = connectionResolvers();
