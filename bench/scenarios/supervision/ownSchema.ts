import { supervisionDatabaseUrl, type Config } from '../../../lib/config.ts';
import { dropSchemas } from '../cases/statusSeed.ts';

/**
 * Every platform the bench starts runs the supervision subgraph too, which records every case
 * write. On PostgreSQL each scenario gives it a schema of its own (SUPERVISION_DB_SCHEMA, e.g.
 * `bench_cases_supervision`), dropped at the start of the run like the scenario's other per-run
 * schemas: runs and scenarios never share supervision state (projections, alerts).
 */
export const supervisionSchemaVariable = (schema: string) => ({ SUPERVISION_DB_SCHEMA: schema });

/** Drops the platform's supervision schema when supervision runs on PostgreSQL (nothing to do on PGlite). */
export async function dropSupervisionSchema(config: Config): Promise<void> {
  const url = supervisionDatabaseUrl(config);
  if (url) await dropSchemas(url, [config.supervisionDbSchema]);
}
