import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lib/canonicalJson.ts';
import type { Queryable, Store } from '../../lib/db/store.ts';
import { chinaDate } from '../../lib/time.ts';
import { withGuideDefaults, type GuideContent } from '../../subgraphs/catalog/guide/content.ts';
import type { CatalogSeed } from './types.ts';

export interface LoadResult {
  /** False when the same seed was already loaded: nothing was written. */
  changed: boolean;
  checksum: string;
}

const SEED_NAME = 'basic-catalog';
/** Who the seed's versions are by; a version by anyone else is a maintainer's and is never overwritten. */
export const SEED_AUTHOR = 'seed';
/** The seed's first versions are in force from this date (the catalog as of 2019, sample content). */
export const SEED_EFFECTIVE_FROM = '2019-01-01';

export function seedChecksum(seed: CatalogSeed): string {
  return createHash('sha256').update(canonicalJson({ ...seed, files: seed.files.map((file) => file.ref) })).digest('hex');
}

/**
 * Loads the catalog seed into the catalog's own schema. Idempotent: keys are upserted by code,
 * files by content hash, and a seed whose checksum is already recorded writes nothing. Content is
 * versioned: an entry without versions gets the seed's as version 1; an entry whose latest version
 * is the seed's and whose seed content changed gets a new seed version from today (content is
 * compared as it is read, so spelling out a default is no change); an entry a maintainer has
 * changed is left alone. Rows the seed does not contain are never touched. Two
 * processes seeding at once are serialised by a transaction-scoped advisory lock. Each table is
 * one statement over arrays, so seeding costs a handful of round trips whatever the catalog's size.
 */
export async function loadCatalogSeed(store: Store, seed: CatalogSeed): Promise<LoadResult> {
  const checksum = seedChecksum(seed);
  const changed = await store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tongban.seed.${store.schema}`]);
    const { rows } = await tx.query<{ checksum: string }>('SELECT checksum FROM seed_state WHERE name = $1', [SEED_NAME]);
    if (rows[0]?.checksum === checksum) return false;

    await tx.query(
      `INSERT INTO region (code, name, level, parent_code)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code`,
      columns(seed.regions, (r) => [r.code, r.name, r.level, r.parentCode]),
    );
    await tx.query(
      `INSERT INTO agency (uscc, organization_code, name, nature, region_code, parent_uscc)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (uscc) DO UPDATE SET organization_code = EXCLUDED.organization_code, name = EXCLUDED.name,
         nature = EXCLUDED.nature, region_code = EXCLUDED.region_code, parent_uscc = EXCLUDED.parent_uscc`,
      columns(seed.agencies, (a) => [a.uscc, a.organizationCode, a.name, a.nature, a.regionCode, a.parentUscc]),
    );
    await tx.query(
      `INSERT INTO service_item (basic_code, type, class, class_name, group_name, sequence)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])
       ON CONFLICT (basic_code) DO UPDATE SET type = EXCLUDED.type, class = EXCLUDED.class,
         class_name = EXCLUDED.class_name, group_name = EXCLUDED.group_name, sequence = EXCLUDED.sequence`,
      columns(seed.items, (i) => [i.basicCode, i.type, i.class, i.className, i.group, i.sequence]),
    );
    await tx.query(
      `INSERT INTO service_guide (implementation_code, basic_code, agency_uscc, region_code, level, is_sample)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[])
       ON CONFLICT (implementation_code) DO UPDATE SET basic_code = EXCLUDED.basic_code, agency_uscc = EXCLUDED.agency_uscc,
         region_code = EXCLUDED.region_code, level = EXCLUDED.level, is_sample = EXCLUDED.is_sample`,
      columns(seed.guides, (g) => [g.implementationCode, g.basicCode, g.agencyUscc, g.regionCode, g.level, g.isSample]),
    );
    if (seed.files.length) {
      await tx.query(
        `INSERT INTO stored_file (id, name, media_type, size, sha256, bytes)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::bytea[])
         ON CONFLICT (id) DO NOTHING`,
        columns(seed.files, (f) => [f.ref.id, f.ref.name, f.ref.mediaType, f.ref.size, f.ref.sha256, f.bytes]),
      );
    }
    await appendSeedVersions(tx, 'item', seed.items.map((i) => ({ code: i.basicCode, content: i.content })));
    // Guide content is compared as it is read (defaults filled in from the item's type): a seed that
    // only spells out a default (result.public) is the same content and adds no version.
    const itemTypes = new Map(seed.items.map((i) => [i.basicCode, i.type]));
    await appendSeedVersions(
      tx,
      'guide',
      seed.guides.map((g) => {
        const type = itemTypes.get(g.basicCode);
        const asRead = type === undefined ? undefined : (content: unknown) => withGuideDefaults(content as GuideContent, type);
        return { code: g.implementationCode, content: g.content, ...(asRead ? { asRead } : {}) };
      }),
    );
    await tx.query('UPDATE catalog_state SET data_version = data_version + 1');
    await tx.query(
      `INSERT INTO seed_state (name, checksum) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()`,
      [SEED_NAME, checksum],
    );
    return true;
  });
  return { changed, checksum };
}

const TABLES = {
  item: { entity: 'service_item', versions: 'item_version', key: 'basic_code' },
  guide: { entity: 'service_guide', versions: 'guide_version', key: 'implementation_code' },
} as const;

/**
 * Appends a seed version where there is none yet, or where the seed's own latest content changed.
 * `asRead` maps content to what readers see of it (defaults filled in); contents are compared that way.
 */
async function appendSeedVersions(
  tx: Queryable,
  kind: keyof typeof TABLES,
  entries: Array<{ code: string; content: unknown; asRead?: (content: unknown) => unknown }>,
): Promise<void> {
  const { entity, versions, key } = TABLES[kind];
  const { rows } = await tx.query<{ code: string; head_version: number; author: string | null; content: unknown }>(
    `SELECT e.${key} AS code, e.head_version, v.author, v.content
       FROM ${entity} e LEFT JOIN ${versions} v ON v.${key} = e.${key} AND v.version = e.head_version
      WHERE e.${key} = ANY($1)`,
    [entries.map((entry) => entry.code)],
  );
  const heads = new Map(rows.map((row) => [row.code, row]));
  const today = chinaDate();
  const toWrite = entries.flatMap((entry) => {
    const head = heads.get(entry.code);
    if (!head || head.head_version === 0) return [{ ...entry, version: 1, effectiveFrom: SEED_EFFECTIVE_FROM, reason: '初始导入（样例数据）' }];
    const stored = typeof head.content === 'string' ? JSON.parse(head.content) : head.content;
    const asRead = entry.asRead ?? ((content: unknown) => content);
    if (head.author !== SEED_AUTHOR || canonicalJson(asRead(stored)) === canonicalJson(asRead(entry.content))) return [];
    return [{ ...entry, version: head.head_version + 1, effectiveFrom: today, reason: '样例数据更新' }];
  });
  if (!toWrite.length) return;
  await tx.query(
    `INSERT INTO ${versions} (${key}, version, effective_from, status, content, author, reason)
     SELECT code, version, effective_from::date, 'ACTIVE', content::jsonb, $5, reason
       FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $6::text[]) AS t(code, version, effective_from, content, reason)`,
    [
      toWrite.map((entry) => entry.code),
      toWrite.map((entry) => entry.version),
      toWrite.map((entry) => entry.effectiveFrom),
      toWrite.map((entry) => JSON.stringify(entry.content)),
      SEED_AUTHOR,
      toWrite.map((entry) => entry.reason),
    ],
  );
  await tx.query(
    `UPDATE ${entity} e SET head_version = t.version FROM unnest($1::text[], $2::int[]) AS t(code, version) WHERE e.${key} = t.code`,
    [toWrite.map((entry) => entry.code), toWrite.map((entry) => entry.version)],
  );
}

/** Turns rows into one array per column, the shape `unnest` takes. */
function columns<T>(rows: readonly T[], pick: (row: T) => unknown[]): unknown[][] {
  const picked = rows.map(pick);
  const width = picked[0]?.length ?? 0;
  return Array.from({ length: width }, (_unused, column) => picked.map((row) => row[column]));
}
