import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../../../lib/db/store.ts';
import { passwordToken } from '../../../idp/client.ts';
import type { Platform } from '../../../scripts/platform.ts';
import { SEED_USERS } from '../../../seeds/identity/principals.ts';
import { inBatches } from '../../lib/concurrency.ts';
import { assertNoRefusals, CorrectnessError } from '../../lib/graphql.ts';
import { measure, type Figures } from '../../lib/measure.ts';
import type { BenchSettings } from '../../lib/settings.ts';
import { LICENSE_GUIDE, submit, submitOperation } from '../cases/operations.ts';
import { acceptanceFields, isFault, pushEnvelope, pushHeaders, readReceipt } from './envelopes.ts';
import { PushPlan } from './pushPlan.ts';

/**
 * What every scenario that drives CaseExchange under load shares (exchange, supervision): the
 * working set of accepted cases, one push checked by hand, a measured run of pushes with its
 * abandoned answers settled from the inbox, and the check afterwards that every push acknowledged
 * was committed once.
 */

/** Accepted cases the pushes go round; a case never has two pushes in flight. */
export const WORKING_SET_CASES = 200;
const PREPARE_CONCURRENCY = 10;
/** How long a run's abandoned requests get to finish before the inbox is asked about them. */
export const SETTLE_MS = 1_500;

export const citizens = SEED_USERS.filter((user) => user.kind === 'NATURAL_PERSON');

export async function post(target: string, url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  try {
    const response = await fetch(url, { method: 'POST', headers, body });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    throw new CorrectnessError(target, `request to ${url} failed: ${(error as Error).message}`);
  }
}

/** One push sent once and checked: HTTP 200, no Fault, APPLIED, the case at `version`. */
export async function pushChecked(target: string, url: string, body: string, operation: 'PushAcceptance' | 'PushProcess', messageId: string, version: number): Promise<void> {
  const { status, text } = await post(target, url, pushHeaders(operation), body);
  const receipt = readReceipt(text);
  if (status !== 200 || isFault(text) || receipt.status !== 'APPLIED' || receipt.messageId !== messageId || receipt.caseVersion !== version || !receipt.receiptNumber?.startsWith('CX')) {
    throw new CorrectnessError(target, `${operation} ${messageId}: HTTP ${status}, ${text.slice(0, 800)}; expected an APPLIED receipt with CaseVersion ${version}`);
  }
}

export async function count(store: Store, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await store.query<{ n: string | number }>(sql, params)).rows[0]!.n);
}

/** Where a departmental system pushes: through the gateway's /soap/ proxy, or straight to the exchange service. */
export function pushUrls(platform: Platform): { gateway: string; direct: string } {
  return { gateway: platform.gateway.url.replace(/\/graphql$/, '/soap/CaseExchange'), direct: platform.exchange.soapUrl };
}

/**
 * The working set: `cases` applications for 旅馆业特种行业许可证核发 submitted through the gateway by
 * the seeded citizens in turn, each accepted by a PushAcceptance of the police system (checked
 * APPLIED at CaseVersion 2), half through the gateway, half straight. Returns the case numbers.
 */
export async function prepareWorkingSet(platform: Platform, run: string, label: string, progress: (line: string) => void, cases = WORKING_SET_CASES): Promise<string[]> {
  const urls = pushUrls(platform);
  const tokens = await Promise.all(citizens.map((user) => passwordToken(platform.issuer, user.username)));
  const prepareStarted = performance.now();
  const caseNumbers = await inBatches(Array.from({ length: cases }, (_, i) => i), PREPARE_CONCURRENCY, async (i) => {
    const receipt = await submit(`submit (working set) as ${citizens[i % citizens.length]!.username}`, platform.gateway.url, tokens[i % citizens.length]!, submitOperation(LICENSE_GUIDE, `bench-${label}-${run}-${i}`));
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
  return caseNumbers;
}

/** The plan's next push sent once by hand: APPLIED at `version`. Returns its message id. */
export async function checkPlannedPush(plan: PushPlan, name: string, url: string, version: number): Promise<string> {
  const push = plan.next();
  const { status, text } = await post(name, url, push.headers, push.body);
  if (status !== 200 || !plan.verify(text)) throw new CorrectnessError(name, `PushProcess ${push.step} ${push.messageId}: HTTP ${status}, ${text.slice(0, 800)}; expected APPLIED`);
  if (readReceipt(text).caseVersion !== version) throw new CorrectnessError(name, `PushProcess ${push.messageId} answered CaseVersion ${readReceipt(text).caseVersion}; expected ${version}`);
  return push.messageId;
}

/**
 * Measures the plan's pushes to `url`. The warm-up is a run of its own, so that the pushes it
 * leaves unanswered are settled from the inbox before the measured run starts (their cases would
 * otherwise sit out); after each run the abandoned pushes are looked up in the inbox SETTLE_MS
 * later. Anything but APPLIED fails the run.
 */
export async function measurePushes(plan: PushPlan, exchangeStore: Store, name: string, url: string, settings: BenchSettings): Promise<Figures> {
  const settle = async () => {
    await sleep(SETTLE_MS);
    const unanswered = plan.unanswered();
    const rows = unanswered.length
      ? (await exchangeStore.query<{ message_id: string; status: string }>('SELECT message_id, status FROM exchange_inbox WHERE message_id = ANY($1)', [unanswered])).rows
      : [];
    const wrong = plan.settle(new Map(rows.map((row) => [row.message_id, row.status])));
    if (wrong.length) throw new CorrectnessError(name, `pushes left unanswered at the end of the run are not APPLIED: ${wrong.slice(0, 5).join(', ')}`);
  };
  const load = plan.load(url, settings.connections);
  const before = { ...plan.outcomes };
  if (settings.warmupSeconds > 0) {
    await measure(load, { ...settings, durationSeconds: settings.warmupSeconds, warmupSeconds: 0 });
    await settle();
  }
  const figures = await measure(load, { ...settings, warmupSeconds: 0 });
  await settle();
  const failed = plan.outcomes.faults - before.faults + plan.outcomes.otherReceipts - before.otherReceipts;
  if (failed > 0) {
    throw new CorrectnessError(name, `under load: ${plan.outcomes.faults - before.faults} faults, ${plan.outcomes.otherReceipts - before.otherReceipts} receipts other than APPLIED; first: ${plan.refusals.join(' | ')}`);
  }
  assertNoRefusals(name, figures, plan.refusals);
  return figures;
}

export interface CommittedPushes {
  /** Pushes answered APPLIED under load or settled APPLIED from the inbox. */
  answered: number;
  /** Process records in the cases store carrying the plan's message ids. */
  records: number;
  /** Versions the working set's cases moved past acceptance. */
  versions: number;
  evidenceAfter: number;
  spread: { min: number; max: number };
}

/**
 * After the runs: exactly one APPLIED inbox row and one process record per push answered (or
 * settled) APPLIED, the cases moved exactly that many versions, an evidence entry for every push
 * that reached the service (`sentBefore` pushes were sent before `evidenceBefore` was counted), and
 * no evidence entry with a fault.
 */
export async function verifyPushesCommitted(
  platform: Platform,
  plan: PushPlan,
  prefix: string,
  caseNumbers: readonly string[],
  before: { evidence: number; sent: number },
): Promise<CommittedPushes> {
  const { exchange, cases } = platform;
  const pattern = `${prefix}-%`;
  const answered = plan.outcomes.applied + plan.outcomes.settledApplied;
  const inbox = await exchange.store.query<{ status: string; n: string | number }>('SELECT status, count(*) AS n FROM exchange_inbox WHERE message_id LIKE $1 GROUP BY status', [pattern]);
  const byStatus = Object.fromEntries(inbox.rows.map((row) => [row.status, Number(row.n)]));
  if (Object.keys(byStatus).some((status) => status !== 'APPLIED') || (byStatus['APPLIED'] ?? 0) !== answered) {
    throw new CorrectnessError('push', `inbox holds ${JSON.stringify(byStatus)} for ${answered} pushes answered (or settled) APPLIED`);
  }
  const records = await count(cases.store, 'SELECT count(*) AS n FROM case_record WHERE source_message_id LIKE $1', [pattern]);
  const distinct = await count(cases.store, 'SELECT count(DISTINCT source_message_id) AS n FROM case_record WHERE source_message_id LIKE $1', [pattern]);
  if (records !== answered || distinct !== answered) throw new CorrectnessError('push', `${records} process records (${distinct} message ids) for ${answered} APPLIED pushes`);
  // Each case is at version 2 (accepted) + the pushes applied to it.
  const versions = await count(cases.store, 'SELECT coalesce(sum(version - 2), 0) AS n FROM cases WHERE case_number = ANY($1)', [[...caseNumbers]]);
  if (versions !== answered) throw new CorrectnessError('push', `the cases moved ${versions} versions for ${answered} APPLIED pushes`);
  const faults = await count(exchange.store, 'SELECT count(*) AS n FROM exchange_evidence WHERE fault_code IS NOT NULL');
  if (faults !== 0) throw new CorrectnessError('push', `${faults} evidence entries with a fault`);
  const evidenceAfter = await count(exchange.store, 'SELECT count(*) AS n FROM exchange_evidence');
  const reached = plan.outcomes.sent - before.sent - plan.outcomes.settledAbsent;
  if (evidenceAfter - before.evidence !== reached) {
    throw new CorrectnessError('push', `${evidenceAfter - before.evidence} evidence entries for ${reached} pushes that reached the service`);
  }
  return { answered, records, versions, evidenceAfter, spread: plan.spread() };
}
