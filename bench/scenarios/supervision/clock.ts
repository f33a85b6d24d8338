import { createLogger } from '../../../lib/logger.ts';
import { passwordToken } from '../../../idp/client.ts';
import { startPlatform, type Platform } from '../../../scripts/platform.ts';
import { CorrectnessError } from '../../lib/graphql.ts';
import { figuresFromDurations } from '../../lib/measure.ts';
import { benchConfig } from '../../lib/platformConfig.ts';
import { Resources } from '../../lib/resources.ts';
import { positiveNumber, type BenchSettings } from '../../lib/settings.ts';
import { DEFAULT_STATUS_DATABASE_URL, probePostgres, redactUrl, tokenCache } from '../cases/statusSeed.ts';
import { count } from '../exchange/pushRun.ts';
import { CATALOG_SCHEMA, dropRunSchemas, dropStaleShared, runSchemas, schemaVariables } from '../exchange/schemas.ts';
import { clockSchemaFor, ensureClockSeed, nowOn, prepareClockSchema, type ClockSeed } from './clockSeed.ts';
import type { Collected } from './collected.ts';

/**
 * Part 2: the supervision clock over BENCH_SUPERVISION_CASES (1,000,000) open cases in PostgreSQL
 * ÷ over 1,000, the same BENCH_SUPERVISION_CROSSING (1,000) crossing a boundary in both (clockSeed.ts).
 * A run claims the cases whose next check day has come, judges them, raises their alerts and
 * moves their next check day on; if its work follows the crossings only, the ratio stays near 1.
 *
 * Each run is timed here (the clock's run(), in the process, as its timer calls it): before every
 * run, outside the timing, the crossing cases get their next check day back and lose the alerts
 * the previous run raised, so every run has the same work. Each run must examine and raise exactly
 * as many as cross.
 */

const BASELINE_CASES = 1_000;
const YELLOW_RULE = 'TIMELINESS.PROMISED_YELLOW';
/** At least this many measured runs, whatever BENCH_DURATION says: a p50 of fewer means little. */
const MIN_RUNS = 5;

const sizeLabel = (cases: number) => clockSchemaFor(cases).replace('bench_supervision_', '');

/** The crossing cases back to their state before a run: next check day asOf, no alert. */
async function reset(platform: Platform, seed: ClockSeed, asOf: string): Promise<void> {
  await platform.supervision.store.transaction(async (tx) => {
    await tx.query('UPDATE supervised_case SET next_check_on = $1::date WHERE case_number = ANY($2)', [asOf, seed.crossing]);
    await tx.query('DELETE FROM alert WHERE case_number = ANY($1)', [seed.crossing]);
  });
}

/** Runs the clock (after a reset) until `seconds` have passed and at least `minimum` runs were made; returns each run's milliseconds. */
async function timedRuns(target: string, platform: Platform, seed: ClockSeed, asOf: string, seconds: number, minimum: number): Promise<number[]> {
  const durations: number[] = [];
  const started = performance.now();
  while (performance.now() - started < seconds * 1000 || durations.length < minimum) {
    await reset(platform, seed, asOf);
    const before = performance.now();
    const run = await platform.supervision.clock.run();
    durations.push(performance.now() - before);
    if (run.asOf !== asOf || run.examined !== seed.crossing.length || run.raised !== seed.crossing.length) {
      throw new CorrectnessError(target, `a clock run answered ${JSON.stringify(run)}; expected ${seed.crossing.length} examined and raised as of ${asOf}`);
    }
  }
  return durations;
}

/** One run checked in full: every crossing case got its yellow warning and a later check day; nothing else is due. */
async function checkOneRun(target: string, platform: Platform, seed: ClockSeed, asOf: string): Promise<void> {
  await timedRuns(target, platform, seed, asOf, 0, 1);
  const store = platform.supervision.store;
  const yellow = await count(store, 'SELECT count(*) AS n FROM alert WHERE case_number = ANY($1) AND rule_code = $2', [seed.crossing, YELLOW_RULE]);
  const alerts = await count(store, 'SELECT count(*) AS n FROM alert');
  const stillDue = await count(store, 'SELECT count(*) AS n FROM supervised_case WHERE next_check_on <= $1::date', [asOf]);
  if (yellow !== seed.crossing.length || alerts !== yellow || stillDue !== 0) {
    throw new CorrectnessError(target, `after a run: ${yellow} ${YELLOW_RULE} alerts on the ${seed.crossing.length} crossing cases, ${alerts} alerts in all, ${stillDue} cases still due as of ${asOf}`);
  }
}

export async function measureClock(settings: BenchSettings, progress: (line: string) => void, out: Collected): Promise<void> {
  const cases = positiveNumber(process.env, 'BENCH_SUPERVISION_CASES', 1_000_000, true);
  const crossing = positiveNumber(process.env, 'BENCH_SUPERVISION_CROSSING', 1_000, true);
  if (cases <= BASELINE_CASES) throw new Error(`BENCH_SUPERVISION_CASES: must be more than the baseline's ${BASELINE_CASES}`);
  if (crossing < 1 || crossing > BASELINE_CASES) throw new Error(`BENCH_SUPERVISION_CROSSING: must be 1…${BASELINE_CASES} (the baseline's size)`);
  const url = process.env['SUPERVISION_DATABASE_URL'] || process.env['DATABASE_URL'] || DEFAULT_STATUS_DATABASE_URL;
  out.environment['clockDatabase'] = redactUrl(url);
  const unreachable = await probePostgres(url);
  if (unreachable !== null) {
    const why = `part 2 (the clock over ${cases.toLocaleString('en-US')} open cases) SKIPPED: PostgreSQL is not reachable at ${redactUrl(url)} (${unreachable}); set DATABASE_URL to measure it`;
    progress(why);
    out.environment['clockRuns'] = 'skipped: PostgreSQL not reachable';
    out.notes.push(why);
    return;
  }
  const names: string[] = [];
  for (const size of [BASELINE_CASES, cases]) {
    const schema = clockSchemaFor(size);
    const label = sizeLabel(size);
    const name = `clock-${label}`;
    const say = (line: string) => progress(`part 2, ${label}: ${line}`);
    const state = await prepareClockSchema(url, schema, size, crossing);
    // The platform around supervision (the template case is filed through it); its own schemas are recreated every run.
    const schemas = runSchemas('bench_supervision_clock');
    const config = benchConfig(CATALOG_SCHEMA, {
      DATABASE_URL: url,
      SUPERVISION_DATABASE_URL: url,
      ...schemaVariables(schemas),
      SUPERVISION_DB_SCHEMA: schema,
      // Runs only when the bench calls it.
      SUPERVISION_CLOCK_SECONDS: '86400',
    });
    await dropRunSchemas(config, schemas);
    await dropStaleShared(config, progress);
    const resources = new Resources();
    try {
      say(`starting the platform on ${schema}, the clock as of ${state.asOf}`);
      const platform = resources.add('platform', await startPlatform({ config, logger: createLogger('silent'), ephemeralPorts: true, dataDir: null, supervisionNow: nowOn(state.asOf) }));
      if (platform.supervision.store.kind !== 'postgres') throw new Error(`part 2: the supervision store is ${platform.supervision.store.kind}, expected PostgreSQL`);
      const token = tokenCache((username) => passwordToken(platform.issuer, username));
      const seed = await ensureClockSeed(state, size, crossing, platform, token, say);
      const others = seed.quietFrom === null ? 'no others' : `the others' next check days ${seed.quietFrom}…${seed.quietTo}`;
      say(`${seed.cases} open cases ${seed.seed} (${seed.ms} ms); ${seed.crossing.length} cross on ${state.asOf}, ${others}`);

      await checkOneRun(name, platform, seed, state.asOf);
      say(`checked: a run examines and raises ${crossing}, each crossing case gets its ${YELLOW_RULE} alert, none is left due`);
      if (settings.warmupSeconds > 0) await timedRuns(name, platform, seed, state.asOf, settings.warmupSeconds, 1);
      say(`${settings.durationSeconds} s of runs measured (at least ${MIN_RUNS}), each after a reset outside the timing`);
      const figures = figuresFromDurations(await timedRuns(name, platform, seed, state.asOf, settings.durationSeconds, MIN_RUNS));
      say(`${figures.requests} runs, ${figures.requestsPerSecond} runs/s, p50 ${figures.latencyP50Ms} ms, p99 ${figures.latencyP99Ms} ms`);
      out.targets.push({
        name,
        description:
          `the supervision clock's run() over ${seed.cases.toLocaleString('en-US')} open accepted cases in PostgreSQL (${schema}), ${crossing} of them crossing a boundary on ${state.asOf} (yellow warning due), ` +
          `${others}; req/s = runs per second of run time, latency = one run's duration; ${figures.requests} runs`,
        figures,
      });
      names.push(name);
      Object.assign(out.environment, {
        [`clockSchema_${label}`]: schema,
        [`clockSeed_${label}`]: seed.seed,
        [`clockSeed_${label}_ms`]: seed.ms,
        [`clockAsOf_${label}`]: state.asOf,
        [`clockCases_${label}`]: seed.cases,
        [`clockRuns_${label}`]: figures.requests,
        clockCrossing: crossing,
        clockDatabasePoolSize: config.databasePoolSize,
      });
    } finally {
      say('stopping');
      await resources.closeAll();
    }
  }
  out.ratios.push({ numerator: names[1]!, denominator: names[0]! });
  out.notes.push(
    `part 2: ${crossing} crossing cases among ${cases.toLocaleString('en-US')} vs among ${BASELINE_CASES.toLocaleString('en-US')}, each schema kept between runs (reused when complete; a reused seed is run as of the day it was made, the clock's time moved there). ` +
      `Every run examined and raised exactly ${crossing}; before each, outside the timing, the crossing cases got their next check day back and lost the previous run's alerts. ` +
      `Runs are back to back in one process with the platform idle; at ${MIN_RUNS}–a few dozen runs per size, p99 is close to the slowest run.`,
  );
}
