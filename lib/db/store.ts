/**
 * The one interface every subgraph uses to reach its relational store. Two implementations speak
 * the same SQL: PostgreSQL through `pg` (production, CI) and PGlite (the embedded default). Code
 * above this layer never knows which one it has.
 */
export interface QueryResult<R> {
  rows: R[];
}

export interface Queryable {
  /** One parameterised statement. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface StoreStats {
  /** Statements sent to the database since the store opened; tests use it to prove batching. */
  statements: number;
}

export interface Store extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** The SQL schema this store's connections use as their search_path. */
  readonly schema: string;
  readonly stats: StoreStats;
  /** Runs fn in one transaction on one connection; rolls back if fn throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs fn on one dedicated connection outside a transaction (advisory locks need that). */
  session<T>(fn: (session: Queryable) => Promise<T>): Promise<T>;
  /** True when a trivial statement succeeds; used by readiness checks. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names are interpolated into SQL (they cannot be parameters), so only plain names pass. */
export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`invalid SQL schema name '${schema}': expected lower-case letters, digits and _`);
  }
  return schema;
}

/** Wraps a Queryable so every statement it runs is counted in stats. */
export function counted(inner: Queryable, stats: StoreStats): Queryable {
  return {
    query(sql, params) {
      stats.statements += 1;
      return inner.query(sql, params);
    },
    exec(sql) {
      stats.statements += 1;
      return inner.exec(sql);
    },
  };
}
