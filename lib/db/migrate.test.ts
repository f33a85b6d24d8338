import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from './postgres.ts';
import { migrate, readMigrations, type Migration } from './migrate.ts';
import { postgresUrl, storeKinds, uniqueSchema } from '../../tests/support/services.ts';
import { openTestStore, type TestStore } from '../../tests/support/stores.ts';

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tongban-migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(path.join(dir, name), sql);
  return dir;
}

const BASIC = {
  '0001_first.sql': 'CREATE TABLE thing (id integer PRIMARY KEY);',
  '0002_second.sql': 'ALTER TABLE thing ADD COLUMN name text;',
};

describe('readMigrations', () => {
  it('orders files by version and rejects gaps and bad names', () => {
    expect(readMigrations(migrationsDir(BASIC)).map((m) => m.version)).toEqual([1, 2]);
    expect(() => readMigrations(migrationsDir({ '0001_a.sql': '', '0003_c.sql': '' }))).toThrow(/without gaps/);
    expect(() => readMigrations(migrationsDir({ 'init.sql': '' }))).toThrow(/NNNN_name/);
  });
});

describe.each(storeKinds())('migrate on %s', (kind) => {
  let target: TestStore;
  afterEach(async () => target?.dispose());

  it('applies pending migrations once; a second run applies nothing', async () => {
    target = await openTestStore(kind);
    const migrations = readMigrations(migrationsDir(BASIC));
    expect((await migrate(target.store, migrations)).applied).toEqual([1, 2]);
    expect((await migrate(target.store, migrations)).applied).toEqual([]);
    await target.store.query('INSERT INTO thing (id, name) VALUES (1, $1)', ['x']);
    const { rows } = await target.store.query('SELECT name FROM thing');
    expect(rows).toEqual([{ name: 'x' }]);
  });

  it('rolls back a failing migration entirely and records nothing of it', async () => {
    target = await openTestStore(kind);
    const broken: Migration[] = readMigrations(
      migrationsDir({ '0001_ok.sql': BASIC['0001_first.sql'], '0002_bad.sql': 'CREATE TABLE half (id int); SELECT no_such_function();' }),
    );
    await expect(migrate(target.store, broken)).rejects.toThrow();
    const { rows } = await target.store.query<{ version: number }>('SELECT version FROM schema_migrations');
    expect(rows.map((row) => row.version)).toEqual([1]);
    const half = await target.store.query(`SELECT to_regclass('half') AS t`);
    expect(half.rows[0]).toEqual({ t: null });
  });

  it('refuses to start when an applied migration was edited afterwards', async () => {
    target = await openTestStore(kind);
    await migrate(target.store, readMigrations(migrationsDir(BASIC)));
    const edited = readMigrations(migrationsDir({ ...BASIC, '0001_first.sql': 'CREATE TABLE thing (id bigint PRIMARY KEY);' }));
    await expect(migrate(target.store, edited)).rejects.toThrow(/changed after it was applied/);
  });
});

describe.runIf(postgresUrl())('migrate from several processes at once (PostgreSQL)', () => {
  it('applies each migration exactly once when four pools race', async () => {
    const schema = uniqueSchema();
    const stores = Array.from({ length: 4 }, () => openPostgresStore({ url: postgresUrl()!, schema, poolSize: 2 }));
    const migrations = readMigrations(migrationsDir(BASIC));
    try {
      const results = await Promise.all(stores.map((store) => migrate(store, migrations)));
      expect(results.flatMap((result) => result.applied).sort()).toEqual([1, 2]);
      const { rows } = await stores[0]!.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows[0]!.n).toBe(2);
    } finally {
      await stores[0]!.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
