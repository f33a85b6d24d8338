import { fromDayNumber, toDayNumber } from '../../../lib/calendar/dayNumber.ts';
import { workingCalendar } from '../../../lib/calendar/workingDays.ts';
import type { Queryable, Store } from '../../../lib/db/store.ts';
import { assertSchemaName } from '../../../lib/db/store.ts';
import { chinaDate } from '../../../lib/time.ts';
import type { Platform } from '../../../scripts/platform.ts';
import { calendarVersionsOf, loadCalendars } from '../../../subgraphs/supervision/alerts/calendars.ts';
import { evaluateClock } from '../../../subgraphs/supervision/alerts/evaluateTime.ts';
import { CaseProjection, type SupervisedCase } from '../../../subgraphs/supervision/cases/projection.ts';
import { BUNDLED_CALENDAR } from '../../../subgraphs/supervision/datasources/calendar.ts';
import type { CaseFact, DeadlineFact } from '../../../subgraphs/supervision/observations/observation.ts';
import { RuleBook } from '../../../subgraphs/supervision/rules/resolve.ts';
import { SUPERVISION_MIGRATIONS_DIR } from '../../../subgraphs/supervision/service.ts';
import { CorrectnessError } from '../../lib/graphql.ts';
import { act, LICENSE_GUIDE, submit, submitOperation } from '../cases/operations.ts';
import { connect, hasStaleMigrations } from '../cases/statusSeed.ts';

/**
 * Many open cases in supervision's projection (supervised_case), for the clock. Written set-based
 * into the supervision subgraph's own table after its migrations ran, copying one case that was
 * filed and accepted through the real API (旅馆业特种行业许可证核发, 勉县公安局), so facts, guide
 * terms and due dates have exactly the shape supervision itself stores. What differs per copy: the
 * case number, and the day it was accepted, with its due dates counted again from that day on the
 * calendar they name (lib/calendar WorkingCalendar.deadline, as the cases subgraph counts them).
 *
 * - K cases (BENCH_SUPERVISION_CROSSING) crossing a boundary on the seed's day D: accepted on the
 *   latest day for which the clock, on D, raises the yellow warning (承诺办结期限前一个工作日) and
 *   nothing else; their next check day is D. They are spread over the whole table.
 * - the rest accepted on the days before D whose yellow day is still ahead: their next check day is
 *   the one supervision's own evaluateClock computes for them, spread over the following weeks.
 *
 * Only the projection is written (not the observations a real case would have left): the clock
 * reads nothing else. The template case itself is removed afterwards, so the schema holds exactly
 * the cases asked for. A marker table records the generator, the sizes and D; a schema whose marker
 * and count match is reused by later runs, which then run the clock as of D.
 */

/** Bumped whenever the generator changes, so an older seed is not reused. */
export const CLOCK_SEED_VERSION = 'bench-clock-seed-v1';

export const clockSchemaFor = (cases: number): string =>
  assertSchemaName(cases % 1_000_000 === 0 ? `bench_supervision_${cases / 1_000_000}m` : cases % 1_000 === 0 ? `bench_supervision_${cases / 1_000}k` : `bench_supervision_${cases}`);

export interface ClockSchemaState {
  decision: 'reused' | 'generate';
  /** The China day the clock runs as: the seed's day when reused, today otherwise. */
  asOf: string;
}

/**
 * 'reused' (with the seed's day) when the schema holds exactly the seed of `cases` with `crossing`
 * crossing cases under the current migrations; otherwise drops the schema, so the platform's
 * migrations start it afresh, and says 'generate' as of today.
 */
export async function prepareClockSchema(url: string, schema: string, cases: number, crossing: number): Promise<ClockSchemaState> {
  const client = await connect(url);
  try {
    const { rows } = await client.query<{ projection: boolean; marker: boolean }>(
      'SELECT to_regclass($1) IS NOT NULL AS projection, to_regclass($2) IS NOT NULL AS marker',
      [`${schema}.supervised_case`, `${schema}.bench_clock_crossing`],
    );
    const seeded = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [`${schema}.bench_clock_seed`]);
    if (rows[0]?.projection && rows[0].marker && seeded.rows[0]?.exists && !(await hasStaleMigrations(client, schema, SUPERVISION_MIGRATIONS_DIR))) {
      const marker = (await client.query<{ generator: string; cases: number; crossing: number; as_of: string }>(`SELECT generator, cases, crossing, as_of::text AS as_of FROM ${schema}.bench_clock_seed`)).rows[0];
      if (marker && marker.generator === CLOCK_SEED_VERSION && Number(marker.cases) === cases && Number(marker.crossing) === crossing) {
        const counted = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.supervised_case`);
        if (Number(counted.rows[0]!.n) === cases) return { decision: 'reused', asOf: marker.as_of };
      }
    }
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    return { decision: 'generate', asOf: chinaDate() };
  } finally {
    await client.end();
  }
}

/** The clock's `now` for a day: the real time of day, moved by whole days onto `asOf` (the real now when asOf is today). */
export function nowOn(asOf: string): () => Date {
  return () => {
    const at = new Date();
    return new Date(at.getTime() + (toDayNumber(asOf) - toDayNumber(chinaDate(at))) * 86_400_000);
  };
}

const shiftIso = (iso: string, days: number) => new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();

/** A due date counted again from a start `days` later, on the calendar it names (the bundled one, checked). */
function shiftedDeadline(deadline: DeadlineFact | null, days: number): DeadlineFact | null {
  if (deadline === null) return null;
  const startedOn = fromDayNumber(toDayNumber(deadline.startedOn) + days);
  return { ...deadline, startedOn, due: workingCalendar.deadline({ start: startedOn, limit: deadline.limit }).due };
}

interface Variant {
  acceptedOn: string;
  facts: CaseFact;
  submittedAt: string;
  acceptedAt: string;
  nextCheckOn: string;
}

/** The template as if accepted `days` later (negative: earlier), judged by the clock as of `asOf`. */
function variantOf(template: SupervisedCase, days: number, rules: RuleBook, calendars: Awaited<ReturnType<typeof loadCalendars>>, asOf: string) {
  const deadlines = template.facts.deadlines!;
  const facts: CaseFact = {
    ...template.facts,
    submittedAt: shiftIso(template.facts.submittedAt, days),
    acceptedAt: shiftIso(template.facts.acceptedAt!, days),
    deadlines: { legal: shiftedDeadline(deadlines.legal, days), promised: shiftedDeadline(deadlines.promised, days), steps: [] },
  };
  const verdict = evaluateClock({ caseNumber: template.caseNumber, version: template.version, facts, guide: template.guide }, rules, calendars, asOf);
  return { acceptedOn: chinaDate(new Date(facts.acceptedAt!)), facts, submittedAt: facts.submittedAt, acceptedAt: facts.acceptedAt!, verdict };
}

/**
 * The crossing variant (the yellow warning due on `asOf`, nothing else) and the quiet ones (nothing
 * due on `asOf`, a next check day after it), from the template accepted up to 120 days earlier.
 */
export async function clockVariants(template: SupervisedCase, store: Store, asOf: string): Promise<{ crossing: Variant; quiet: Variant[] }> {
  const deadlines = template.facts.deadlines;
  if (template.state !== 'ACCEPTED' || deadlines === null || deadlines.steps.length > 0 || !deadlines.promised?.due) {
    throw new CorrectnessError('clock seed', `template ${template.caseNumber} is ${template.state} with deadlines ${JSON.stringify(deadlines)}; expected an accepted case with a promised due date and no step yet`);
  }
  const versions = calendarVersionsOf(template.facts);
  if (versions.some((version) => version !== workingCalendar.version)) throw new CorrectnessError('clock seed', `template due dates use calendar ${versions.join(', ')}, not the bundled ${workingCalendar.version}`);
  // The recount must give the cases subgraph's own due dates for the template's own acceptance day.
  for (const period of [deadlines.legal, deadlines.promised]) {
    if (period && shiftedDeadline(period, 0)!.due !== period.due) throw new CorrectnessError('clock seed', `recounting ${JSON.stringify(period)} gives ${shiftedDeadline(period, 0)!.due}`);
  }
  const rules = await RuleBook.load(store);
  const calendars = await loadCalendars(BUNDLED_CALENDAR, versions);
  const acceptedOn = chinaDate(new Date(template.acceptedAt!));
  const base = toDayNumber(asOf) - toDayNumber(acceptedOn);
  const candidates = Array.from({ length: 121 }, (_, back) => variantOf(template, base - back, rules, calendars, asOf));
  const crossing = candidates.find(({ verdict }) => verdict.alerts.length === 1 && verdict.alerts[0]!.check === 'DEADLINE_APPROACHING' && verdict.nextCheckOn !== null && verdict.nextCheckOn > asOf);
  const quiet = candidates.filter(({ verdict }) => verdict.alerts.length === 0 && verdict.nextCheckOn !== null && verdict.nextCheckOn > asOf);
  if (!crossing || quiet.length === 0) throw new CorrectnessError('clock seed', `no acceptance day in the 120 before ${asOf} gives ${crossing ? 'a quiet case' : 'a case whose yellow warning is due that day'}`);
  const variant = ({ verdict, ...rest }: (typeof candidates)[number]): Variant => ({ ...rest, nextCheckOn: verdict.nextCheckOn! });
  return { crossing: variant(crossing), quiet: quiet.map(variant) };
}

/** Files and accepts the template through the gateway; supervision projects it. Returns its row. */
async function makeTemplate(platform: Platform, token: (username: string) => Promise<string>): Promise<SupervisedCase> {
  const url = platform.gateway.url;
  const { caseNumber } = await submit('clock seed template', url, await token('wangfang'), submitOperation(LICENSE_GUIDE, `bench-clock-template-${Date.now().toString(36)}`));
  await act(url, await token('police-zhangwei'), caseNumber, 'ACCEPT', 1, { opinion: '材料齐全，予以受理' });
  await platform.cases.outbox.drain();
  const [row] = await new CaseProjection(platform.supervision.store).byNumbers([caseNumber]);
  if (!row || row.version !== 2) throw new CorrectnessError('clock seed template', `supervision projected ${JSON.stringify(row ?? null).slice(0, 300)} for ${caseNumber}; expected version 2`);
  return row;
}

async function generate(tx: Queryable, template: SupervisedCase, variants: { crossing: Variant; quiet: Variant[] }, cases: number, crossing: number, asOf: string, progress: (line: string) => void): Promise<void> {
  const timed = async (what: string, sql: string, params: unknown[] = []) => {
    const started = performance.now();
    await tx.query(sql, params);
    progress(`  ${what}: ${Math.round(performance.now() - started)} ms`);
  };
  const all = [variants.crossing, ...variants.quiet].map((variant, v) => ({
    v,
    facts: variant.facts,
    deadlines: variant.facts.deadlines,
    submitted_at: variant.submittedAt,
    accepted_at: variant.acceptedAt,
    next_check_on: v === 0 ? asOf : variant.nextCheckOn,
  }));
  await timed(
    `${all.length} variants`,
    `CREATE TEMP TABLE bench_clock_variant ON COMMIT DROP AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
       v int, facts jsonb, deadlines jsonb, submitted_at timestamptz, accepted_at timestamptz, next_check_on date)`,
    [JSON.stringify(all)],
  );
  // Crossing cases every `stride` rows, so they lie all over the table and its indexes.
  const stride = Math.floor(cases / crossing);
  await timed(
    `${cases} open cases (${crossing} crossing on ${asOf})`,
    `INSERT INTO supervised_case (case_number, agency, participating_agencies, region, implementation_code, item_type, kind, state, channel,
       applicant_id_type, applicant_id_number, agent_id_number, submitted_at, accepted_at, version, facts, guide, deadlines, next_check_on, updated_at)
     SELECT g.case_number, $1, $2::text[], $3, $4, $5, $6, $7, $8, $9, $10, $11, var.submitted_at, var.accepted_at, $12,
            jsonb_set(var.facts, '{caseNumber}', to_jsonb(g.case_number)), $13::jsonb, var.deadlines, var.next_check_on, now()
       FROM (SELECT i, $14::text || lpad((24 + i / 900000)::text, 2, '0') || lpad((i % 900000 + 1)::text, 6, '0') AS case_number,
                    CASE WHEN i % $15 = 0 AND i / $15 < $16 THEN 0 ELSE 1 + i % $17 END AS v
               FROM generate_series(0, $18::int - 1) i) g
       JOIN bench_clock_variant var ON var.v = g.v`,
    [
      template.agency,
      template.participatingAgencies,
      template.region,
      template.implementationCode,
      template.itemType,
      template.kind,
      template.state,
      template.channel,
      template.applicantIdType,
      template.applicantIdNumber,
      template.agentIdNumber,
      template.version,
      JSON.stringify(template.guide),
      template.implementationCode,
      stride,
      crossing,
      variants.quiet.length,
      cases,
    ],
  );
  // The template (and what its filing left) goes: the schema holds the generated cases only.
  for (const table of ['alert', 'case_observation', 'supervised_case']) await tx.query(`DELETE FROM ${table} WHERE case_number = $1`, [template.caseNumber]);
  // Which cases cross, for the resets between runs, and what the seed is, for the next run's reuse.
  await timed('crossing cases listed', 'CREATE TABLE bench_clock_crossing AS SELECT case_number FROM supervised_case WHERE next_check_on = $1::date', [asOf]);
  await tx.query('CREATE TABLE bench_clock_seed (generator text NOT NULL, cases integer NOT NULL, crossing integer NOT NULL, as_of date NOT NULL, generated_at timestamptz NOT NULL)');
  await tx.query('INSERT INTO bench_clock_seed VALUES ($1, $2, $3, $4::date, now())', [CLOCK_SEED_VERSION, cases, crossing, asOf]);
}

export interface ClockSeed {
  seed: 'generated' | 'reused';
  ms: number;
  cases: number;
  /** The crossing cases' numbers (next check day = asOf, reset before every run). */
  crossing: string[];
  /** Next check days of the others: earliest and latest (null when all cross). */
  quietFrom: string | null;
  quietTo: string | null;
}

/** Makes sure the platform's supervision store holds the seed (generated when `state` says so), and reads back what it needs. */
export async function ensureClockSeed(
  state: ClockSchemaState,
  cases: number,
  crossing: number,
  platform: Platform,
  token: (username: string) => Promise<string>,
  progress: (line: string) => void,
): Promise<ClockSeed> {
  const store = platform.supervision.store;
  const started = performance.now();
  if (state.decision === 'generate') {
    progress('filing and accepting the template case through the gateway');
    const template = await makeTemplate(platform, token);
    const variants = await clockVariants(template, store, state.asOf);
    progress(`generating ${cases} cases in ${store.schema} (one transaction): ${crossing} accepted ${variants.crossing.acceptedOn} (yellow due ${state.asOf}), the rest accepted ${variants.quiet.at(-1)!.acceptedOn}…${variants.quiet[0]!.acceptedOn}`);
    await store.transaction((tx) => generate(tx, template, variants, cases, crossing, state.asOf, progress));
    await store.exec('ANALYZE supervised_case');
  }
  // The crossing cases' own next check day is wherever the last run left it; the others' are the seed's.
  const { rows } = await store.query<{ total: string; quiet_from: string | null; quiet_to: string | null }>(
    `SELECT count(*) AS total, min(next_check_on) FILTER (WHERE NOT crossing)::text AS quiet_from, max(next_check_on) FILTER (WHERE NOT crossing)::text AS quiet_to
       FROM (SELECT s.next_check_on, c.case_number IS NOT NULL AS crossing FROM supervised_case s LEFT JOIN bench_clock_crossing c USING (case_number)) cases`,
  );
  const counted = rows[0]!;
  const crossingNumbers = await crossingCases(store);
  if (Number(counted.total) !== cases || crossingNumbers.length !== crossing) {
    throw new Error(`${store.schema} holds ${counted.total} cases, ${crossingNumbers.length} of them crossing; expected ${cases} and ${crossing}`);
  }
  return {
    seed: state.decision === 'generate' ? 'generated' : 'reused',
    ms: Math.round(performance.now() - started),
    cases: Number(counted.total),
    crossing: crossingNumbers,
    quietFrom: counted.quiet_from,
    quietTo: counted.quiet_to,
  };
}

/** The crossing cases, as the generator listed them. */
async function crossingCases(store: Store): Promise<string[]> {
  const { rows } = await store.query<{ case_number: string }>('SELECT case_number FROM bench_clock_crossing ORDER BY case_number');
  return rows.map((row) => row.case_number);
}
