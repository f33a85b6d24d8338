import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../../../lib/db/store.ts';
import { createLogger } from '../../../lib/logger.ts';
import { passwordToken } from '../../../idp/client.ts';
import { startPlatform, type Platform } from '../../../scripts/platform.ts';
import type { CaseObservation } from '../../../subgraphs/supervision/observations/observation.ts';
import { CorrectnessError } from '../../lib/graphql.ts';
import { benchConfig } from '../../lib/platformConfig.ts';
import { Resources } from '../../lib/resources.ts';
import type { BenchSettings } from '../../lib/settings.ts';
import { LICENSE_GUIDE, submit, submitOperation } from '../cases/operations.ts';
import { decisionFields, isFault, POLICE_SYSTEM, pushEnvelope, pushHeaders, readReceipt } from '../exchange/envelopes.ts';
import { PushPlan } from '../exchange/pushPlan.ts';
import { checkPlannedPush, citizens, count, measurePushes, post, prepareWorkingSet, pushUrls, SETTLE_MS, verifyPushesCommitted, WORKING_SET_CASES } from '../exchange/pushRun.ts';
import { CATALOG_SCHEMA, dropRunSchemas, dropStaleShared, runSchemas, schemaVariables } from '../exchange/schemas.ts';
import type { Collected } from './collected.ts';

/**
 * Part 1: what supervision's evaluation costs a CaseExchange push. The same pushes as the exchange
 * scenario's push-direct (PushProcess START_STEP REVIEW / COMPLETE_STEP in turn on 200 accepted
 * cases) on two platforms, one after the other:
 *
 * - push-sync: SUPERVISION_SYNC_WAIT_MS at its default (or as set, if more than 0): the cases
 *   subgraph answers exchangeCaseRecord only after its outbox has delivered the observation and
 *   supervision has recorded and evaluated it (or the wait ran out), so the receipt follows the
 *   evaluation;
 * - push-async: SUPERVISION_SYNC_WAIT_MS=0: the outbox delivers in the background; supervision
 *   still evaluates every push, in the same process, but the receipt does not wait for it.
 *
 * Each platform has its own schemas on PostgreSQL (bench_supervision_sync…, bench_supervision_async…),
 * recreated every run.
 */

export const LEGALITY_RULE = 'LEGALITY.DECISION_BEFORE_ACCEPTANCE';
/** How long the async platform is given to raise the legality alert in the background. */
const ASYNC_ALERT_WAIT_MS = 15_000;

export interface PushMode {
  key: 'sync' | 'async';
  target: string;
  waitMs: number;
}

/** The wait of the push-sync platform: SUPERVISION_SYNC_WAIT_MS as set (if more than 0), else the default. */
export function pushModes(env: Record<string, string | undefined> = process.env): PushMode[] {
  const configured = benchConfig(CATALOG_SCHEMA).supervisionSyncWaitMs;
  if (configured === 0) {
    throw new Error(`SUPERVISION_SYNC_WAIT_MS=${env['SUPERVISION_SYNC_WAIT_MS']}: the supervision scenario compares a waiting platform with one that does not wait (0); give a wait above 0 or leave it unset`);
  }
  return [
    { key: 'sync', target: 'push-sync', waitMs: configured },
    { key: 'async', target: 'push-async', waitMs: 0 },
  ];
}

/** What a push platform hands on: for part 1b, a START_STEP observation supervision recorded from a real push. */
export interface PushOutcome {
  template: CaseObservation | null;
}

async function observationCount(store: Store, pattern: string): Promise<number> {
  return count(store, "SELECT count(*) AS n FROM case_observation WHERE payload -> 'record' ->> 'sourceMessageId' LIKE $1", [pattern]);
}

/** Polls until `probe` answers true or `timeoutMs` passed; returns the milliseconds it took, or null. */
async function waitFor(probe: () => Promise<boolean>, timeoutMs: number): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await probe()) return Math.round(performance.now() - started);
    await sleep(20);
  }
  return null;
}

/**
 * A decision pushed for a case never accepted: the receipt must say HELD, and supervision must
 * hold the legality alert — at once on the waiting platform (raised within the push's aftermath),
 * within ASYNC_ALERT_WAIT_MS on the other. Answers how long after the receipt it was there.
 */
async function checkIllegalPush(platform: Platform, mode: PushMode, run: string): Promise<{ caseNumber: string; afterMs: number }> {
  const name = `${mode.target} (decision before acceptance)`;
  const token = await passwordToken(platform.issuer, citizens[0]!.username);
  const { caseNumber } = await submit(`${name}: submit`, platform.gateway.url, token, submitOperation(LICENSE_GUIDE, `bench-supervision-${mode.key}-${run}-illegal`));
  const messageId = `bi-${run}-${mode.key}`;
  const { status, text } = await post(name, pushUrls(platform).direct, pushHeaders('PushProcess'), pushEnvelope('PushProcess', decisionFields(messageId, caseNumber)));
  const receipt = readReceipt(text);
  if (status !== 200 || isFault(text) || receipt.status !== 'HELD' || receipt.messageId !== messageId) {
    throw new CorrectnessError(name, `PushProcess DECIDE on unaccepted ${caseNumber}: HTTP ${status}, ${text.slice(0, 800)}; expected a HELD receipt`);
  }
  const alerted = async () => (await count(platform.supervision.store, 'SELECT count(*) AS n FROM alert WHERE case_number = $1 AND rule_code = $2', [caseNumber, LEGALITY_RULE])) === 1;
  const afterMs = mode.waitMs > 0 ? ((await alerted()) ? 0 : null) : await waitFor(alerted, ASYNC_ALERT_WAIT_MS);
  if (afterMs === null) {
    const when = mode.waitMs > 0 ? 'when the HELD receipt arrived' : `within ${ASYNC_ALERT_WAIT_MS / 1000} s of the HELD receipt`;
    throw new CorrectnessError(name, `supervision holds no ${LEGALITY_RULE} alert for ${caseNumber} ${when}`);
  }
  return { caseNumber, afterMs };
}

/**
 * One platform: the working set, the checks (a push recorded by supervision, the illegal decision
 * alerted), the measured pushes, then every push committed once and observed once by supervision.
 * `after` runs on the same platform before it stops (part 1b takes its template from here).
 */
export async function measurePushMode(
  mode: PushMode,
  settings: BenchSettings,
  progress: (line: string) => void,
  out: Collected,
  after?: (platform: Platform, outcome: PushOutcome) => Promise<void>,
): Promise<void> {
  const schemas = runSchemas(`bench_supervision_${mode.key}`);
  const config = benchConfig(CATALOG_SCHEMA, {
    ...schemaVariables(schemas),
    SUPERVISION_SYNC_WAIT_MS: String(mode.waitMs),
    // The clock finds nothing due here (every case was accepted today); no run of it in the middle of a measurement.
    SUPERVISION_CLOCK_SECONDS: '86400',
  });
  await dropRunSchemas(config, schemas);
  await dropStaleShared(config, progress);
  const say = (line: string) => progress(`part 1, ${mode.target}: ${line}`);
  const resources = new Resources();
  try {
    say(`starting the platform (SUPERVISION_SYNC_WAIT_MS=${mode.waitMs})`);
    const platform = resources.add('platform', await startPlatform({ config, logger: createLogger('silent'), ephemeralPorts: true, dataDir: null }));
    const { exchange, cases, supervision } = platform;
    const run = Date.now().toString(36);
    const url = pushUrls(platform).direct;

    const caseNumbers = await prepareWorkingSet(platform, run, `supervision-${mode.key}`, say);
    await cases.outbox.drain();
    const projected = await count(supervision.store, 'SELECT count(*) AS n FROM case_observation WHERE case_number = ANY($1)', [caseNumbers]);
    if (projected !== 2 * caseNumbers.length) {
      throw new CorrectnessError(mode.target, `supervision recorded ${projected} observations of the working set; expected ${2 * caseNumbers.length} (submission and acceptance of each case)`);
    }

    // One push, checked: APPLIED, and recorded by supervision (at once when the platform waits).
    const prefix = `bp-${run}`;
    const plan = new PushPlan(caseNumbers, prefix);
    const checkedId = await checkPlannedPush(plan, mode.target, url, 3);
    if (mode.waitMs === 0) await cases.outbox.drain();
    if ((await observationCount(supervision.store, checkedId)) !== 1) {
      throw new CorrectnessError(mode.target, `supervision has not recorded the observation of push ${checkedId} ${mode.waitMs > 0 ? 'when its receipt arrived' : 'after the outbox was drained'}`);
    }
    const illegal = await checkIllegalPush(platform, mode, run);
    say(
      `checked: a push is APPLIED and recorded by supervision${mode.waitMs > 0 ? ' before its receipt' : ' once the outbox delivered it'}; a decision pushed before acceptance is HELD and its ${LEGALITY_RULE} alert ` +
        (mode.waitMs > 0 ? 'was there when the receipt arrived' : `appeared ${illegal.afterMs} ms after the receipt`),
    );

    const evidence = await count(exchange.store, 'SELECT count(*) AS n FROM exchange_evidence');
    const sentBefore = plan.outcomes.sent;
    say(`${settings.warmupSeconds} s warm-up, ${settings.durationSeconds} s measured, ${settings.connections} connections`);
    const figures = await measurePushes(plan, exchange.store, mode.target, url, settings);
    say(`${figures.requestsPerSecond} pushes/s, p50 ${figures.latencyP50Ms} ms, p99 ${figures.latencyP99Ms} ms`);

    // What supervision still had to do when the load stopped (the backlog the async platform leaves).
    const backlog = (await cases.outbox.counts()).PENDING;
    const drainStarted = performance.now();
    await cases.outbox.drain();
    const drainMs = Math.round(performance.now() - drainStarted);
    const committed = await verifyPushesCommitted(platform, plan, prefix, caseNumbers, { evidence, sent: sentBefore });
    const observed = await observationCount(supervision.store, `${prefix}-%`);
    if (observed !== committed.answered) throw new CorrectnessError(mode.target, `supervision recorded ${observed} observations for ${committed.answered} pushes APPLIED`);
    const dead = (await cases.outbox.counts()).DEAD;
    if (dead !== 0) throw new CorrectnessError(mode.target, `${dead} messages dead-lettered in the cases outbox`);
    const alerts = await count(supervision.store, 'SELECT count(*) AS n FROM alert WHERE case_number = ANY($1)', [caseNumbers]);

    out.targets.push({
      name: mode.target,
      description:
        `PushProcess straight to the exchange service by ${POLICE_SYSTEM}, START_STEP REVIEW and COMPLETE_STEP in turn on ${WORKING_SET_CASES} accepted cases (the exchange scenario's push-direct), ` +
        (mode.waitMs > 0
          ? `SUPERVISION_SYNC_WAIT_MS=${mode.waitMs}: the receipt waits until supervision has recorded and evaluated the record`
          : 'SUPERVISION_SYNC_WAIT_MS=0: supervision evaluates each record in the background, the receipt does not wait'),
      figures,
    });
    Object.assign(out.environment, {
      store: exchange.store.kind,
      supervisionStore: supervision.store.kind,
      [`supervisionSyncWaitMs_${mode.key}`]: mode.waitMs,
      [`pushesApplied_${mode.key}`]: committed.answered,
      [`observationBacklogAtEnd_${mode.key}`]: backlog,
      [`observationDrainMs_${mode.key}`]: drainMs,
      databasePoolSize: exchange.store.kind === 'postgres' ? config.databasePoolSize : null,
    });
    out.notes.push(
      `${mode.target}: ${committed.answered} pushes APPLIED (${plan.outcomes.settledApplied} of them settled from the inbox after autocannon abandoned their answer); the inbox, the cases store (${committed.records} records, ${committed.versions} versions) and the evidence log agree; ` +
        `supervision recorded exactly one observation per push (${observed}); ${alerts} alerts on the working set (every push a legal, timely transition); ` +
        `${backlog} observations still undelivered when the load stopped, delivered in ${drainMs} ms afterwards; 0 dead-lettered. ` +
        `Checked first: a push recorded by supervision ${mode.waitMs > 0 ? 'before its receipt' : 'after the outbox drained'}; a decision pushed on unaccepted ${illegal.caseNumber} HELD with its ${LEGALITY_RULE} alert ${mode.waitMs > 0 ? 'already raised when the receipt came' : `raised ${illegal.afterMs} ms after the receipt`}.`,
    );
    if (after) {
      const { rows } = await supervision.store.query<{ payload: unknown }>(
        "SELECT payload FROM case_observation WHERE action = 'START_STEP' AND payload -> 'record' ->> 'sourceMessageId' LIKE $1 ORDER BY received_at LIMIT 1",
        [`${prefix}-%`],
      );
      const payload = rows[0]?.payload;
      await after(platform, { template: payload === undefined ? null : ((typeof payload === 'string' ? JSON.parse(payload) : payload) as CaseObservation) });
    }
  } finally {
    say('stopping');
    await resources.closeAll();
  }
}

export const PUSH_NOTE =
  `push-sync ÷ push-async is what waiting for supervision costs a push: the cases subgraph's outbox delivers one lane per case in order, eight lanes side by side (subgraphs/cases/outboxLanes.ts), so on the waiting platform a push's receipt waits for its own observation and, at most, for those of its case queued before it, and shares supervision's store with the other lanes; ` +
  `on the other platform the same evaluation runs in the background in the same process (its CPU is still paid, its latency is not). The working set's warm-up and measured runs are separate, with a ${SETTLE_MS / 1000} s settle after each (see exchange).`;
