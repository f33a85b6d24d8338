import { encodeCursor } from '../../../lib/graphql/pagination.ts';
import type { ExchangeMessageConnectionResolvers } from '../generated/resolvers-types.ts';

export const ExchangeMessageConnection: ExchangeMessageConnectionResolvers = {
  edges: (page) => page.nodes.map((node) => ({ cursor: encodeCursor(String(node.sequence)), node })),
  pageInfo: (page) => {
    const last = page.nodes.at(-1);
    return { hasNextPage: page.hasNextPage, endCursor: last ? encodeCursor(String(last.sequence)) : null };
  },
};
