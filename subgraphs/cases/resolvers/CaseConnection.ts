import type { CaseConnectionResolvers } from '../generated/resolvers-types.ts';

export const CaseConnection: CaseConnectionResolvers = {
  edges: (page) => page.rows.map((row) => ({ cursor: page.cursorOf(row), node: row })),
  pageInfo: (page) => ({ hasNextPage: page.hasNextPage, endCursor: page.rows.length ? page.cursorOf(page.rows.at(-1)!) : null }),
  totalCount: (page) => page.total,
};
