import type { CertificateConnectionResolvers } from '../generated/resolvers-types.ts';

export const CertificateConnection: CertificateConnectionResolvers = {
  edges: (connection) => connection.nodes.map((node) => ({ cursor: connection.cursorOf(node), node })),
  pageInfo: (connection) => {
    const last = connection.nodes.at(-1);
    return { hasNextPage: connection.hasNextPage, endCursor: last === undefined ? null : connection.cursorOf(last) };
  },
};
