import pg from 'pg';
import { assertSchemaName, counted, type Queryable, type Store, type StoreStats } from './store.ts';

export interface PostgresStoreOptions {
  url: string;
  schema: string;
  poolSize?: number;
  /** Name shown in pg_stat_activity, so an operator can tell which subgraph holds a connection. */
  applicationName?: string;
}

function queryableOf(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query(sql, params) {
      const result = await client.query(sql, params as unknown[] | undefined);
      return { rows: result.rows };
    },
    async exec(sql) {
      await client.query(sql);
    },
  };
}

export function openPostgresStore(options: PostgresStoreOptions): Store {
  const schema = assertSchemaName(options.schema);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // The search_path is set per connection, so the same migrations and queries serve any schema
    // name (tests use throw-away schemas in one database).
    options: `-c search_path=${schema}`,
    application_name: options.applicationName ?? 'tongban',
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const stats: StoreStats = { statements: 0 };
  const base = counted(queryableOf(pool), stats);

  async function withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  }

  return {
    kind: 'postgres',
    schema,
    stats,
    query: base.query,
    exec: base.exec,
    transaction: (fn) =>
      withClient(async (client) => {
        const tx = counted(queryableOf(client), stats);
        await client.query('BEGIN');
        try {
          const result = await fn(tx);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        }
      }),
    session: (fn) => withClient((client) => fn(counted(queryableOf(client), stats))),
    async ping() {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => pool.end(),
  };
}
