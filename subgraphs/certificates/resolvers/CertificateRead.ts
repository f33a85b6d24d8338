import { readable } from '../access.ts';
import type { CertificateReadConnectionResolvers, CertificateReadResolvers } from '../generated/resolvers-types.ts';

export const CertificateRead: CertificateReadResolvers = {
  typeName: async (read, _args, { loaders }) => (await loaders.type.load(read.typeCode))?.name ?? read.typeCode,
  /** The holder reads it like any of its certificates (an agent's read is logged). */
  certificate: async (read, _args, context) => readable(context, await context.loaders.certificate.load(read.identifier)),
  readerAgency: (read) => ({ uscc: read.readerAgency }),
};

export const CertificateReadConnection: CertificateReadConnectionResolvers = {
  edges: (connection) => connection.nodes.map((node) => ({ cursor: connection.cursorOf(node), node })),
  pageInfo: (connection) => {
    const last = connection.nodes.at(-1);
    return { hasNextPage: connection.hasNextPage, endCursor: last === undefined ? null : connection.cursorOf(last) };
  },
};
