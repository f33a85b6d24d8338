import { createHash } from 'node:crypto';
import type { Store } from '../../lib/db/store.ts';
import type { CatalogSeed } from './types.ts';

export interface LoadResult {
  /** False when the same seed was already loaded: nothing was written. */
  changed: boolean;
  checksum: string;
}

const SEED_NAME = 'basic-catalog';

export function seedChecksum(seed: CatalogSeed): string {
  return createHash('sha256').update(JSON.stringify(seed)).digest('hex');
}

/**
 * Loads the catalog seed into the catalog's own schema. Idempotent: rows are upserted by their
 * codes, and a seed whose checksum is already recorded writes nothing. Rows the seed does not
 * contain are left alone (maintainers' own items must survive a re-seed). Two processes seeding at
 * once are serialised by a transaction-scoped advisory lock. Each table is one statement over
 * arrays, so seeding costs a handful of round trips whatever the catalog's size.
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
      `INSERT INTO service_item (basic_code, name, type, class, class_name, group_name, sequence)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])
       ON CONFLICT (basic_code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, class = EXCLUDED.class,
         class_name = EXCLUDED.class_name, group_name = EXCLUDED.group_name, sequence = EXCLUDED.sequence`,
      columns(seed.items, (i) => [i.basicCode, i.name, i.type, i.class, i.className, i.group, i.sequence]),
    );
    await tx.query(
      `INSERT INTO service_guide (implementation_code, basic_code, agency_uscc, region_code, level, legal_basis,
         legal_limit_value, legal_limit_unit, promised_limit_value, promised_limit_unit, location, hours, phone, is_sample)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
         $8::text[], $9::int[], $10::text[], $11::text[], $12::text[], $13::text[], $14::boolean[])
       ON CONFLICT (implementation_code) DO UPDATE SET basic_code = EXCLUDED.basic_code, agency_uscc = EXCLUDED.agency_uscc,
         region_code = EXCLUDED.region_code, level = EXCLUDED.level, legal_basis = EXCLUDED.legal_basis,
         legal_limit_value = EXCLUDED.legal_limit_value, legal_limit_unit = EXCLUDED.legal_limit_unit,
         promised_limit_value = EXCLUDED.promised_limit_value, promised_limit_unit = EXCLUDED.promised_limit_unit,
         location = EXCLUDED.location, hours = EXCLUDED.hours, phone = EXCLUDED.phone, is_sample = EXCLUDED.is_sample`,
      columns(seed.guides, (g) => [
        g.implementationCode, g.basicCode, g.agencyUscc, g.regionCode, g.level, g.legalBasis,
        g.legalTimeLimit?.value ?? null, g.legalTimeLimit?.unit ?? null,
        g.promisedTimeLimit?.value ?? null, g.promisedTimeLimit?.unit ?? null,
        g.location, g.hours, g.phone, g.isSample,
      ]),
    );
    await tx.query(
      `INSERT INTO seed_state (name, checksum) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()`,
      [SEED_NAME, checksum],
    );
    return true;
  });
  return { changed, checksum };
}

/** Turns rows into one array per column, the shape `unnest` takes. */
function columns<T>(rows: readonly T[], pick: (row: T) => unknown[]): unknown[][] {
  const picked = rows.map(pick);
  const width = picked[0]?.length ?? 0;
  return Array.from({ length: width }, (_unused, column) => picked.map((row) => row[column]));
}
