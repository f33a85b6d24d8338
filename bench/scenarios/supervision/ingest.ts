import { setTimeout as sleep } from 'node:timers/promises';
import { generateInternalKeyPair, servicePrincipal } from '../../../lib/auth/internalToken.ts';
import { workingCalendar } from '../../../lib/calendar/workingDays.ts';
import { createLogger } from '../../../lib/logger.ts';
import type { Platform } from '../../../scripts/platform.ts';
import type { CaseObservation } from '../../../subgraphs/supervision/observations/observation.ts';
import { startSupervision } from '../../../subgraphs/supervision/service.ts';
import { assertNoRefusals, carriesNoErrors, checkOnce, CorrectnessError, graphqlFreshLoad, keepingRefusals, type GraphQLOperation } from '../../lib/graphql.ts';
import { measure } from '../../lib/measure.ts';
import { benchConfig } from '../../lib/platformConfig.ts';
import { Resources } from '../../lib/resources.ts';
import type { BenchSettings } from '../../lib/settings.ts';
import { internalTokensFor } from '../cases/internalTokens.ts';
import { bearer } from '../cases/operations.ts';
import { count, SETTLE_MS } from '../exchange/pushRun.ts';
import { CATALOG_SCHEMA } from '../exchange/schemas.ts';
import type { Collected } from './collected.ts';
import { dropSupervisionSchema, supervisionSchemaVariable } from './ownSchema.ts';

/**
 * Part 1b: supervision's ingest path on its own. recordCaseObservation, as the cases subgraph's
 * outbox sends it (a SERVICE token signed with the cases key, the observation as JSON), straight to
 * a supervision subgraph:
 *
 * - ingest-fresh: every request a (caseNumber, version) supervision has not seen: validated,
 *   recorded, the projection moved forward, the record judged by every rule, the time rules run
 *   and the next check day stored, the access log appended — all in one transaction;
 * - ingest-duplicate: the same requests again: the same HTTP, token check and validation, then the
 *   idempotency key finds the observation and nothing is evaluated.
 *
 * ingest-fresh ÷ ingest-duplicate isolates the evaluation (and projection) cost per record.
 *
 * The platform keeps the cases subgraph's service key to itself, so this part starts a second
 * supervision subgraph — the same code, started the way a deployment starts it on its own — that
 * trusts a cases key the bench generated (INTERNAL_VERIFY_KEYS in a deployment). Its store is
 * PGlite in memory, or the schema bench_supervision_ingest on PostgreSQL, recreated every run. The
 * observations are copies of one supervision recorded from a real push (part 1), renumbered; they
 * are counted with the bundled calendar, which supervision holds without asking the cases subgraph.
 */

export const INGEST_SCHEMA = 'bench_supervision_ingest';
/** Case numbers the fresh observations go round, each at a higher version every round. */
const INGEST_CASES = 1_000;
/** Observations kept to be sent again as duplicates. */
const REPLAY_SET = 2_000;

const RECORD = `mutation BenchRecordCaseObservation($observation: JSONObject!) {
  recordCaseObservation(observation: $observation) { duplicate raised }
}`;

/** Fresh observations from one template: case i of INGEST_CASES at version template + round. */
class ObservationStream {
  private sent = 0;
  readonly replay: Array<{ caseNumber: string; version: number }> = [];
  private replayed = 0;
  private readonly base: CaseObservation;

  constructor(template: CaseObservation) {
    this.base = structuredClone(template);
  }

  /** Sequences 900000 and up of the template's code and year: never a number the platform issued. */
  static caseNumber(template: CaseObservation, i: number): string {
    return `${template.case.caseNumber.slice(0, 26)}${String(900_000 + i).padStart(6, '0')}`;
  }

  private operation(caseNumber: string, version: number): GraphQLOperation {
    // Mutated and serialised at once (graphqlFreshLoad stringifies before the next request is built).
    this.base.case.caseNumber = caseNumber;
    this.base.record.version = version;
    return { operationName: 'BenchRecordCaseObservation', query: RECORD, variables: { observation: this.base } };
  }

  fresh(): GraphQLOperation {
    const k = this.sent++;
    const next = { caseNumber: ObservationStream.caseNumber(this.base, k % INGEST_CASES), version: this.base.record.version + Math.floor(k / INGEST_CASES) };
    if (this.replay.length < REPLAY_SET) this.replay.push(next);
    return this.operation(next.caseNumber, next.version);
  }

  duplicate(): GraphQLOperation {
    const again = this.replay[this.replayed++ % this.replay.length]!;
    return this.operation(again.caseNumber, again.version);
  }

  get freshSent(): number {
    return this.sent;
  }
}

const answered = (duplicate: boolean) => (body: string) => carriesNoErrors(body) && body.includes(`"duplicate":${duplicate}`);

export async function measureIngest(platform: Platform, template: CaseObservation | null, settings: BenchSettings, progress: (line: string) => void, out: Collected): Promise<void> {
  const say = (line: string) => progress(`part 1b: ${line}`);
  if (template === null) throw new CorrectnessError('ingest', 'part 1 left no START_STEP observation to copy');
  const versions = new Set([template.case.deadlines?.legal, template.case.deadlines?.promised, ...(template.case.deadlines?.steps ?? []).map((step) => step.deadline)].flatMap((d) => (d ? [d.calendarVersion] : [])));
  if ([...versions].some((version) => version !== workingCalendar.version)) {
    // Another version would be fetched from the cases subgraph, which does not trust this subgraph's key.
    const why = `part 1b SKIPPED: the template observation's due dates use calendar ${[...versions].join(', ')}, not the bundled ${workingCalendar.version}`;
    say(why);
    out.notes.push(why);
    return;
  }

  const config = benchConfig(CATALOG_SCHEMA, { ...supervisionSchemaVariable(INGEST_SCHEMA), SUPERVISION_CLOCK_SECONDS: '86400' });
  await dropSupervisionSchema(config);
  const resources = new Resources();
  try {
    const casesKey = await generateInternalKeyPair('cases');
    const ownKey = await generateInternalKeyPair('supervision');
    say('starting a supervision subgraph of its own that trusts a cases key the bench generated');
    const supervision = resources.add(
      'supervision (ingest)',
      await startSupervision({
        config,
        logger: createLogger('silent'),
        port: 0,
        dataDir: null,
        internalKeys: casesKey.publicJwks,
        serviceKey: ownKey.privateJwk,
        catalogUrl: platform.catalog.url,
        casesUrl: platform.cases.url,
      }),
    );
    const tokens = resources.add('cases service token', await internalTokensFor(casesKey.privateJwk, config.internalTokenTtlSeconds, [servicePrincipal('cases')]));
    const headers = () => bearer(tokens.current(0));
    const stream = new ObservationStream(template);
    const observations = () => count(supervision.store, 'SELECT count(*) AS n FROM case_observation');
    const auditEntries = () => count(supervision.store, "SELECT count(*) AS n FROM access_log WHERE resource_type = 'case_observation'");

    // Checked once: a fresh one is recorded, projected and audited; the same again changes nothing.
    const first = stream.fresh();
    const firstNumber = ObservationStream.caseNumber(template, 0);
    const data = (await checkOnce('ingest-fresh', supervision.url, first, headers())) as { recordCaseObservation?: { duplicate: boolean; raised: number } };
    if (data.recordCaseObservation?.duplicate !== false) throw new CorrectnessError('ingest-fresh', `answered ${JSON.stringify(data)}; expected duplicate: false`);
    const row = (await supervision.store.query<{ version: number; state: string }>('SELECT version, state FROM supervised_case WHERE case_number = $1', [firstNumber])).rows[0];
    if (Number(row?.version) !== template.record.version || row?.state !== template.case.state || (await observations()) !== 1 || (await auditEntries()) !== 1) {
      throw new CorrectnessError('ingest-fresh', `after one observation supervision holds ${JSON.stringify(row ?? null)}, ${await observations()} observations, ${await auditEntries()} audit entries`);
    }
    const again = (await checkOnce('ingest-duplicate', supervision.url, stream.duplicate(), headers())) as { recordCaseObservation?: { duplicate: boolean } };
    if (again.recordCaseObservation?.duplicate !== true || (await observations()) !== 1 || (await auditEntries()) !== 1) {
      throw new CorrectnessError('ingest-duplicate', `the same observation again answered ${JSON.stringify(again)} and left ${await observations()} observations`);
    }
    say('checked: a fresh observation is recorded, projected and audited; the same again answers duplicate and changes nothing');

    const targets = [
      { name: 'ingest-fresh', duplicate: false, next: () => stream.fresh() },
      { name: 'ingest-duplicate', duplicate: true, next: () => stream.duplicate() },
    ];
    for (const target of targets) {
      const kept = keepingRefusals(answered(target.duplicate));
      const before = await observations();
      say(`${target.name}: ${settings.warmupSeconds} s warm-up, ${settings.durationSeconds} s measured, ${settings.connections} connections`);
      const figures = await measure(graphqlFreshLoad(supervision.url, () => ({ operation: target.next(), headers: headers() }), kept.verify), settings);
      assertNoRefusals(target.name, figures, kept.refusals);
      // Requests autocannon abandoned when it stopped still finish; they count before the next target starts.
      await sleep(SETTLE_MS);
      const added = (await observations()) - before;
      if (target.duplicate ? added !== 0 : added < figures.requests) {
        throw new CorrectnessError(target.name, `${added} observations recorded for ${figures.requests} answers measured`);
      }
      say(`${target.name}: ${figures.requestsPerSecond} observations/s, p50 ${figures.latencyP50Ms} ms, p99 ${figures.latencyP99Ms} ms`);
      out.targets.push({
        name: target.name,
        description: target.duplicate
          ? `the same recordCaseObservation requests again (${stream.replay.length} of them in turn): HTTP, token check, validation, then the idempotency key answers duplicate; nothing evaluated`
          : `recordCaseObservation straight to a supervision subgraph with a cases SERVICE token, a START_STEP observation copied from a real push, every request a new (caseNumber, version) over ${INGEST_CASES} cases: recorded, projected, judged by every rule, next check day stored, audited`,
        figures,
      });
    }
    out.ratios.push({ numerator: 'ingest-fresh', denominator: 'ingest-duplicate' });
    const total = await observations();
    if (total > stream.freshSent) throw new CorrectnessError('ingest', `${total} observations recorded for ${stream.freshSent} fresh ones sent`);
    Object.assign(out.environment, { ingestStore: supervision.store.kind, ingestObservationsRecorded: total, ingestObservationBytes: Buffer.byteLength(JSON.stringify(template)) });
    out.notes.push(
      `part 1b ran on a supervision subgraph of its own (${supervision.store.kind === 'postgres' ? `PostgreSQL schema ${INGEST_SCHEMA}, recreated for this run` : 'PGlite in memory'}) with a cases key the bench generated, since the platform does not hand out the cases subgraph's; ` +
        `${total} fresh observations recorded (one per fresh request answered, plus those autocannon abandoned at the end); every duplicate answered duplicate and recorded nothing.`,
    );
  } finally {
    say('stopping');
    await resources.closeAll();
  }
}
