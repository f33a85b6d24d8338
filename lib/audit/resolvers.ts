import type { InternalIdentity } from '../auth/internalToken.ts';
import { authorize } from '../auth/authorize.ts';
import type { Queryable } from '../db/store.ts';
import { decodeCursor, encodeCursor, fetchPage, pageSize } from '../graphql/pagination.ts';
import { listAccess, verifyChain, type AccessLogEntry, type AccessLogFilter } from './accessLog.ts';

/**
 * The resolvers every subgraph with an access log uses for its log's root fields: auditors only,
 * newest first, cursor-paged by sequence. Each subgraph keeps its own chain in its own schema (a
 * write and its log entry commit together), so each exposes its own field; the types are shared.
 */
const isSequence = (key: string) => /^\d{1,15}$/.test(key);

export interface AccessLogPage {
  nodes: AccessLogEntry[];
  hasNextPage: boolean;
}

interface AuditContext {
  identity: InternalIdentity;
  store: Queryable;
}

export async function accessLogPage(
  { identity, store }: AuditContext,
  args: { filter?: AccessLogFilter | null; first?: number | null; after?: string | null },
): Promise<AccessLogPage> {
  authorize(identity.principal, 'auditLog.read');
  const size = pageSize(args.first);
  const before = decodeCursor(args.after, isSequence);
  return fetchPage(size, (limit) => listAccess(store, args.filter ?? {}, limit, before === null ? null : Number(before)));
}

export function accessLogVerification({ identity, store }: AuditContext) {
  authorize(identity.principal, 'auditLog.read');
  return verifyChain(store);
}

export const accessLogConnection = {
  edges: (page: AccessLogPage) => page.nodes.map((node) => ({ cursor: encodeCursor(String(node.sequence)), node })),
  pageInfo: (page: AccessLogPage) => {
    const last = page.nodes.at(-1);
    return { hasNextPage: page.hasNextPage, endCursor: last ? encodeCursor(String(last.sequence)) : null };
  },
};
