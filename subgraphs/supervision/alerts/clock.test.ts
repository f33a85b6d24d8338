import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../lib/db/store.ts';
import { storeKinds } from '../../../tests/support/services.ts';
import type { TestStore } from '../../../tests/support/stores.ts';
import { ingestCaseObservation } from '../observations/ingest.ts';
import { ruleMutations } from '../rules/fields.ts';
import { startSupervisionClock, type SupervisionClock } from './clock.ts';
import { AUDITOR, call, CASES_SERVICE, caseFact, caseNumber, CODE, contextFor, deadline, FAKE_SOURCES, identityOf, observation, openAlertsStore, POLICE, record, silentLogger } from './testSupport.ts';
import type { ClockContext, ClockTask } from './types.ts';

const START = new Date('2026-11-25T02:00:00.000Z');
let instant = START;
const now = () => instant;
const setDay = (day: string) => (instant = new Date(`${day}T10:00:00+08:00`));

describe.each(storeKinds())('the supervision clock on %s', (kind) => {
  let opened: TestStore;
  let store: Store;
  let clock: SupervisionClock;
  const seen: ClockContext[] = [];
  let failTask = false;
  /** An area task as orders/complaints/evaluations write them: raises one overdue alert for an order, once. */
  const orderTask: ClockTask = async (context) => {
    seen.push(context);
    if (context.today < '2026-12-01') return { examined: 0, raised: 0 };
    const target = { agency: POLICE, region: '610725', implementationCode: null, itemType: null };
    const raised = await context.store.transaction((tx) =>
      context.raise(tx, { check: 'SUPERVISION_OVERDUE', target, caseNumber: null, subject: { kind: 'ORDER', id: 'order-1' }, occasion: 'due:2026-11-30', message: '督办单逾期', evidence: {}, observedAt: '2026-12-01T00:00:00+08:00' }),
    );
    return { examined: 1, raised: raised.raised ? 1 : 0 };
  };
  const failingTask: ClockTask = async () => {
    if (failTask) throw new Error('complaints table is gone');
    return { examined: 0, raised: 0 };
  };

  beforeAll(async () => {
    // Each store's run starts at the same moment: the tests below move the clock on.
    instant = START;
    opened = await openAlertsStore(kind);
    store = opened.store;
    clock = startSupervisionClock({ store, sources: FAKE_SOURCES, now, logger: silentLogger, intervalSeconds: 3600, tasks: [orderTask, failingTask], batchSize: 2 });
    const ingest = (payload: Parameters<typeof ingestCaseObservation>[1]) => ingestCaseObservation({ store, sources: FAKE_SOURCES, now, identity: identityOf(CASES_SERVICE) }, payload);
    // Due Fri 11-27 (yellow Thu 11-26), due Fri 12-04 (yellow Thu 12-03), one not accepted, one completed.
    await ingest(observation(caseFact(1), record(3, 'ACCEPT')));
    await ingest(observation(caseFact(2, { deadlines: { promised: deadline('2026-12-04'), legal: deadline('2026-12-18'), steps: [] } }), record(3, 'ACCEPT')));
    await ingest(observation(caseFact(3, { state: 'SUBMITTED', acceptedAt: null, deadlines: null }), record(1, 'SUBMIT', { fromState: null })));
    for (let sequence = 4; sequence <= 6; sequence++) await ingest(observation(caseFact(sequence), record(3, 'ACCEPT')));
  });
  afterAll(async () => {
    await clock?.close();
    await opened?.dispose();
  });

  const alerts = async () =>
    (await store.query<{ case_number: string | null; rule_code: string; rule_version: number; message: string }>('SELECT case_number, rule_code, rule_version, message FROM alert ORDER BY raised_at, case_number, rule_code')).rows;
  const nextCheck = async (sequence: number) =>
    (await store.query<{ d: string | null }>('SELECT next_check_on::text AS d FROM supervised_case WHERE case_number = $1', [caseNumber(sequence)])).rows[0]!.d;

  it('examines no case before any next check day has come', async () => {
    expect(await clock.run()).toEqual({ asOf: '2026-11-25', examined: 0, raised: 0 });
    expect(seen.at(-1)).toMatchObject({ today: '2026-11-25', store });
  });

  it('examines only the cases whose day has come, in batches, raising their yellow cards', async () => {
    setDay('2026-11-26');
    expect(await clock.run()).toEqual({ asOf: '2026-11-26', examined: 4, raised: 4 });
    const raised = await alerts();
    expect(raised.map((alert) => alert.case_number)).toEqual([caseNumber(1), caseNumber(4), caseNumber(5), caseNumber(6)]);
    expect(raised[0]).toMatchObject({ rule_code: 'TIMELINESS.PROMISED_YELLOW', rule_version: 1, message: '承诺办结期限 2026-11-27 前一个工作日：黄牌预警' });
    expect(await nextCheck(1)).toBe('2026-11-28');
    expect(await nextCheck(2)).toBe('2026-12-03');
    expect(await nextCheck(3)).toBeNull();
  });

  it('does nothing the second time the same day', async () => {
    expect(await clock.run()).toEqual({ asOf: '2026-11-26', examined: 0, raised: 0 });
    expect(await alerts()).toHaveLength(4);
  });

  it('raises red past the due date, once, whatever the number of runs', async () => {
    setDay('2026-11-30');
    expect(await clock.run()).toEqual({ asOf: '2026-11-30', examined: 4, raised: 4 });
    setDay('2026-12-01');
    const again = await clock.run();
    expect(again.raised).toBe(1); // the area task's order alert only
    const red = (await alerts()).filter((alert) => alert.rule_code === 'TIMELINESS.PROMISED_RED');
    expect(red.map((alert) => alert.case_number)).toEqual([caseNumber(1), caseNumber(4), caseNumber(5), caseNumber(6)]);
    expect(red[0]!.message).toBe('已超过承诺办结期限 2026-11-27，仍未办结：红牌警告');
  });

  it('gives area tasks the day, the rules in force and raising', async () => {
    const context = seen.at(-1)!;
    expect(context.today).toBe('2026-12-01');
    expect(context.rule('SUPERVISION_OVERDUE', { agency: POLICE, region: '610725', implementationCode: null, itemType: null })).toEqual({
      code: 'TIMELINESS.SUPERVISION_OVERDUE',
      version: 1,
      colour: 'RED',
      parameters: { graceWorkingDays: 0 },
    });
    const { rows } = await store.query("SELECT subject_kind, subject_id, case_number, colour FROM alert WHERE rule_code = 'TIMELINESS.SUPERVISION_OVERDUE'");
    expect(rows).toEqual([{ subject_kind: 'ORDER', subject_id: 'order-1', case_number: null, colour: 'RED' }]);
  });

  it('applies a rule changed by an auditor at the next run, naming the new rule', async () => {
    // Case 2 is due Fri 12-04 and was to be looked at on Thu 12-03; a rule for the guide warns five working days before (Fri 11-27).
    const context = contextFor(store, AUDITOR, now);
    const input = { type: 'TIMELINESS', check: 'DEADLINE_APPROACHING', description: '旅馆业提前五个工作日预警', parameters: { workingDaysBefore: 5 }, colour: 'YELLOW', target: { kind: 'GUIDE', value: CODE }, enabled: true } as const;
    const created = await call(ruleMutations.createSupervisionRule, {}, { code: 'TIMELINESS.HOTEL_YELLOW', input, reason: '旅馆业整治' }, context);
    expect(created).toMatchObject({ code: 'TIMELINESS.HOTEL_YELLOW', version: 1, author: 'auditor-1' });
    // Every open case of the guide is looked at again (its days may have moved), once.
    expect([await nextCheck(1), await nextCheck(2), await nextCheck(3)]).toEqual(['2026-12-01', '2026-12-01', null]);
    expect(await clock.run()).toMatchObject({ examined: 5 + 1, raised: 1 });
    expect([await nextCheck(1), await nextCheck(2)]).toEqual(['2026-12-19', '2026-12-05']);
    const [alert] = (await alerts()).filter((found) => found.case_number === caseNumber(2));
    expect(alert).toMatchObject({ rule_code: 'TIMELINESS.HOTEL_YELLOW', rule_version: 1, message: '承诺办结期限 2026-12-04 前五个工作日：黄牌预警' });
  });

  it('runs the other area tasks when one fails, then reports the failure', async () => {
    failTask = true;
    const calls = seen.length;
    await expect(clock.run()).rejects.toThrow('complaints table is gone');
    expect(seen.length).toBe(calls + 1);
    failTask = false;
  });

  it('never runs twice at once in one process', async () => {
    const runs = await Promise.all([clock.run(), clock.run()]);
    expect(runs.map((run) => run.asOf)).toEqual(['2026-12-01', '2026-12-01']);
  });
});
