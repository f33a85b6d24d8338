import { casesDatabaseUrl, catalogDatabaseUrl, identityDatabaseUrl, resultsDatabaseUrl, type Config } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import { passwordToken } from '../../idp/client.ts';
import { startPlatform } from '../../scripts/platform.ts';
import { SEED_USERS } from '../../seeds/identity/principals.ts';
import { CASES_MIGRATIONS_DIR } from '../../subgraphs/cases/service.ts';
import { CATALOG_MIGRATIONS_DIR } from '../../subgraphs/catalog/service.ts';
import { IDENTITY_MIGRATIONS_DIR } from '../../subgraphs/identity/service.ts';
import { RESULTS_MIGRATIONS_DIR } from '../../subgraphs/results/service.ts';
import { assertNoRefusals, carriesNoErrors, checkOnce, CorrectnessError, graphqlFreshLoad, graphqlLoad, keepingRefusals, type GraphQLOperation } from '../lib/graphql.ts';
import { measure } from '../lib/measure.ts';
import { benchConfig } from '../lib/platformConfig.ts';
import type { MeasuredTarget, RatioDefinition, ScenarioResult } from '../lib/report.ts';
import { Resources } from '../lib/resources.ts';
import type { Scenario } from '../lib/scenario.ts';
import { positiveNumber, type BenchSettings } from '../lib/settings.ts';
import { checkHistory, driveCase, historyOperation, planFor, statementsPerRead } from './cases/history.ts';
import { internalTokensFor, principalOfAccessToken } from './cases/internalTokens.ts';
import { bearer, HISTORY, LICENSE_GUIDE, STATUS, submit, SUBMIT, submitOperation } from './cases/operations.ts';
import {
  checkLookups,
  DEFAULT_STATUS_DATABASE_URL,
  dropSchemas,
  dropStaleSchemas,
  ensureSeed,
  lookups,
  prepareSchema,
  probePostgres,
  redactUrl,
  schemaForSize,
  statusOperation,
  tokenCache,
} from './cases/statusSeed.ts';
import { dropSupervisionSchema, supervisionSchemaVariable } from './supervision/ownSchema.ts';

/**
 * The cases subgraph under load, three measurements each against a baseline of the same run:
 *
 * 1. submitApplication through the gateway, signed-in citizens, a new clientRequestId every time
 *    ÷ the same mutation straight to the cases subgraph with the gateway's internal token;
 * 2. the auditor's full history of a case with 100 process records ÷ of one with 8, with the SQL
 *    statements per read on the cases store;
 * 3. caseStatus among BENCH_STATUS_CASES (1,000,000) cases in PostgreSQL ÷ among 1,000.
 *
 * Parts 1 and 2 share a platform on the embedded default (PGlite) unless DATABASE_URL or
 * CASES_DATABASE_URL is set. Part 3 needs PostgreSQL and is skipped, saying so, when none answers.
 */

const CATALOG_SCHEMA = 'bench_catalog';
const IDENTITY_SCHEMA = 'bench_identity';
/** Parts 1–2 on PostgreSQL: recreated every run, so submissions never pile up across runs. */
const SUBMIT_SCHEMAS = { cases: 'bench_cases', results: 'bench_cases_results', supervision: 'bench_cases_supervision' } as const;
/** Part 3: no case of the seed has a result; the results store only answers "none". */
const STATUS_RESULTS_SCHEMA = 'bench_cases_status_results';
/** Part 3: supervision hears only of the template cases filed through the API; recreated for each platform. */
const STATUS_SUPERVISION_SCHEMA = 'bench_cases_status_supervision';

const HISTORY_RECORDS = 100;
const HISTORY_BASELINE_RECORDS = 8;
const STATUS_BASELINE_CASES = 1_000;
const STATUS_WORKING_SET = 4_000;

type Environment = ScenarioResult['environment'];

interface Collected {
  targets: MeasuredTarget[];
  ratios: RatioDefinition[];
  environment: Environment;
  notes: string[];
}

/**
 * The shared bench schemas a platform reuses on PostgreSQL: any whose migrations were edited since
 * they were applied is dropped first (the platform would refuse to start on it) and seeded again.
 */
async function dropStale(config: Config, progress: (line: string) => void): Promise<void> {
  const shared = [
    { url: catalogDatabaseUrl(config), schema: config.catalogDbSchema, migrationsDir: CATALOG_MIGRATIONS_DIR },
    { url: identityDatabaseUrl(config), schema: config.identityDbSchema, migrationsDir: IDENTITY_MIGRATIONS_DIR },
    { url: resultsDatabaseUrl(config), schema: config.resultsDbSchema, migrationsDir: RESULTS_MIGRATIONS_DIR },
  ];
  for (const { url, ...schema } of shared) {
    if (!url) continue;
    for (const dropped of await dropStaleSchemas(url, [schema])) progress(`dropped ${dropped}: its migrations changed since it was made`);
  }
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

const citizens = SEED_USERS.filter((user) => user.kind === 'NATURAL_PERSON');

async function measureChecked(
  name: string,
  description: string,
  load: ReturnType<typeof graphqlLoad>,
  refusals: string[],
  settings: BenchSettings,
  progress: (line: string) => void,
): Promise<MeasuredTarget> {
  progress(`${name}: ${settings.warmupSeconds} s warm-up, ${settings.durationSeconds} s measured, ${settings.connections} connections`);
  const figures = await measure(load, settings);
  assertNoRefusals(name, figures, refusals);
  return { name, description, figures };
}

/** Parts 1 and 2 on one platform. */
async function submissionsAndHistory(settings: BenchSettings, progress: (line: string) => void, out: Collected): Promise<void> {
  const config = benchConfig(CATALOG_SCHEMA, {
    CASES_DB_SCHEMA: SUBMIT_SCHEMAS.cases,
    RESULTS_DB_SCHEMA: SUBMIT_SCHEMAS.results,
    IDENTITY_DB_SCHEMA: IDENTITY_SCHEMA,
    ...supervisionSchemaVariable(SUBMIT_SCHEMAS.supervision),
  });
  const casesUrl = casesDatabaseUrl(config);
  const resultsUrl = resultsDatabaseUrl(config);
  if (casesUrl) await dropSchemas(casesUrl, [SUBMIT_SCHEMAS.cases]);
  if (resultsUrl) await dropSchemas(resultsUrl, [SUBMIT_SCHEMAS.results]);
  await dropSupervisionSchema(config);
  await dropStale(config, progress);

  const resources = new Resources();
  try {
    progress('parts 1–2: starting the platform');
    const platform = resources.add('platform', await startPlatform({ config, logger: createLogger('silent'), ephemeralPorts: true, dataDir: null }));
    const { gateway, cases } = platform;
    const storeText = cases.store.kind === 'postgres' ? `PostgreSQL (schema ${cases.store.schema}, recreated for this run)` : 'PGlite (embedded default, in memory)';
    Object.assign(out.environment, {
      store: cases.store.kind,
      casesSchema: cases.store.kind === 'postgres' ? cases.store.schema : null,
      databasePoolSize: cases.store.kind === 'postgres' ? config.databasePoolSize : null,
      subgraphConnections: config.subgraphConnections,
      internalTokenTtlSeconds: config.internalTokenTtlSeconds,
      citizens: citizens.length,
    });

    // ---- Part 1: submitApplication, gateway vs direct --------------------------------------
    const accessTokens = await Promise.all(citizens.map((user) => passwordToken(platform.issuer, user.username)));
    const internal = resources.add(
      'internal tokens',
      await internalTokensFor(platform.internalKeys!.privateJwk, config.internalTokenTtlSeconds, accessTokens.map(principalOfAccessToken)),
    );
    const run = Date.now().toString(36);
    let sent = 0;
    // A new clientRequestId every time: a repeated one would be answered from the first case (replayed).
    const nextSubmission = () => {
      const k = sent++;
      return { operation: submitOperation(LICENSE_GUIDE, `bench-${run}-${k}`), citizen: k % citizens.length };
    };
    const submitTargets = [
      {
        name: 'submit-gateway',
        url: gateway.url,
        headers: (citizen: number) => bearer(accessTokens[citizen]!),
        description: `submitApplication through the gateway, ${citizens.length} signed-in citizens in turn (OIDC token verified), a new clientRequestId each time, 6 PDF materials`,
      },
      {
        name: 'submit-direct',
        url: cases.url,
        headers: (citizen: number) => bearer(internal.current(citizen)),
        description: 'the same mutation straight to the cases subgraph with the internal token the gateway would sign for the same citizen',
      },
    ];
    for (const target of submitTargets) {
      for (const [citizen, user] of citizens.entries()) {
        const { operation } = nextSubmission();
        await submit(`${target.name} as ${user.username}`, target.url, target.name === 'submit-gateway' ? accessTokens[citizen]! : internal.current(citizen), operation);
      }
    }
    progress(`part 1: both targets file cases for all ${citizens.length} citizens`);
    const isNewCase = (body: string) => carriesNoErrors(body) && body.includes('"replayed":false');
    for (const target of submitTargets) {
      const kept = keepingRefusals(isNewCase);
      const load = graphqlFreshLoad(
        target.url,
        () => {
          const { operation, citizen } = nextSubmission();
          return { operation, headers: target.headers(citizen) };
        },
        kept.verify,
      );
      out.targets.push(await measureChecked(target.name, target.description, load, kept.refusals, settings, progress));
    }
    out.ratios.push({ numerator: 'submit-gateway', denominator: 'submit-direct' });
    const filed = await cases.store.query<{ n: string }>('SELECT count(*) AS n FROM cases');
    out.environment['casesFiledInPart1'] = Number(filed.rows[0]!.n);

    // ---- Part 2: a 100-record history vs an 8-record one -----------------------------------
    const police = {
      citizen: accessTokens[0]!,
      window: await passwordToken(platform.issuer, 'police-zhangwei'),
      reviewer: await passwordToken(platform.issuer, 'police-liuyang'),
    };
    const auditor = await passwordToken(platform.issuer, 'auditor-hejing');
    const histories = [
      { name: `history-${HISTORY_RECORDS}-records`, records: HISTORY_RECORDS },
      { name: `history-${HISTORY_BASELINE_RECORDS}-records`, records: HISTORY_BASELINE_RECORDS },
    ].map((history) => ({ ...history, plan: planFor(history.records), caseNumber: '' }));
    for (const history of histories) {
      progress(`part 2: driving a case to ${history.records} process records through actOnCase`);
      history.caseNumber = await driveCase(gateway.url, police, history.plan, `bench-${run}-history-${history.records}`);
    }
    // The results are delivered by the outbox; the history must show them.
    await cases.outbox.drain();
    for (const history of histories) {
      const counted = await checkHistory(history.name, gateway.url, auditor, history.caseNumber, history.plan);
      const statements = await statementsPerRead(cases.store, () => checkOnce(history.name, gateway.url, historyOperation(history.caseNumber), bearer(auditor)));
      out.environment[`historyRecords_${history.records}`] = counted;
      out.environment[`historySqlStatements_${history.records}`] = statements.mode;
      out.notes.push(
        `${history.name}: case ${history.caseNumber}, ${counted} records counted in the auditor's answer (${plural(history.plan.reviewRounds, 'review round')}, ${plural(history.plan.suspensions, 'suspension')}), ` +
          `${statements.mode} SQL statements on the cases store per read (min ${statements.min}, max ${statements.max} over 20 reads; the outbox's 1 s poll can add one)`,
      );
    }
    progress(`part 2: the auditor reads both histories whole (${histories.map((history) => `${history.records} records: ${out.environment[`historySqlStatements_${history.records}`]} statements`).join(', ')})`);
    for (const history of histories) {
      const kept = keepingRefusals();
      const load = { ...graphqlLoad(gateway.url, historyOperation(history.caseNumber), bearer(auditor)), verifyBody: kept.verify };
      out.targets.push(
        await measureChecked(
          history.name,
          `case(caseNumber) as the auditor: ${history.records} records, special procedures, deadlines, materials, result (results subgraph), guideVersion.guide.name (catalog)`,
          load,
          kept.refusals,
          settings,
          progress,
        ),
      );
    }
    out.ratios.push({ numerator: histories[0]!.name, denominator: histories[1]!.name });
    out.notes.push(`parts 1–2 ran on ${storeText}.`);
  } finally {
    progress('parts 1–2: stopping');
    await resources.closeAll();
  }
}

const sizeLabel = (cases: number) => schemaForSize(cases).replace('bench_cases_', '');

/** Part 3: caseStatus among many cases vs among 1,000, both in PostgreSQL. */
async function statusLookups(settings: BenchSettings, progress: (line: string) => void, out: Collected): Promise<void> {
  const cases = positiveNumber(process.env, 'BENCH_STATUS_CASES', 1_000_000, true);
  if (cases <= STATUS_BASELINE_CASES) throw new Error(`BENCH_STATUS_CASES: must be more than the baseline's ${STATUS_BASELINE_CASES}`);
  const url = process.env['CASES_DATABASE_URL'] || process.env['DATABASE_URL'] || DEFAULT_STATUS_DATABASE_URL;
  out.environment['statusDatabase'] = redactUrl(url);
  const unreachable = await probePostgres(url);
  if (unreachable !== null) {
    const why = `part 3 (caseStatus among ${cases.toLocaleString('en-US')} cases) SKIPPED: PostgreSQL is not reachable at ${redactUrl(url)} (${unreachable}); set DATABASE_URL to measure it`;
    progress(why);
    out.environment['statusLookups'] = 'skipped: PostgreSQL not reachable';
    out.notes.push(why);
    return;
  }
  const names: string[] = [];
  for (const size of [STATUS_BASELINE_CASES, cases]) {
    const schema = schemaForSize(size);
    const label = sizeLabel(size);
    const decision = await prepareSchema(url, schema, size, CASES_MIGRATIONS_DIR);
    const config = benchConfig(CATALOG_SCHEMA, {
      DATABASE_URL: url,
      CASES_DATABASE_URL: url,
      CASES_DB_SCHEMA: schema,
      RESULTS_DB_SCHEMA: STATUS_RESULTS_SCHEMA,
      IDENTITY_DB_SCHEMA: IDENTITY_SCHEMA,
      ...supervisionSchemaVariable(STATUS_SUPERVISION_SCHEMA),
      // The whole load comes from 127.0.0.1: the 结果反馈 limit must stay out of reach (its counting is still paid).
      CASE_STATUS_LOOKUPS_PER_WINDOW: '1000000',
    });
    await dropStale(config, progress);
    await dropSupervisionSchema(config);
    const resources = new Resources();
    try {
      progress(`part 3, ${label}: starting the platform on ${schema}`);
      const platform = resources.add('platform', await startPlatform({ config, logger: createLogger('silent'), ephemeralPorts: true, dataDir: null }));
      const store = platform.cases.store;
      if (store.kind !== 'postgres') throw new Error(`part 3: the cases store is ${store.kind}, expected PostgreSQL`);
      const token = tokenCache((username) => passwordToken(platform.issuer, username));
      const seed = await ensureSeed(decision, size, platform.gateway.url, store, token, progress);
      progress(`part 3, ${label}: ${seed.cases} cases, ${seed.records} records ${seed.seed} (${seed.ms} ms)`);
      Object.assign(out.environment, {
        [`statusSchema_${label}`]: schema,
        [`statusSeed_${label}`]: seed.seed,
        [`statusSeed_${label}_ms`]: seed.ms,
        [`statusCases_${label}`]: seed.cases,
        [`statusRecords_${label}`]: seed.records,
        statusDatabasePoolSize: config.databasePoolSize,
      });
      const set = await lookups(store, STATUS_WORKING_SET);
      const started = performance.now();
      await checkLookups(`status-${label}`, platform.gateway.url, set);
      const hits = set.filter((lookup) => lookup.kind === 'hit');
      progress(`part 3, ${label}: all ${set.length} lookups answer correctly (${Math.round(performance.now() - started)} ms)`);
      const kept = keepingRefusals();
      const load = { ...graphqlLoad(platform.gateway.url, set.map(statusOperation)), verifyBody: kept.verify };
      const name = `status-${label}`;
      out.targets.push(
        await measureChecked(
          name,
          `caseStatus(caseNumber, idNumber), no sign-in, among ${seed.cases.toLocaleString('en-US')} cases (${seed.records.toLocaleString('en-US')} records) in PostgreSQL: ` +
            `${set.length} lookups in turn, ${hits.length} hits (${new Set(hits.map((hit) => hit.caseNumber)).size} distinct cases), ` +
            `${set.filter((lookup) => lookup.kind === 'wrong-id').length} with another applicant's ID number, ${set.filter((lookup) => lookup.kind === 'unknown').length} unknown numbers`,
          load,
          kept.refusals,
          settings,
          progress,
        ),
      );
      names.push(name);
    } finally {
      progress(`part 3, ${label}: stopping`);
      await resources.closeAll();
    }
  }
  out.ratios.push({ numerator: names[1]!, denominator: names[0]! });
}

export const casesScenario: Scenario = {
  name: 'cases',
  async run(settings, progress) {
    const out: Collected = { targets: [], ratios: [], environment: {}, notes: [] };
    await submissionsAndHistory(settings, progress, out);
    await statusLookups(settings, progress, out);
    const statusCases = positiveNumber(process.env, 'BENCH_STATUS_CASES', 1_000_000, true);
    const operations: GraphQLOperation[] = [{ query: SUBMIT }, { query: HISTORY }, { query: STATUS }];
    if (out.targets.length === 0) throw new CorrectnessError('cases', 'nothing was measured');
    return {
      scenario: 'cases',
      title: `submitApplication gateway vs direct; a ${HISTORY_RECORDS}-record case history vs ${HISTORY_BASELINE_RECORDS}; caseStatus among ${statusCases.toLocaleString('en-US')} cases vs ${STATUS_BASELINE_CASES.toLocaleString('en-US')}`,
      operation: operations.map((operation) => operation.query).join('\n\n'),
      environment: out.environment,
      targets: out.targets,
      ratios: out.ratios,
      notes: out.notes,
    };
  },
};
