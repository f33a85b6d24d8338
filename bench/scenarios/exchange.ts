import { setTimeout as sleep } from 'node:timers/promises';
import { casesDatabaseUrl, catalogDatabaseUrl, certificatesDatabaseUrl, exchangeDatabaseUrl, identityDatabaseUrl, resultsDatabaseUrl, type Config } from '../../lib/config.ts';
import type { Store } from '../../lib/db/store.ts';
import { createLogger } from '../../lib/logger.ts';
import { passwordToken } from '../../idp/client.ts';
import { startPlatform } from '../../scripts/platform.ts';
import { SEED_USERS } from '../../seeds/identity/principals.ts';
import { CATALOG_MIGRATIONS_DIR } from '../../subgraphs/catalog/service.ts';
import { IDENTITY_MIGRATIONS_DIR } from '../../subgraphs/identity/service.ts';
import { assertNoRefusals, CorrectnessError, keepingRefusals } from '../lib/graphql.ts';
import { measure, type Figures, type LoadRequest } from '../lib/measure.ts';
import { benchConfig } from '../lib/platformConfig.ts';
import type { MeasuredTarget, RatioDefinition } from '../lib/report.ts';
import { Resources } from '../lib/resources.ts';
import type { Scenario } from '../lib/scenario.ts';
import type { BenchSettings } from '../lib/settings.ts';
import { LICENSE_GUIDE, submit, submitOperation } from './cases/operations.ts';
import { dropSchemas, dropStaleSchemas } from './cases/statusSeed.ts';
import { startEchoService } from './exchange/echoService.ts';
import { acceptanceFields, echoEnvelope, echoHeaders, isFault, POLICE_SYSTEM, processFields, pushEnvelope, pushHeaders, readReceipt } from './exchange/envelopes.ts';
import { PushPlan } from './exchange/pushPlan.ts';

/**
 * CaseExchange (adapters/case-exchange) under load: sustained PushProcess pushes by 勉县公安局's
 * departmental system, each acknowledged only after the inbox row, the evidence entry and the
 * process record are committed, against a bare node-soap echo service in the same run.
 *
 * 1. push-gateway: through the gateway's /soap/CaseExchange; push-direct: straight to the exchange
 *    service. Every push a new message id, a fresh UsernameToken (nonce, Created, PasswordDigest)
 *    and a legal transition (START_STEP REVIEW and COMPLETE_STEP in turn on accepted cases); every
 *    one must answer APPLIED.
 * 2. echo: `soap.listen` with a one-operation WSDL answering the string it was sent, hit with
 *    envelopes of the same size and the same kind of security header.
 *
 * One platform on the embedded default (PGlite) unless DATABASE_URL (or EXCHANGE_DATABASE_URL /
 * CASES_DATABASE_URL) is set; on PostgreSQL the scenario's exchange, cases, results and
 * certificates schemas are dropped and recreated every run.
 */

const CATALOG_SCHEMA = 'bench_catalog';
const IDENTITY_SCHEMA = 'bench_identity';
const SCHEMAS = {
  exchange: 'bench_exchange',
  cases: 'bench_exchange_cases',
  results: 'bench_exchange_results',
  certificates: 'bench_exchange_certificates',
} as const;

/** Accepted cases the pushes go round; a case never has two pushes in flight. */
const CASES = 200;
const PREPARE_CONCURRENCY = 10;
/** How long a run's abandoned requests get to finish before the inbox is asked about them. */
const SETTLE_MS = 1_500;

const citizens = SEED_USERS.filter((user) => user.kind === 'NATURAL_PERSON');

/** Runs `work` over `items` with at most `limit` in flight. */
async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function post(target: string, url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  try {
    const response = await fetch(url, { method: 'POST', headers, body });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    throw new CorrectnessError(target, `request to ${url} failed: ${(error as Error).message}`);
  }
}

/** One push sent once and checked: HTTP 200, no Fault, APPLIED, the case at `version`. */
async function pushChecked(target: string, url: string, body: string, operation: 'PushAcceptance' | 'PushProcess', messageId: string, version: number): Promise<void> {
  const { status, text } = await post(target, url, pushHeaders(operation), body);
  const receipt = readReceipt(text);
  if (status !== 200 || isFault(text) || receipt.status !== 'APPLIED' || receipt.messageId !== messageId || receipt.caseVersion !== version || !receipt.receiptNumber?.startsWith('CX')) {
    throw new CorrectnessError(target, `${operation} ${messageId}: HTTP ${status}, ${text.slice(0, 800)}; expected an APPLIED receipt with CaseVersion ${version}`);
  }
}

async function count(store: Store, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await store.query<{ n: string | number }>(sql, params)).rows[0]!.n);
}

/** The shared catalog and identity schemas on PostgreSQL, dropped when their migrations changed. */
async function dropStale(config: Config, progress: (line: string) => void): Promise<void> {
  const shared = [
    { url: catalogDatabaseUrl(config), schema: config.catalogDbSchema, migrationsDir: CATALOG_MIGRATIONS_DIR },
    { url: identityDatabaseUrl(config), schema: config.identityDbSchema, migrationsDir: IDENTITY_MIGRATIONS_DIR },
  ];
  for (const { url, ...schema } of shared) {
    if (!url) continue;
    for (const dropped of await dropStaleSchemas(url, [schema])) progress(`dropped ${dropped}: its migrations changed since it was made`);
  }
}

/** The scenario's own schemas on PostgreSQL: recreated every run, so pushes never pile up across runs. */
async function dropOwn(config: Config): Promise<void> {
  const owned: Array<[string | undefined, string]> = [
    [exchangeDatabaseUrl(config), SCHEMAS.exchange],
    [casesDatabaseUrl(config), SCHEMAS.cases],
    [resultsDatabaseUrl(config), SCHEMAS.results],
    [certificatesDatabaseUrl(config), SCHEMAS.certificates],
  ];
  for (const [url, schema] of owned) if (url) await dropSchemas(url, [schema]);
}

export const exchangeScenario: Scenario = {
  name: 'exchange',
  async run(settings, progress) {
    const config = benchConfig(CATALOG_SCHEMA, {
      IDENTITY_DB_SCHEMA: IDENTITY_SCHEMA,
      EXCHANGE_DB_SCHEMA: SCHEMAS.exchange,
      CASES_DB_SCHEMA: SCHEMAS.cases,
      RESULTS_DB_SCHEMA: SCHEMAS.results,
      CERTIFICATES_DB_SCHEMA: SCHEMAS.certificates,
    });
    await dropOwn(config);
    await dropStale(config, progress);

    const targets: MeasuredTarget[] = [];
    const ratios: RatioDefinition[] = [];
    const environment: Record<string, string | number | boolean | null> = {};
    const notes: string[] = [];
    const resources = new Resources();
    try {
      progress('starting the platform and the echo service');
      const platform = resources.add('platform', await startPlatform({ config, logger: createLogger('silent'), ephemeralPorts: true, dataDir: null }));
      const echo = resources.add('echo service', await startEchoService());
      const { gateway, exchange, cases } = platform;
      const urls = { gateway: gateway.url.replace(/\/graphql$/, '/soap/CaseExchange'), direct: exchange.soapUrl };
      const run = Date.now().toString(36);

      // ---- The working set: CASES submitted by the seeded citizens, accepted by a push -------------
      const tokens = await Promise.all(citizens.map((user) => passwordToken(platform.issuer, user.username)));
      const prepareStarted = performance.now();
      const caseNumbers = await inBatches(Array.from({ length: CASES }, (_, i) => i), PREPARE_CONCURRENCY, async (i) => {
        const receipt = await submit(`submit (working set) as ${citizens[i % citizens.length]!.username}`, gateway.url, tokens[i % citizens.length]!, submitOperation(LICENSE_GUIDE, `bench-exchange-${run}-${i}`));
        return receipt.caseNumber;
      });
      progress(`${caseNumbers.length} cases submitted through the gateway by ${citizens.length} citizens (${Math.round(performance.now() - prepareStarted)} ms)`);
      const acceptStarted = performance.now();
      await inBatches(caseNumbers, PREPARE_CONCURRENCY, async (caseNumber, i) => {
        const messageId = `ba-${run}-${String(i).padStart(6, '0')}`;
        const target = i % 2 === 0 ? 'accept (gateway)' : 'accept (direct)';
        await pushChecked(target, i % 2 === 0 ? urls.gateway : urls.direct, pushEnvelope('PushAcceptance', acceptanceFields(messageId, caseNumber)), 'PushAcceptance', messageId, 2);
      });
      progress(`all ${caseNumbers.length} accepted by PushAcceptance, half through the gateway, half straight (${Math.round(performance.now() - acceptStarted)} ms)`);

      // ---- Each target answers correctly once before any is measured -----------------------------
      const plan = new PushPlan(caseNumbers, `bp-${run}`);
      const checked = new Set<string>();
      for (const [name, url] of [['push-gateway', urls.gateway], ['push-direct', urls.direct]] as const) {
        const push = plan.next();
        const { status, text } = await post(name, url, push.headers, push.body);
        if (status !== 200 || !plan.verify(text)) throw new CorrectnessError(name, `PushProcess ${push.step} ${push.messageId}: HTTP ${status}, ${text.slice(0, 800)}; expected APPLIED`);
        if (readReceipt(text).caseVersion !== 3) throw new CorrectnessError(name, `PushProcess ${push.messageId} answered CaseVersion ${readReceipt(text).caseVersion}; expected 3`);
        checked.add(push.messageId);
      }
      // Envelope sizes of the two steps (fixed-width message ids, base64 nonces and digests: constant per step).
      const sampleCase = caseNumbers[0]!;
      const sizes = (['START_STEP', 'COMPLETE_STEP'] as const).map((step) => Buffer.byteLength(pushEnvelope('PushProcess', processFields(`bp-${run}-000000000`, sampleCase, step))));
      const echoCheck = echoEnvelope(sizes[0]!);
      const echoed = await post('echo', echo.url, echoHeaders, echoCheck.body);
      if (echoed.status !== 200 || !echoed.text.includes(`${echoCheck.text}</Text>`) || isFault(echoed.text)) {
        throw new CorrectnessError('echo', `HTTP ${echoed.status}: ${echoed.text.slice(0, 500)}; expected the string sent back`);
      }
      progress(`checked: a PushProcess through the gateway and one straight are APPLIED (CaseVersion 3); the echo answers the ${sizes[0]}-byte envelope's string`);

      const evidenceBefore = await count(exchange.store, 'SELECT count(*) AS n FROM exchange_evidence');

      // ---- Part 1: pushes, through the gateway and straight -------------------------------------
      // The warm-up is a run of its own here, so that the pushes it leaves unanswered are settled
      // from the inbox before the measured run starts (their cases would otherwise sit out).
      const settle = async (name: string) => {
        await sleep(SETTLE_MS);
        const unanswered = plan.unanswered();
        const rows = unanswered.length
          ? (await exchange.store.query<{ message_id: string; status: string }>('SELECT message_id, status FROM exchange_inbox WHERE message_id = ANY($1)', [unanswered])).rows
          : [];
        const wrong = plan.settle(new Map(rows.map((row) => [row.message_id, row.status])));
        if (wrong.length) throw new CorrectnessError(name, `pushes left unanswered at the end of the run are not APPLIED: ${wrong.slice(0, 5).join(', ')}`);
      };
      const measurePushes = async (name: string, url: string): Promise<Figures> => {
        const load = plan.load(url, settings.connections);
        const before = { ...plan.outcomes };
        if (settings.warmupSeconds > 0) {
          await measure(load, { ...settings, durationSeconds: settings.warmupSeconds, warmupSeconds: 0 });
          await settle(name);
        }
        const figures = await measure(load, { ...settings, warmupSeconds: 0 });
        await settle(name);
        const failed = plan.outcomes.faults - before.faults + plan.outcomes.otherReceipts - before.otherReceipts;
        if (failed > 0) {
          throw new CorrectnessError(name, `under load: ${plan.outcomes.faults - before.faults} faults, ${plan.outcomes.otherReceipts - before.otherReceipts} receipts other than APPLIED; first: ${plan.refusals.join(' | ')}`);
        }
        return figures;
      };
      const pushTargets = [
        {
          name: 'push-gateway',
          url: urls.gateway,
          description: `PushProcess through the gateway's /soap/CaseExchange by ${POLICE_SYSTEM} (UsernameToken PasswordDigest, a new nonce each), START_STEP REVIEW and COMPLETE_STEP in turn on ${CASES} accepted cases, a new MessageId each; APPLIED only after the commit`,
        },
        { name: 'push-direct', url: urls.direct, description: 'the same pushes straight to the exchange service (its soapUrl), no gateway' },
      ];
      for (const target of pushTargets) {
        progress(`${target.name}: ${settings.warmupSeconds} s warm-up, ${settings.durationSeconds} s measured, ${settings.connections} connections`);
        const figures = await measurePushes(target.name, target.url);
        assertNoRefusals(target.name, figures, plan.refusals);
        targets.push({ name: target.name, description: target.description, figures });
        progress(`${target.name}: ${figures.requestsPerSecond} pushes/s, p50 ${figures.latencyP50Ms} ms, p99 ${figures.latencyP99Ms} ms`);
      }

      // ---- Part 2: the echo baseline, envelopes of the same sizes -------------------------------
      let echoes = 0;
      const kept = keepingRefusals((body) => body.includes('EchoResponse') && !isFault(body));
      const echoLoad: LoadRequest = {
        url: echo.url,
        method: 'POST',
        headers: echoHeaders,
        next: () => ({ body: echoEnvelope(sizes[echoes++ % 2]!).body }),
        verifyBody: kept.verify,
      };
      progress(`echo: ${settings.warmupSeconds} s warm-up, ${settings.durationSeconds} s measured, ${settings.connections} connections`);
      const echoFigures = await measure(echoLoad, settings);
      assertNoRefusals('echo', echoFigures, kept.refusals);
      targets.push({
        name: 'echo',
        description: `a bare node-soap service (soap.listen, one document/literal operation answering its string), the same envelope sizes (${sizes.join(' and ')} bytes) with the same kind of UsernameToken header, which it ignores`,
        figures: echoFigures,
      });
      ratios.push(
        { numerator: 'push-direct', denominator: 'echo' },
        { numerator: 'push-gateway', denominator: 'echo' },
        { numerator: 'push-gateway', denominator: 'push-direct' },
      );

      // ---- Every push acknowledged is committed, once, and nothing was refused -------------------
      const prefix = `bp-${run}-%`;
      const answered = plan.outcomes.applied + plan.outcomes.settledApplied;
      const inbox = await exchange.store.query<{ status: string; n: string | number }>('SELECT status, count(*) AS n FROM exchange_inbox WHERE message_id LIKE $1 GROUP BY status', [prefix]);
      const byStatus = Object.fromEntries(inbox.rows.map((row) => [row.status, Number(row.n)]));
      if (Object.keys(byStatus).some((status) => status !== 'APPLIED') || (byStatus['APPLIED'] ?? 0) !== answered) {
        throw new CorrectnessError('push', `inbox holds ${JSON.stringify(byStatus)} for ${answered} pushes answered (or settled) APPLIED`);
      }
      const records = await count(cases.store, 'SELECT count(*) AS n FROM case_record WHERE source_message_id LIKE $1', [prefix]);
      const distinct = await count(cases.store, 'SELECT count(DISTINCT source_message_id) AS n FROM case_record WHERE source_message_id LIKE $1', [prefix]);
      if (records !== answered || distinct !== answered) throw new CorrectnessError('push', `${records} process records (${distinct} message ids) for ${answered} APPLIED pushes`);
      // Each case is at version 2 (accepted) + the pushes applied to it.
      const versions = await count(cases.store, 'SELECT coalesce(sum(version - 2), 0) AS n FROM cases WHERE case_number = ANY($1)', [caseNumbers]);
      if (versions !== answered) throw new CorrectnessError('push', `the cases moved ${versions} versions for ${answered} APPLIED pushes`);
      const faults = await count(exchange.store, 'SELECT count(*) AS n FROM exchange_evidence WHERE fault_code IS NOT NULL');
      if (faults !== 0) throw new CorrectnessError('push', `${faults} evidence entries with a fault`);
      const evidenceAfter = await count(exchange.store, 'SELECT count(*) AS n FROM exchange_evidence');
      if (evidenceAfter - evidenceBefore !== plan.outcomes.sent - checked.size - plan.outcomes.settledAbsent) {
        throw new CorrectnessError('push', `${evidenceAfter - evidenceBefore} evidence entries for ${plan.outcomes.sent - checked.size - plan.outcomes.settledAbsent} pushes that reached the service`);
      }
      const spread = plan.spread();

      const storeKind = exchange.store.kind;
      Object.assign(environment, {
        store: storeKind,
        casesStore: cases.store.kind,
        exchangeSchema: storeKind === 'postgres' ? SCHEMAS.exchange : null,
        synchronousCommit: storeKind === 'postgres' ? String((await exchange.store.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]!.synchronous_commit) : null,
        databasePoolSize: storeKind === 'postgres' ? config.databasePoolSize : null,
        subgraphConnections: config.subgraphConnections,
        workingSetCases: CASES,
        envelopeBytes: sizes.join('/'),
        pushesApplied: answered,
        evidenceEntries: evidenceAfter,
      });
      notes.push(
        `every push answered APPLIED: ${plan.outcomes.applied} receipts read under load (warm-ups included) and ${plan.outcomes.settledApplied} more whose answer autocannon abandoned at the end of a run, found APPLIED in the inbox (${plan.outcomes.settledAbsent} abandoned ones never reached the service); 0 faults, 0 DUPLICATE/HELD receipts, 0 faulted evidence entries.`,
        `durable: afterwards the inbox holds exactly ${answered} APPLIED rows for these message ids, the cases store ${records} process records carrying them (one per id), and the ${CASES} cases moved exactly ${versions} versions; each case got ${spread.min}–${spread.max} pushes.`,
        `the working set: ${CASES} applications for 旅馆业特种行业许可证核发 (${LICENSE_GUIDE}) submitted through the gateway by the ${citizens.length} seeded citizens, each accepted by a PushAcceptance of ${POLICE_SYSTEM} (half through the gateway, half straight), checked APPLIED at CaseVersion 2.`,
        `a push is answered after the exchange service has authenticated the UsernameToken (digest, Created window, nonce stored against replay), checked the record, called the cases subgraph's exchangeCaseRecord (state machine, the record committed there) and committed its inbox row and hash-chained evidence entry; the echo does none of this, so push ÷ echo is the price of all of it over parsing and writing a SOAP envelope with node-soap.`,
        `the warm-up of each push target is a run of its own, followed by a ${SETTLE_MS / 1000} s pause in which the pushes autocannon left unanswered are looked up in the inbox; the echo's warm-up is measure()'s own.`,
        storeKind === 'postgres'
          ? `ran on PostgreSQL (schemas ${Object.values(SCHEMAS).join(', ')}, recreated for this run; synchronous_commit ${String(environment['synchronousCommit'])}): a receipt means the commit reached the WAL on disk.`
          : 'ran on PGlite (embedded default, in memory): a receipt means the transaction committed, but nothing is fsynced; set DATABASE_URL for PostgreSQL, where the commit is flushed to the WAL before the answer.',
      );
    } finally {
      progress('stopping');
      await resources.closeAll();
    }
    if (targets.length === 0) throw new CorrectnessError('exchange', 'nothing was measured');
    return {
      scenario: 'exchange',
      title: 'CaseExchange PushProcess with durable commit, gateway vs direct, against a bare node-soap echo',
      operation: 'SOAP 1.1 PushProcess (urn:tongban:case-exchange:1), WS-Security UsernameToken PasswordDigest; echo: Echo(Text) on a one-operation WSDL',
      environment,
      targets,
      ratios,
      notes,
    };
  },
};
