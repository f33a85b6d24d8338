import type { Queryable } from '../../lib/db/store.ts';

/**
 * The catalog resolvers as a typical team writes them first: one SQL statement per field that
 * needs another table, run per guide, no DataLoader, no cache. A page of 20 guides with their
 * name, legal limit, agency and item costs 1 + 4 × 20 statements. Only what the portal query and
 * serviceGuides paging need is here; filters are ignored and the page size is not validated.
 */

type Row = Record<string, unknown>;

const encodeCursor = (key: string) => Buffer.from(key, 'utf8').toString('base64url');
const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

async function one(db: Queryable, sql: string, key: unknown): Promise<Row> {
  const { rows } = await db.query(sql, [key]);
  if (!rows[0]) throw new Error(`no row for ${String(key)}`);
  return rows[0];
}

/** The item's latest content version, read per field as a first implementation would. */
async function itemContent(db: Queryable, basicCode: unknown): Promise<Record<string, unknown>> {
  const row = await one(
    db,
    'SELECT content FROM item_version WHERE basic_code = $1 AND effective_from <= current_date ORDER BY effective_from DESC, version DESC LIMIT 1',
    basicCode,
  );
  const content = row['content'];
  return (typeof content === 'string' ? JSON.parse(content) : content) as Record<string, unknown>;
}

export function baselineResolvers(db: Queryable) {
  return {
    Query: {
      async serviceGuides(_parent: unknown, args: { first?: number | null; after?: string | null }) {
        const first = args.first ?? 20;
        const { rows } = await db.query(
          `SELECT * FROM service_guide WHERE $1::text IS NULL OR implementation_code > $1
            ORDER BY implementation_code LIMIT $2`,
          [args.after ? decodeCursor(args.after) : null, first + 1],
        );
        const nodes = rows.slice(0, first);
        const last = nodes.at(-1);
        return {
          edges: nodes.map((node) => ({ cursor: encodeCursor(String(node['implementation_code'])), node })),
          pageInfo: {
            hasNextPage: rows.length > first,
            endCursor: last ? encodeCursor(String(last['implementation_code'])) : null,
          },
        };
      },
    },
    ServiceGuideConnection: {
      async totalCount() {
        const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM service_guide');
        return rows[0]?.n ?? 0;
      },
    },
    ServiceGuide: {
      implementationCode: (guide: Row) => guide['implementation_code'],
      async name(guide: Row) {
        return (await itemContent(db, guide['basic_code']))['name'];
      },
      // The legal limit is a common element: it lives in the item's current version.
      async legalTimeLimit(guide: Row) {
        return (await itemContent(db, guide['basic_code']))['legalTimeLimit'] ?? null;
      },
      agency: (guide: Row) => one(db, 'SELECT * FROM agency WHERE uscc = $1', guide['agency_uscc']),
      item: (guide: Row) => one(db, 'SELECT * FROM service_item WHERE basic_code = $1', guide['basic_code']),
    },
    ServiceItem: {
      basicCode: (item: Row) => item['basic_code'],
    },
  };
}
