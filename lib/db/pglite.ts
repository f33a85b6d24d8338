import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { assertSchemaName, counted, type Queryable, type Store, type StoreStats } from './store.ts';

export interface PgliteStoreOptions {
  /** A directory to persist to; undefined keeps everything in memory (tests). */
  dataDir?: string;
  schema: string;
}

function queryableOf(db: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query(sql, params) {
      const result = await db.query(sql, params as unknown[] | undefined);
      return { rows: result.rows as never[] };
    },
    async exec(sql) {
      await db.exec(sql);
    },
  };
}

/**
 * PGlite is PostgreSQL compiled to WASM, running inside this process on a single connection. One
 * process may open a data directory at a time, so each subgraph keeps its own directory.
 */
export async function openPgliteStore(options: PgliteStoreOptions): Promise<Store> {
  const schema = assertSchemaName(options.schema);
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ?? 'memory://');
  await db.exec(`SET search_path TO ${schema}`);
  const stats: StoreStats = { statements: 0 };
  const base = counted(queryableOf(db), stats);
  return {
    kind: 'pglite',
    schema,
    stats,
    query: base.query,
    exec: base.exec,
    transaction: (fn) => db.transaction((tx) => fn(counted(queryableOf(tx), stats))),
    // A single connection: the session is the database itself.
    session: (fn) => fn(base),
    async ping() {
      try {
        await db.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.close(),
  };
}
