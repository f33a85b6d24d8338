import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Queryable, Store } from './store.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;
const INCLUDE = /^--\s*@include\s+(\S+)\s*$/gm;

/**
 * A line `-- @include <path>` is replaced by that file (relative to the migration), so DDL shared
 * by several subgraphs (the access log) is written once. The checksum covers the expanded text.
 */
function expandIncludes(sql: string, dir: string): string {
  return sql.replace(INCLUDE, (_line, file: string) => readFileSync(path.resolve(dir, file), 'utf8'));
}

/** Reads `NNNN_name.sql` files in version order; a gap or a duplicate version is a packaging bug. */
export function readMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new Error(`migration file '${file}' is not named NNNN_name.sql`);
      const sql = expandIncludes(readFileSync(path.join(dir, file), 'utf8'), dir);
      return {
        version: Number(match[1]),
        name: match[2]!,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migrations in ${dir} must be numbered 0001, 0002, … without gaps`);
    }
  });
  return migrations;
}

export interface MigrateResult {
  applied: number[];
}

/**
 * Applies pending migrations to the store's schema. Safe to run twice (applied versions are
 * recorded) and from several processes at once: a session-level advisory lock keyed by the schema
 * serialises them, and the schema itself is created only while holding it. Each migration runs in
 * its own transaction together with its bookkeeping row, so a failure leaves no half-applied file.
 * An applied migration whose file has since changed stops start-up: history is not rewritten.
 */
export async function migrate(store: Store, migrations: Migration[]): Promise<MigrateResult> {
  const lockKey = `tongban.migrate.${store.schema}`;
  return store.session(async (session) => {
    await session.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    try {
      return await applyPending(store, session, migrations);
    } finally {
      await session.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
    }
  });
}

async function applyPending(store: Store, session: Queryable, migrations: Migration[]): Promise<MigrateResult> {
  await session.exec(`
    CREATE SCHEMA IF NOT EXISTS ${store.schema};
    CREATE TABLE IF NOT EXISTS ${store.schema}.schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    );`);
  const { rows } = await session.query<{ version: number; checksum: string }>(
    `SELECT version, checksum FROM ${store.schema}.schema_migrations ORDER BY version`,
  );
  const done = new Map(rows.map((row) => [row.version, row.checksum]));
  for (const migration of migrations) {
    const checksum = done.get(migration.version);
    if (checksum !== undefined && checksum !== migration.checksum) {
      throw new Error(
        `migration ${migration.version} (${migration.name}) of schema ${store.schema} changed after it was applied; add a new migration instead`,
      );
    }
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    await session.exec('BEGIN');
    try {
      await session.exec(migration.sql);
      await session.query(
        `INSERT INTO ${store.schema}.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)`,
        [migration.version, migration.name, migration.checksum],
      );
      await session.exec('COMMIT');
    } catch (error) {
      await session.exec('ROLLBACK').catch(() => {});
      throw error;
    }
    applied.push(migration.version);
  }
  return { applied };
}
