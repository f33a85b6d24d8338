import { CorrectnessError } from '../lib/graphql.ts';
import type { Scenario } from '../lib/scenario.ts';
import { positiveNumber } from '../lib/settings.ts';
import { measureClock } from './supervision/clock.ts';
import type { Collected } from './supervision/collected.ts';
import { measureIngest } from './supervision/ingest.ts';
import { measurePushMode, PUSH_NOTE, pushModes } from './supervision/pushes.ts';

/**
 * The supervision subgraph (电子监察) under load, each figure against a baseline of the same run:
 *
 * 1. what alert evaluation costs a CaseExchange push: pushes on a platform whose receipts wait for
 *    supervision's evaluation (SUPERVISION_SYNC_WAIT_MS) ÷ the same pushes on one where supervision
 *    evaluates in the background (SUPERVISION_SYNC_WAIT_MS=0);
 *    1b. supervision's ingest path alone: fresh observations ÷ the same observations again
 *    (duplicates: the same request, nothing evaluated);
 * 2. the clock over BENCH_SUPERVISION_CASES (1,000,000) open cases ÷ over 1,000, the same number
 *    crossing a boundary in both (PostgreSQL; skipped with a note when none answers).
 *
 * Part 1 runs on the embedded default (PGlite) unless DATABASE_URL is set.
 */

/** The order targets are reported in. */
const ORDER = ['push-sync', 'push-async', 'ingest-fresh', 'ingest-duplicate'];

export const supervisionScenario: Scenario = {
  name: 'supervision',
  async run(settings, progress) {
    const out: Collected = { targets: [], ratios: [], environment: {}, notes: [] };
    const [sync, async] = pushModes();
    await measurePushMode(sync!, settings, progress, out, (platform, outcome) => measureIngest(platform, outcome.template, settings, progress, out));
    await measurePushMode(async!, settings, progress, out);
    out.ratios.unshift({ numerator: 'push-sync', denominator: 'push-async' });
    out.notes.unshift(PUSH_NOTE);
    await measureClock(settings, progress, out);
    if (out.targets.length === 0) throw new CorrectnessError('supervision', 'nothing was measured');
    const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
    const cases = positiveNumber(process.env, 'BENCH_SUPERVISION_CASES', 1_000_000, true);
    return {
      scenario: 'supervision',
      title: `alert evaluation per CaseExchange push (receipt waits for supervision vs not) and per observation (fresh vs duplicate); the clock over ${cases.toLocaleString('en-US')} open cases vs 1,000`,
      operation:
        'SOAP PushProcess (urn:tongban:case-exchange:1) as in the exchange scenario; mutation recordCaseObservation(observation: JSONObject!) { duplicate raised } with a cases SERVICE token; SupervisionClock.run()',
      environment: out.environment,
      targets: [...out.targets].sort((a, b) => rank(a.name) - rank(b.name)),
      ratios: out.ratios,
      notes: out.notes,
    };
  },
};
