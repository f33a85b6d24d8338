import { afterEach, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../lib/db/migrate.ts';
import { openPostgresStore } from '../../lib/db/postgres.ts';
import { CATALOG_MIGRATIONS_DIR } from '../../subgraphs/catalog/service.ts';
import { postgresUrl, storeKinds, uniqueSchema } from '../../tests/support/services.ts';
import { openTestStore, type TestStore } from '../../tests/support/stores.ts';
import { buildCatalogSeed } from './build.ts';
import { loadCatalogSeed } from './load.ts';

const counts = async (store: TestStore['store']) =>
  (
    await store.query(
      `SELECT (SELECT count(*)::int FROM region) AS regions, (SELECT count(*)::int FROM agency) AS agencies,
              (SELECT count(*)::int FROM service_item) AS items, (SELECT count(*)::int FROM service_guide) AS guides`,
    )
  ).rows[0];

describe.each(storeKinds())('loading the catalog seed on %s', (kind) => {
  let target: TestStore;
  afterEach(async () => target?.dispose());

  it('loads every row once; loading the same seed again writes nothing', async () => {
    target = await openTestStore(kind);
    await migrate(target.store, readMigrations(CATALOG_MIGRATIONS_DIR));
    const seed = buildCatalogSeed();
    expect((await loadCatalogSeed(target.store, seed)).changed).toBe(true);
    const expected = { regions: seed.regions.length, agencies: seed.agencies.length, items: 385, guides: 385 };
    expect(await counts(target.store)).toEqual(expected);

    const before = target.store.stats.statements;
    expect((await loadCatalogSeed(target.store, seed)).changed).toBe(false);
    // Only the lock and the checksum lookup ran (plus the transaction's own BEGIN/COMMIT on PGlite).
    expect(target.store.stats.statements - before).toBeLessThanOrEqual(2);
    expect(await counts(target.store)).toEqual(expected);
  });

  it("versions the seed's own changes, and never touches a maintainer's versions or items", async () => {
    target = await openTestStore(kind);
    await migrate(target.store, readMigrations(CATALOG_MIGRATIONS_DIR));
    const seed = buildCatalogSeed();
    await loadCatalogSeed(target.store, seed);
    const [first, second] = seed.items as [(typeof seed.items)[0], (typeof seed.items)[0]];
    // A maintainer's own item, and a maintainer's version of a seeded item.
    await target.store.exec(`
      INSERT INTO service_item (basic_code, type, class, class_name, group_name, sequence, head_version)
        VALUES ('2099999000', 'PUBLIC_SERVICE', 'CONVENIENCE', '便民服务事项', '便民服务事项', 999, 1);
      INSERT INTO item_version (basic_code, version, effective_from, status, content, author, reason)
        VALUES ('2099999000', 1, '2026-01-01', 'ACTIVE', '{"name":"维护人员新增事项"}', 'dev-catalog-01', '新增');
      INSERT INTO item_version (basic_code, version, effective_from, status, content, author, reason)
        VALUES ('${second.basicCode}', 2, '2026-01-01', 'ACTIVE', '{"name":"维护人员修订"}', 'dev-catalog-01', '修订');
      UPDATE service_item SET head_version = 2 WHERE basic_code = '${second.basicCode}';`);
    const changed = structuredClone(seed);
    changed.items[0]!.content.name = `${first.content.name}（修订）`;
    changed.items[1]!.content.name = `${second.content.name}（修订）`;
    expect((await loadCatalogSeed(target.store, changed)).changed).toBe(true);
    const { rows } = await target.store.query<{ basic_code: string; version: number; author: string; name: string }>(
      `SELECT basic_code, version, author, content->>'name' AS name FROM item_version WHERE basic_code = ANY($1) ORDER BY basic_code, version`,
      [[first.basicCode, second.basicCode, '2099999000']],
    );
    expect(rows).toEqual(
      [
        { basic_code: first.basicCode, version: 1, author: 'seed', name: first.content.name },
        { basic_code: first.basicCode, version: 2, author: 'seed', name: `${first.content.name}（修订）` },
        { basic_code: second.basicCode, version: 1, author: 'seed', name: second.content.name },
        { basic_code: second.basicCode, version: 2, author: 'dev-catalog-01', name: '维护人员修订' },
        { basic_code: '2099999000', version: 1, author: 'dev-catalog-01', name: '维护人员新增事项' },
      ].sort((a, b) => (a.basic_code + a.version < b.basic_code + b.version ? -1 : 1)),
    );
    expect((await counts(target.store))!['items']).toBe(386);
  });

  it('adds no version where the new seed only spells out a default (结果公示), and one where it changes it', async () => {
    target = await openTestStore(kind);
    await migrate(target.store, readMigrations(CATALOG_MIGRATIONS_DIR));
    const seed = buildCatalogSeed();
    const licenses = seed.guides.filter((guide) => guide.content.result.public === true);
    expect(licenses.length).toBeGreaterThan(1);
    // The seed as it was before the element existed: no result.public anywhere.
    const before = structuredClone(seed);
    for (const guide of before.guides) delete guide.content.result.public;
    await loadCatalogSeed(target.store, before);

    const versionsOf = async (codes: string[]) =>
      (
        await target.store.query<{ implementation_code: string; version: number; public: boolean | null }>(
          `SELECT implementation_code, version, (content->'result'->'public')::boolean AS public
             FROM guide_version WHERE implementation_code = ANY($1) ORDER BY implementation_code, version`,
          [codes],
        )
      ).rows;
    const [first, second] = licenses as [(typeof licenses)[0], (typeof licenses)[0]];
    const changed = structuredClone(seed);
    changed.guides.find((guide) => guide.implementationCode === second.implementationCode)!.content.result.public = false;
    // The seed's checksum changed, so it loads; only the guide whose flag really changed gets a version.
    expect((await loadCatalogSeed(target.store, changed)).changed).toBe(true);
    expect(await versionsOf([first.implementationCode, second.implementationCode])).toEqual(
      [
        { implementation_code: first.implementationCode, version: 1, public: null },
        { implementation_code: second.implementationCode, version: 1, public: null },
        { implementation_code: second.implementationCode, version: 2, public: false },
      ].sort((a, b) => (a.implementation_code + a.version < b.implementation_code + b.version ? -1 : 1)),
    );
    const { rows } = await target.store.query<{ n: number }>('SELECT count(*)::int AS n FROM guide_version');
    expect(rows[0]!.n).toBe(seed.guides.length + 1);
    expect((await loadCatalogSeed(target.store, changed)).changed).toBe(false);
  });
});

describe.runIf(postgresUrl())('seeding from several processes at once (PostgreSQL)', () => {
  it('loads the seed exactly once', async () => {
    const schema = uniqueSchema();
    const stores = Array.from({ length: 3 }, () => openPostgresStore({ url: postgresUrl()!, schema, poolSize: 2 }));
    try {
      await Promise.all(stores.map((store) => migrate(store, readMigrations(CATALOG_MIGRATIONS_DIR))));
      const results = await Promise.all(stores.map((store) => loadCatalogSeed(store, buildCatalogSeed())));
      expect(results.filter((result) => result.changed)).toHaveLength(1);
      expect((await counts(stores[0]!))!['guides']).toBe(385);
    } finally {
      await stores[0]!.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
