import pg from 'pg';
import { checkCitizenId } from '../../../lib/codes/citizenId.ts';
import { readMigrations } from '../../../lib/db/migrate.ts';
import type { Queryable, Store } from '../../../lib/db/store.ts';
import { assertSchemaName } from '../../../lib/db/store.ts';
import { SEED_USERS, findUserByUsername } from '../../../seeds/identity/principals.ts';
import { checkOnce, CorrectnessError, type GraphQLOperation } from '../../lib/graphql.ts';
import { act, pdf, STATUS, submit, submitOperation } from './operations.ts';

/**
 * Many cases in PostgreSQL for the caseStatus lookup, written set-based into the cases subgraph's
 * own tables after its migrations ran. Each copies one of a few template cases that were filed and
 * moved through the real API (submitted; accepted; in review) in the same schema, so snapshots,
 * guide terms and process records have exactly the application's shape. What differs per copy:
 * the case number, the applicant (name and a GB 11643-valid citizen ID number), the times.
 *
 * The schema is kept between runs: a later run finds the seed complete and reuses it. A schema
 * that is not complete (an interrupted run, an older seed) is dropped and written again.
 */

/** submitted_by of every generated case; the version changes when the generator does, so an older seed is not reused. */
export const SEED_SUBJECT = 'bench-seed-v1';

/** Where part 3 looks for PostgreSQL when neither CASES_DATABASE_URL nor DATABASE_URL is set. */
export const DEFAULT_STATUS_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** One guide per agency with seeded staff, two for the police: the implementation codes the cases are numbered under. */
export const TEMPLATE_GUIDES = ['610725000000TB7250054102', '610725000000TB7250054101', '610725000000TB7250126101', '610725000000TB7250230101'] as const;

export const schemaForSize = (cases: number): string =>
  assertSchemaName(cases % 1_000_000 === 0 ? `bench_cases_${cases / 1_000_000}m` : cases % 1_000 === 0 ? `bench_cases_${cases / 1_000}k` : `bench_cases_${cases}`);

/** The URL without its password, for reports and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** Null when PostgreSQL answers, else why not. */
export async function probePostgres(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/**
 * True when the schema recorded a migration whose file has changed since (edited in place before a
 * release): the platform would refuse to start on it, so the bench's own schema is dropped instead.
 */
export async function hasStaleMigrations(client: pg.Client, schema: string, migrationsDir: string): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [`${schema}.schema_migrations`]);
  if (!rows[0]?.exists) return false;
  const applied = await client.query<{ version: number; checksum: string }>(`SELECT version, checksum FROM ${schema}.schema_migrations`);
  const current = new Map(readMigrations(migrationsDir).map((migration) => [migration.version, migration.checksum]));
  return applied.rows.some((row) => current.has(row.version) && current.get(row.version) !== row.checksum);
}

/** Drops those of the bench's schemas whose migrations changed since they were applied; returns their names. */
export async function dropStaleSchemas(url: string, schemas: ReadonlyArray<{ schema: string; migrationsDir: string }>): Promise<string[]> {
  const client = await connect(url);
  const dropped: string[] = [];
  try {
    for (const { schema, migrationsDir } of schemas) {
      if (!(await hasStaleMigrations(client, assertSchemaName(schema), migrationsDir))) continue;
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      dropped.push(schema);
    }
    return dropped;
  } finally {
    await client.end();
  }
}

/**
 * 'reused' when the schema holds exactly the seed of `cases` (generated rows plus templates) under
 * the current migrations; otherwise drops the schema, so the platform's migrations start it
 * afresh, and says 'generate'.
 */
export async function prepareSchema(url: string, schema: string, cases: number, migrationsDir: string): Promise<'reused' | 'generate'> {
  const client = await connect(url);
  try {
    const { rows } = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [`${schema}.cases`]);
    if (rows[0]?.exists && !(await hasStaleMigrations(client, schema, migrationsDir))) {
      const counts = await client.query<{ seeded: string; total: string }>(
        `SELECT count(*) FILTER (WHERE submitted_by = $1) AS seeded, count(*) AS total FROM ${schema}.cases`,
        [SEED_SUBJECT],
      );
      const { seeded, total } = counts.rows[0]!;
      if (Number(total) === cases && Number(seeded) === cases - TEMPLATE_GUIDES.length) return 'reused';
    }
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    return 'generate';
  } finally {
    await client.end();
  }
}

/** A schema the bench recreates on every run (the part that submits cases on PostgreSQL). */
export async function dropSchemas(url: string, schemas: readonly string[]): Promise<void> {
  const client = await connect(url);
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${assertSchemaName(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}

interface GuideData {
  serviceGuide: { implementationCode: string; status: string; agency: { uscc: string }; item: { materials: Array<{ id: string; requirement: string }> } } | null;
}

/** The case row as it stands after one stage, kept as the template of that stage. */
interface TemplateStage {
  t: number;
  stage: number;
  implementation_code: string;
  name: string;
  kind: string;
  state: string;
  owning_agency: string;
  participating_agencies: string[];
  version: number;
  snapshot: unknown;
  guide_version: number;
  guide_terms: unknown;
  form_data: unknown;
  deadlines: unknown;
  due_on: string | null;
  open_steps: string[];
  submitted_on: string;
}

function staffOf(agency: string, role: 'ACCEPT' | 'REVIEW'): string {
  const user = SEED_USERS.find((candidate) => candidate.kind === 'STAFF' && candidate.agency === agency && candidate.roles.includes(role));
  if (!user) throw new Error(`no seeded staff of ${agency} with role ${role}`);
  return user.username;
}

async function captureStage(store: Store, caseNumber: string, t: number, stage: number): Promise<TemplateStage> {
  const { rows } = await store.query<Omit<TemplateStage, 't' | 'stage'>>(
    `SELECT implementation_code, name, kind, state, owning_agency, participating_agencies, version, snapshot, guide_version, guide_terms,
            form_data, deadlines, due_on::text AS due_on, open_steps, ((submitted_at AT TIME ZONE 'Asia/Shanghai')::date)::text AS submitted_on
       FROM cases WHERE case_number = $1`,
    [caseNumber],
  );
  if (!rows[0]) throw new Error(`template case ${caseNumber} is not in the store`);
  return { t, stage, ...rows[0] };
}

/**
 * Files one case per template guide as 王芳 and moves it to review through the gateway (受理 by the
 * agency's window, 审查 started by its reviewer), keeping the row after each stage and the records.
 */
async function makeTemplates(gatewayUrl: string, store: Store, token: (username: string) => Promise<string>) {
  const stages: TemplateStage[] = [];
  const records: Array<{ implementation_code: string; version: number; action: string; record: unknown }> = [];
  const citizen = await token('wangfang');
  for (const [t, code] of TEMPLATE_GUIDES.entries()) {
    const guideQuery: GraphQLOperation = {
      query: 'query BenchGuide($code: ID!) { serviceGuide(implementationCode: $code) { implementationCode status agency { uscc } item { materials { id requirement } } } }',
      variables: { code },
    };
    const guide = ((await checkOnce(`template guide ${code}`, gatewayUrl, guideQuery)) as unknown as GuideData).serviceGuide;
    if (!guide || guide.status !== 'ACTIVE') throw new CorrectnessError(`template guide ${code}`, 'no active guide');
    const materials = guide.item.materials.filter((material) => material.requirement === 'REQUIRED').map((material) => pdf(material.id));
    const { caseNumber } = await submit(`template ${code}`, gatewayUrl, citizen, submitOperation(code, `bench-template-${code}`, materials));
    stages.push(await captureStage(store, caseNumber, t, 1));
    let version = await act(gatewayUrl, await token(staffOf(guide.agency.uscc, 'ACCEPT')), caseNumber, 'ACCEPT', 1, { opinion: '材料齐全，予以受理' });
    stages.push(await captureStage(store, caseNumber, t, 2));
    version = await act(gatewayUrl, await token(staffOf(guide.agency.uscc, 'REVIEW')), caseNumber, 'START_STEP', version, { step: 'REVIEW' });
    stages.push(await captureStage(store, caseNumber, t, 3));
    const { rows } = await store.query<{ version: number; action: string; record: unknown }>(
      'SELECT version, action, record FROM case_record WHERE case_number = $1 ORDER BY version',
      [caseNumber],
    );
    if (rows.length !== 3) throw new Error(`template ${caseNumber} has ${rows.length} records, expected 3`);
    records.push(...rows.map((row) => ({ implementation_code: code, ...row })));
  }
  return { stages, records };
}

const ISO = (expression: string) => `to_char((${expression}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '文', '华', '红', '建国', '玉兰', '志强', '海燕'];

/**
 * Writes `count` cases in one transaction (all or nothing): a numbering table, the applicants, the
 * cases copied from the template of their stage, their records, the case sequences. Returns the
 * time each step took, for the progress log.
 */
async function generate(tx: Queryable, count: number, templates: Awaited<ReturnType<typeof makeTemplates>>, progress: (line: string) => void): Promise<void> {
  const timed = async (what: string, sql: string, params: unknown[] = []) => {
    const started = performance.now();
    await tx.query(sql, params);
    progress(`  ${what}: ${Math.round(performance.now() - started)} ms`);
  };
  const kinds = TEMPLATE_GUIDES.length;
  const perGuide = Math.ceil(count / kinds);
  const perYear = Math.ceil(perGuide / 2);
  const people = Math.max(1, Math.floor(count / 4));

  await timed(
    'templates',
    `CREATE TEMP TABLE bench_template ON COMMIT DROP AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
       t int, stage int, implementation_code text, name text, kind text, state text, owning_agency text, participating_agencies text[],
       version int, snapshot jsonb, guide_version int, guide_terms jsonb, form_data jsonb, deadlines jsonb, due_on date, open_steps text[], submitted_on date)`,
    [JSON.stringify(templates.stages)],
  );
  await timed(
    'template records',
    `CREATE TEMP TABLE bench_template_record ON COMMIT DROP AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
       implementation_code text, version int, action text, record jsonb)`,
    [JSON.stringify(templates.records)],
  );
  // Applicants: 勉县 (and every fifth 汉台区) residents born 1955–2004, about four cases each.
  await timed(
    `${people} applicants`,
    `CREATE TEMP TABLE bench_person ON COMMIT DROP AS
     SELECT p, body || substr('10X98765432', (SELECT (sum(substr(body, k, 1)::int * w[k]) % 11)::int FROM generate_series(1, 17) k) + 1, 1) AS id_number,
            ($2::text[])[1 + p % array_length($2::text[], 1)] || ($3::text[])[1 + (p / array_length($2::text[], 1)) % array_length($3::text[], 1)] AS name
       FROM (SELECT p, (CASE WHEN p % 5 = 0 THEN '610702' ELSE '610725' END)
                       || to_char(date '1955-01-01' + (p % 18000), 'YYYYMMDD') || lpad((1 + (p / 18000) % 999)::text, 3, '0') AS body
               FROM generate_series(0, $1::int - 1) p) numbered,
            (SELECT ARRAY[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] AS w) weights`,
    [people, SURNAMES, GIVEN],
  );
  // Numbering: template (guide) i mod 4; per guide, the first half numbered in 2024, the rest in
  // 2025, sequences from 1; stage 1 (submitted), 2 (accepted) or 3 (in review) at 1:1:2.
  await timed(
    `${count} case numbers`,
    `CREATE TEMP TABLE bench_generated ON COMMIT DROP AS
     SELECT i, t, stage, year, seq, p, code || lpad((year % 100)::text, 2, '0') || lpad(seq::text, 6, '0') AS case_number,
            make_timestamptz(year, 1, 2, 9, 0, 0, 'Asia/Shanghai') + ((seq - 1) * 355.0 / $3) * interval '1 day' + (i % 420) * interval '1 minute' AS submitted_at
       FROM (SELECT i, i % $2 AS t, CASE (i / $2) % 4 WHEN 0 THEN 1 WHEN 1 THEN 2 ELSE 3 END AS stage,
                    2024 + (i / $2) / $3 AS year, (i / $2) % $3 + 1 AS seq, ((i::bigint * 7919) % $4)::int AS p, ($5::text[])[1 + i % $2] AS code
               FROM generate_series(0, $1::int - 1) i) numbered`,
    [count, kinds, perYear, people, TEMPLATE_GUIDES],
  );
  await timed(
    `${count} cases`,
    `INSERT INTO cases (case_number, implementation_code, name, kind, state, owning_agency, participating_agencies, applicant_id_number,
       agent_id_number, version, snapshot, guide_version, guide_terms, form_data, deadlines, due_on, open_steps, submitted_at, accepted_at,
       updated_at, submitted_by, client_request_id, request_sha256)
     SELECT g.case_number, tpl.implementation_code, tpl.name, tpl.kind, tpl.state, tpl.owning_agency, tpl.participating_agencies, person.id_number,
            NULL, tpl.version,
            jsonb_set(jsonb_set(jsonb_set(tpl.snapshot, '{caseNumber}', to_jsonb(g.case_number)),
              '{applicant}', (tpl.snapshot -> 'applicant') || jsonb_build_object('name', person.name, 'idNumber', person.id_number)),
              '{application,submittedAt}', to_jsonb(${ISO('g.submitted_at')})),
            tpl.guide_version, tpl.guide_terms, tpl.form_data, tpl.deadlines,
            (g.submitted_at AT TIME ZONE 'Asia/Shanghai')::date + (tpl.due_on - tpl.submitted_on), tpl.open_steps,
            g.submitted_at, CASE WHEN g.stage >= 2 THEN g.submitted_at + interval '1 day' END, g.submitted_at + (g.stage - 1) * interval '1 day',
            $1, 'seed-' || g.i, encode(sha256(convert_to(g.case_number, 'UTF8')), 'hex')
       FROM bench_generated g
       JOIN bench_template tpl ON tpl.t = g.t AND tpl.stage = g.stage
       JOIN bench_person person ON person.p = g.p`,
    [SEED_SUBJECT],
  );
  await timed(
    'their process records',
    `INSERT INTO case_record (case_number, version, action, occurred_at, recorded_at, record)
     SELECT g.case_number, r.version, r.action, g.submitted_at + (r.version - 1) * interval '1 day', g.submitted_at + (r.version - 1) * interval '1 day',
            r.record || jsonb_build_object(
              'caseNumber', g.case_number,
              'applicant', (r.record -> 'applicant') || jsonb_build_object('name', person.name, 'idNumber', person.id_number),
              'appliedAt', ${ISO('g.submitted_at')},
              'occurredAt', ${ISO("g.submitted_at + (r.version - 1) * interval '1 day'")})
       FROM bench_generated g
       JOIN bench_person person ON person.p = g.p
       JOIN bench_template_record r ON r.implementation_code = ($1::text[])[1 + g.t] AND r.version <= g.stage`,
    [TEMPLATE_GUIDES],
  );
  await timed(
    'case sequences',
    `INSERT INTO case_sequence (implementation_code, year, last_value)
     SELECT ($1::text[])[1 + t], year, max(seq) FROM bench_generated GROUP BY t, year
     ON CONFLICT (implementation_code, year) DO UPDATE SET last_value = GREATEST(case_sequence.last_value, EXCLUDED.last_value)`,
    [TEMPLATE_GUIDES],
  );
}

export interface SeedOutcome {
  seed: 'generated' | 'reused';
  ms: number;
  cases: number;
  records: number;
}

/**
 * Makes sure the platform's cases store holds `cases` cases: generated when prepareSchema said so,
 * else reused as found. Counts what is there either way.
 */
export async function ensureSeed(
  decision: 'reused' | 'generate',
  cases: number,
  gatewayUrl: string,
  store: Store,
  token: (username: string) => Promise<string>,
  progress: (line: string) => void,
): Promise<SeedOutcome> {
  const started = performance.now();
  if (decision === 'generate') {
    progress(`filing ${TEMPLATE_GUIDES.length} template cases through the gateway`);
    const templates = await makeTemplates(gatewayUrl, store, token);
    progress(`generating ${cases - TEMPLATE_GUIDES.length} cases in ${store.schema} (one transaction)`);
    await store.transaction((tx) => generate(tx, cases - TEMPLATE_GUIDES.length, templates, progress));
    await store.exec('ANALYZE cases; ANALYZE case_record; ANALYZE case_sequence');
  }
  const { rows } = await store.query<{ cases: string; records: string }>(
    'SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM case_record) AS records',
  );
  const outcome: SeedOutcome = {
    seed: decision === 'generate' ? 'generated' : 'reused',
    ms: Math.round(performance.now() - started),
    cases: Number(rows[0]!.cases),
    records: Number(rows[0]!.records),
  };
  if (outcome.cases !== cases) throw new Error(`${store.schema} holds ${outcome.cases} cases after seeding, expected ${cases}`);
  return outcome;
}

export interface Lookup {
  kind: 'hit' | 'wrong-id' | 'unknown';
  caseNumber: string;
  idNumber: string;
  /** For a hit: the state and number of records the answer must show. */
  state?: string;
  records?: number;
}

/**
 * The working set: `size` lookups, half of them hits (existing cases, spread over the whole table,
 * with the applicant's ID number), a quarter existing cases with another applicant's ID number,
 * a quarter well-formed numbers that do not exist. Interleaved hit, wrong, hit, unknown.
 */
export async function lookups(store: Store, size: number): Promise<Lookup[]> {
  const { rows } = await store.query<{ case_number: string; applicant_id_number: string; state: string; version: number }>(
    `SELECT case_number, applicant_id_number, state, version FROM cases WHERE submitted_by = $1 ORDER BY md5(case_number) LIMIT $2`,
    [SEED_SUBJECT, size / 2],
  );
  if (rows.length < 2) throw new Error(`${store.schema}: too few generated cases for lookups`);
  const hits = rows.map((row): Lookup => ({ kind: 'hit', caseNumber: row.case_number, idNumber: row.applicant_id_number, state: row.state, records: Number(row.version) }));
  const invalid = hits.find((hit) => !checkCitizenId(hit.idNumber).ok);
  if (invalid) throw new Error(`${store.schema}: generated applicant ID ${invalid.idNumber} of ${invalid.caseNumber} is not a valid citizen ID`);
  const out: Lookup[] = [];
  for (let k = 0; k < size / 2; k++) {
    const hit = hits[k % hits.length]!;
    out.push(hit);
    if (k % 2 === 0) {
      let other = (k * 7 + 1) % hits.length;
      while (hits[other]!.idNumber === hit.idNumber) other = (other + 1) % hits.length;
      out.push({ kind: 'wrong-id', caseNumber: hit.caseNumber, idNumber: hits[other]!.idNumber });
    } else {
      // Sequences above 900000 are never generated (at most about 125,000 per guide and year).
      out.push({ kind: 'unknown', caseNumber: `${hit.caseNumber.slice(0, 24)}25${String(900_000 + k).padStart(6, '0')}`, idNumber: hit.idNumber });
    }
  }
  return out;
}

export const statusOperation = (lookup: Lookup): GraphQLOperation => ({
  operationName: 'BenchCaseStatus',
  query: STATUS,
  variables: { n: lookup.caseNumber, id: lookup.idNumber },
});

interface StatusData {
  caseStatus: { caseNumber: string; name: string; state: string; agency: { name: string | null } | null; timeline: unknown[] } | null;
}

/** Every lookup once: a hit answers its case, state, agency and whole timeline; the others answer null. */
export async function checkLookups(target: string, gatewayUrl: string, set: readonly Lookup[], concurrency = 10): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < set.length) {
      const lookup = set[next++]!;
      const status = ((await checkOnce(target, gatewayUrl, statusOperation(lookup))) as unknown as StatusData).caseStatus;
      if (lookup.kind !== 'hit') {
        if (status !== null) throw new CorrectnessError(target, `${lookup.kind} lookup of ${lookup.caseNumber} answered a case`);
        continue;
      }
      if (status?.caseNumber !== lookup.caseNumber || status.state !== lookup.state || status.timeline.length !== lookup.records || !status.name || !status.agency?.name) {
        throw new CorrectnessError(target, `caseStatus(${lookup.caseNumber}) answered ${JSON.stringify(status)}; expected ${lookup.state} with ${lookup.records} timeline entries`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Access tokens by username, fetched once each from the development provider. */
export function tokenCache(fetchToken: (username: string) => Promise<string>): (username: string) => Promise<string> {
  const tokens = new Map<string, Promise<string>>();
  return (username) => {
    if (!findUserByUsername(username)) return Promise.reject(new Error(`no seeded user ${username}`));
    let token = tokens.get(username);
    if (!token) tokens.set(username, (token = fetchToken(username)));
    return token;
  };
}
