import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../lib/auth/principal.ts';
import { storeKinds } from '../../../tests/support/services.ts';
import { alertsStoreFor, call, caseFact, caseNumber, CASES_SERVICE, CODE, contextFor, EXCHANGE_SERVICE, observation, POLICE, POLICE_STAFF, record, refusal } from '../alerts/testSupport.ts';
import { observationMutations } from './fields.ts';
import type { CaseObservation } from './observation.ts';

const START = new Date('2026-11-25T02:00:00.000Z');
let instant = START;
const now = () => instant;

describe.each(storeKinds())('recording observations on %s', (kind) => {
  const opened = alertsStoreFor(kind);
  // Each store's run starts at the same moment: a test below moves the clock on.
  beforeAll(() => {
    instant = START;
  });

  const send = (payload: CaseObservation | Record<string, unknown>, who: Principal = CASES_SERVICE) =>
    call(observationMutations.recordCaseObservation, {}, { observation: JSON.parse(JSON.stringify(payload)) }, contextFor(opened.store, who, now));
  const report = (payload: Record<string, unknown>, who: Principal = EXCHANGE_SERVICE) =>
    call(observationMutations.recordExchangeReport, {}, { report: payload }, contextFor(opened.store, who, now));
  const projected = async (number: string) =>
    (await opened.store.query<{ version: number; state: string; next_check_on: string | null }>('SELECT version, state, next_check_on::text AS next_check_on FROM supervised_case WHERE case_number = $1', [number])).rows[0];
  const alertsOf = async (number: string) =>
    (await opened.store.query<{ rule_code: string; occasion: string }>('SELECT rule_code, occasion FROM alert WHERE case_number = $1 ORDER BY raised_at, rule_code', [number])).rows;
  const count = async (sql: string) => Number((await opened.store.query<{ n: string }>(sql)).rows[0]!.n);

  const submitted = caseFact(1, { state: 'SUBMITTED', acceptedAt: null, deadlines: null, materialIds: ['M01'] });
  const accepted = caseFact(1);
  const acceptance = observation(accepted, record(3, 'ACCEPT'));

  it('projects a submission and watches nothing before acceptance', async () => {
    expect(await send(observation(submitted, record(1, 'SUBMIT', { fromState: null })))).toEqual({ duplicate: false, raised: 0 });
    expect(await projected(caseNumber(1))).toEqual({ version: 1, state: 'SUBMITTED', next_check_on: null });
  });

  it('moves the projection on at acceptance and schedules the yellow day (due Fri 2026-11-27: yellow Thu 11-26)', async () => {
    expect(await send(acceptance)).toEqual({ duplicate: false, raised: 0 });
    expect(await projected(caseNumber(1))).toEqual({ version: 3, state: 'ACCEPTED', next_check_on: '2026-11-26' });
    const { rows } = await opened.store.query("SELECT actor_subject, resource_id FROM access_log WHERE resource_type = 'case_observation' ORDER BY sequence");
    expect(rows).toEqual([
      { actor_subject: 'cases', resource_id: `${caseNumber(1)}#1` },
      { actor_subject: 'cases', resource_id: `${caseNumber(1)}#3` },
    ]);
  });

  it('answers a redelivery as a duplicate and changes nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM access_log');
    expect(await send(acceptance)).toEqual({ duplicate: true, raised: 0 });
    expect(await count('SELECT count(*) AS n FROM case_observation')).toBe(2);
    expect(await count('SELECT count(*) AS n FROM access_log')).toBe(before);
  });

  it('keeps an older version that arrives late but never moves the projection back', async () => {
    const preReview = caseFact(1, { state: 'PRE_REVIEW', acceptedAt: null, deadlines: null });
    expect(await send(observation(preReview, record(2, 'PRE_REVIEW', { fromState: 'SUBMITTED' })))).toEqual({ duplicate: false, raised: 0 });
    expect(await projected(caseNumber(1))).toEqual({ version: 3, state: 'ACCEPTED', next_check_on: '2026-11-26' });
    expect(await count('SELECT count(*) AS n FROM case_observation')).toBe(3);
  });

  it('raises the record’s legality alerts in the same request, once', async () => {
    const decided = caseFact(1, { state: 'DECIDED', decision: { decision: 'APPROVE', decidedAt: '2026-11-25T02:00:00.000Z' }, deferredMaterials: [], deadlines: { promised: { ...accepted.deadlines!.promised!, finishedOn: '2026-11-25' }, legal: { ...accepted.deadlines!.legal!, finishedOn: '2026-11-25' }, steps: [] } });
    const decision = observation(decided, record(4, 'DECIDE', { occurredAt: '2026-11-25T02:00:00.000Z', decision: 'APPROVE', opinion: '准予' }));
    expect(await send(decision)).toEqual({ duplicate: false, raised: 1 });
    expect(await alertsOf(caseNumber(1))).toEqual([{ rule_code: 'LEGALITY.STEP_SKIPPED', occasion: 'record:4' }]);
    expect(await projected(caseNumber(1))).toEqual({ version: 4, state: 'DECIDED', next_check_on: null });
    expect(await send(decision)).toEqual({ duplicate: true, raised: 0 });
  });

  it('raises red at once for a case observed after its due date has passed', async () => {
    instant = new Date('2026-11-30T02:00:00.000Z');
    const late = observation(caseFact(2, { state: 'IN_PROCESS' }), record(4, 'START_STEP', { step: 'REVIEW' }));
    expect(await send(late)).toEqual({ duplicate: false, raised: 1 });
    expect(await alertsOf(caseNumber(2))).toEqual([{ rule_code: 'TIMELINESS.PROMISED_RED', occasion: 'PROMISED:2026-11-27' }]);
    expect((await projected(caseNumber(2)))?.next_check_on).toBe('2026-12-19');
  });

  it('refuses anyone but the cases service, and a malformed observation, storing nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM case_observation');
    const other = observation(caseFact(3), record(3, 'ACCEPT'));
    expect(await refusal(send(other, EXCHANGE_SERVICE))).toEqual({ code: 'FORBIDDEN' });
    expect(await refusal(send(other, POLICE_STAFF))).toEqual({ code: 'FORBIDDEN' });
    expect(await refusal(send({ ...other, record: { ...other.record, occurredAt: 'now' } }))).toEqual({ code: 'BAD_USER_INPUT', field: 'observation.record.occurredAt' });
    expect(await count('SELECT count(*) AS n FROM case_observation')).toBe(before);
    expect(await projected(caseNumber(3))).toBeUndefined();
  });

  describe('an exchange report', () => {
    const held = {
      kind: 'EXCHANGE',
      messageId: 'MSG-9',
      caseNumber: caseNumber(9),
      action: 'DECIDE',
      occurredAt: '2026-11-29T08:00:00+08:00',
      receivedAt: '2026-11-29T08:00:01+08:00',
      status: 'HELD',
      reason: 'the case is not accepted',
      senderAgency: POLICE,
      senderClientId: 'police-system',
      receiptNumber: 'R-9',
    };

    it('raises a legality alert for a decision pushed for a case never seen, aimed at the guide’s agency and item', async () => {
      expect(await report(held)).toEqual({ duplicate: false, raised: 1 });
      const { rows } = await opened.store.query('SELECT rule_code, occasion, agency, region, implementation_code, item_type, colour FROM alert WHERE case_number = $1', [caseNumber(9)]);
      expect(rows).toEqual([{ rule_code: 'LEGALITY.DECISION_BEFORE_ACCEPTANCE', occasion: 'message:MSG-9', agency: POLICE, region: '610725', implementation_code: CODE, item_type: 'LICENSE', colour: 'RED' }]);
    });

    it('answers the same message again as a duplicate', async () => {
      expect(await report({ ...held, status: 'REJECTED' })).toEqual({ duplicate: true, raised: 0 });
    });

    it('raises nothing for a push dated after the acceptance supervision knows', async () => {
      expect(await report({ ...held, messageId: 'MSG-10', caseNumber: caseNumber(2), occurredAt: '2026-11-21T08:00:00+08:00' })).toEqual({ duplicate: false, raised: 0 });
    });

    it('is resolved by the system when the acceptance arrives later but dated before the pushed decision (mere reordering)', async () => {
      const pushed = { ...held, messageId: 'MSG-12', caseNumber: caseNumber(12), occurredAt: '2026-11-20T12:00:00+08:00' };
      const early = { ...held, messageId: 'MSG-13', caseNumber: caseNumber(12), occurredAt: '2026-11-20T09:00:00+08:00' };
      expect(await report(pushed)).toEqual({ duplicate: false, raised: 1 });
      expect(await report(early)).toEqual({ duplicate: false, raised: 1 });
      // Accepted at 10:00 China time (02:00Z): after the 09:00 push, before the 12:00 one.
      await send(observation(caseFact(12), record(3, 'ACCEPT')));
      const { rows } = await opened.store.query<{ occasion: string; state: string; resolved_by: string | null }>(
        "SELECT occasion, state, resolved_by FROM alert WHERE case_number = $1 AND rule_check = 'DECISION_BEFORE_ACCEPTANCE' ORDER BY occasion",
        [caseNumber(12)],
      );
      expect(rows).toEqual([
        { occasion: 'message:MSG-12', state: 'RESOLVED', resolved_by: 'system' },
        { occasion: 'message:MSG-13', state: 'OPEN', resolved_by: null },
      ]);
    });

    it('comes from the exchange service only', async () => {
      expect(await refusal(report({ ...held, messageId: 'MSG-11' }, CASES_SERVICE))).toEqual({ code: 'FORBIDDEN' });
    });
  });
});
