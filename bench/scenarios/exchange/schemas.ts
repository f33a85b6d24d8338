import {
  casesDatabaseUrl,
  catalogDatabaseUrl,
  certificatesDatabaseUrl,
  exchangeDatabaseUrl,
  identityDatabaseUrl,
  resultsDatabaseUrl,
  supervisionDatabaseUrl,
  type Config,
} from '../../../lib/config.ts';
import { CATALOG_MIGRATIONS_DIR } from '../../../subgraphs/catalog/service.ts';
import { IDENTITY_MIGRATIONS_DIR } from '../../../subgraphs/identity/service.ts';
import { dropSchemas, dropStaleSchemas } from '../cases/statusSeed.ts';

/**
 * The PostgreSQL schemas of a platform that takes CaseExchange pushes: the shared catalog and
 * identity schemas (seeded once, kept), and the run's own exchange, cases, results, certificates
 * and supervision schemas, all named after one prefix and recreated on every run so that pushes
 * and the supervision state they cause never pile up across runs.
 */

export const CATALOG_SCHEMA = 'bench_catalog';
export const IDENTITY_SCHEMA = 'bench_identity';

export interface RunSchemas {
  exchange: string;
  cases: string;
  results: string;
  certificates: string;
  supervision: string;
}

/** `<prefix>` for the exchange service, `<prefix>_<service>` for the others. */
export const runSchemas = (prefix: string): RunSchemas => ({
  exchange: prefix,
  cases: `${prefix}_cases`,
  results: `${prefix}_results`,
  certificates: `${prefix}_certificates`,
  supervision: `${prefix}_supervision`,
});

/** The platform's variables naming those schemas (they only matter on PostgreSQL). */
export const schemaVariables = (schemas: RunSchemas): Record<string, string> => ({
  IDENTITY_DB_SCHEMA: IDENTITY_SCHEMA,
  EXCHANGE_DB_SCHEMA: schemas.exchange,
  CASES_DB_SCHEMA: schemas.cases,
  RESULTS_DB_SCHEMA: schemas.results,
  CERTIFICATES_DB_SCHEMA: schemas.certificates,
  SUPERVISION_DB_SCHEMA: schemas.supervision,
});

/** The shared catalog and identity schemas on PostgreSQL, dropped when their migrations changed. */
export async function dropStaleShared(config: Config, progress: (line: string) => void): Promise<void> {
  const shared = [
    { url: catalogDatabaseUrl(config), schema: config.catalogDbSchema, migrationsDir: CATALOG_MIGRATIONS_DIR },
    { url: identityDatabaseUrl(config), schema: config.identityDbSchema, migrationsDir: IDENTITY_MIGRATIONS_DIR },
  ];
  for (const { url, ...schema } of shared) {
    if (!url) continue;
    for (const dropped of await dropStaleSchemas(url, [schema])) progress(`dropped ${dropped}: its migrations changed since it was made`);
  }
}

/** The run's own schemas, each on its service's PostgreSQL (none on PGlite): dropped, so the platform's migrations start them afresh. */
export async function dropRunSchemas(config: Config, schemas: RunSchemas): Promise<void> {
  const owned: Array<[string | undefined, string]> = [
    [exchangeDatabaseUrl(config), schemas.exchange],
    [casesDatabaseUrl(config), schemas.cases],
    [resultsDatabaseUrl(config), schemas.results],
    [certificatesDatabaseUrl(config), schemas.certificates],
    [supervisionDatabaseUrl(config), schemas.supervision],
  ];
  for (const [url, schema] of owned) if (url) await dropSchemas(url, [schema]);
}
