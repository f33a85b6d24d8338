import type { AlertConnectionResolvers } from '../generated/resolvers-types.ts';

export const AlertConnection: AlertConnectionResolvers = {
  // Counted only when asked for: a page alone is one indexed query.
  totalCount: (connection) => connection.count(),
  edges: (connection) => connection.nodes.map((node) => ({ cursor: connection.cursorOf(node), node })),
  pageInfo: (connection) => {
    const last = connection.nodes.at(-1);
    return { hasNextPage: connection.hasNextPage, endCursor: last === undefined ? null : connection.cursorOf(last) };
  },
};
