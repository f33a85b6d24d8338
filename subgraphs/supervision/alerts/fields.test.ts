import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../lib/auth/principal.ts';
import type { Store } from '../../../lib/db/store.ts';
import { storeKinds } from '../../../tests/support/services.ts';
import type { TestStore } from '../../../tests/support/stores.ts';
import type { AlertFilter } from '../generated/resolvers-types.ts';
import { ingestCaseObservation } from '../observations/ingest.ts';
import { Alert } from '../resolvers/Alert.ts';
import { AlertConnection } from '../resolvers/AlertConnection.ts';
import { alertMutations, alertQueries, caseAlertFields } from './fields.ts';
import type { AlertModel, AlertPageModel } from './model.ts';
import { raiseAlert } from './raise.ts';
import { APPLICANT, AUDITOR, call, caseFact, caseNumber, CASES_SERVICE, CODE, contextFor, FAKE_SOURCES, HOUSING, HOUSING_STAFF, identityOf, observation, openAlertsStore, POLICE, POLICE_STAFF, record, refusal } from './testSupport.ts';
import type { AlertInput } from './types.ts';

const now = () => new Date('2026-11-30T02:00:00.000Z');
const XIAN = '11610100TB7250001B';

const input = (fields: Partial<AlertInput> & Pick<AlertInput, 'check' | 'occasion'>, agency = POLICE, region = '610725'): AlertInput => ({
  target: { agency, region, implementationCode: CODE, itemType: 'LICENSE' },
  caseNumber: caseNumber(1),
  subject: null,
  message: '测试',
  evidence: { test: true },
  observedAt: '2026-11-26T00:00:00+08:00',
  ...fields,
});

describe.each(storeKinds())('alerts on %s', (kind) => {
  let opened: TestStore;
  let store: Store;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    opened = await openAlertsStore(kind);
    store = opened.store;
    const ingest = (payload: Parameters<typeof ingestCaseObservation>[1]) => ingestCaseObservation({ store, sources: FAKE_SOURCES, now: () => new Date('2026-11-20T02:00:00.000Z'), identity: identityOf(CASES_SERVICE) }, payload);
    await ingest(observation(caseFact(1, { participatingAgencies: [HOUSING] }), record(3, 'ACCEPT')));
    await ingest(observation(caseFact(2), record(3, 'ACCEPT')));
    const raise = async (name: string, alert: AlertInput, raisedAt: string) => {
      const raised = await store.transaction((tx) => raiseAlert(tx, alert, new Date(raisedAt)));
      ids[name] = raised.id!;
    };
    // China time: a1 11-26 09:00, a3 11-27 23:30, a2 11-28 01:00, a4 11-28 10:00, a5 11-28 11:00, a6 11-29 10:00.
    await raise('a1', input({ check: 'DEADLINE_APPROACHING', occasion: 'PROMISED:2026-11-27' }), '2026-11-26T01:00:00.000Z');
    await raise('a3', input({ check: 'STEP_OVERRUN', occasion: 'VERIFY:x' }, HOUSING), '2026-11-27T15:30:00.000Z');
    await raise('a2', input({ check: 'DEADLINE_OVERRUN', slot: 'PROMISED', occasion: 'PROMISED:2026-11-27' }), '2026-11-27T17:00:00.000Z');
    await raise('a4', input({ check: 'REFUSAL_WITHOUT_REASON', occasion: 'record:4', caseNumber: caseNumber(2) }), '2026-11-28T02:00:00.000Z');
    await raise('a5', input({ check: 'STEP_OVERRUN', occasion: 'REVIEW:y', caseNumber: caseNumber(2) }, HOUSING), '2026-11-28T03:00:00.000Z');
    await raise('a6', input({ check: 'SUPERVISION_OVERDUE', occasion: 'due:2026-11-28', caseNumber: null, subject: { kind: 'ORDER', id: 'o-1' } }, XIAN, '610100'), '2026-11-29T02:00:00.000Z');
  });
  afterAll(async () => opened?.dispose());

  const list = async (who: Principal, filter: AlertFilter | null = null, first = 20, after: string | null = null) =>
    (await call(alertQueries.alerts, {}, { filter, first, after }, contextFor(store, who, now))) as AlertPageModel;
  const names = (page: AlertPageModel) => page.nodes.map((alert) => Object.entries(ids).find(([, id]) => id === alert.id)?.[0]);
  const acknowledge = (who: Principal, id: string, note: string | null = null) => call(alertMutations.acknowledgeAlert, {}, { id, note }, contextFor(store, who, now)) as Promise<AlertModel>;
  const resolve = (who: Principal, id: string, resolution: string) => call(alertMutations.resolveAlert, {}, { id, resolution }, contextFor(store, who, now)) as Promise<AlertModel>;
  const caseAlerts = (who: Principal, sequence: number) => call(caseAlertFields.alerts, { caseNumber: caseNumber(sequence) }, {}, contextFor(store, who, now)) as Promise<AlertModel[]>;

  it('raises each occasion once: the second raise answers the first alert', async () => {
    const again = await store.transaction((tx) => raiseAlert(tx, input({ check: 'DEADLINE_APPROACHING', occasion: 'PROMISED:2026-11-27' }), now()));
    expect(again).toEqual({ id: ids['a1'], raised: false });
  });

  it('names the rule version, the colour and the target on each alert', async () => {
    const [a2] = (await list(AUDITOR, { ruleCode: 'TIMELINESS.PROMISED_RED' })).nodes;
    expect(a2).toMatchObject({ ruleCode: 'TIMELINESS.PROMISED_RED', ruleVersion: 1, type: 'TIMELINESS', check: 'DEADLINE_OVERRUN', colour: 'RED', message: '测试：红牌警告', agency: POLICE, region: '610725', state: 'OPEN', evidence: { test: true } });
    const context = contextFor(store, AUDITOR, now);
    expect(await call(Alert.rule, a2, {}, context)).toMatchObject({ code: 'TIMELINESS.PROMISED_RED', version: 1 });
    expect(await call(Alert.case, a2, {}, contextFor(store, AUDITOR, now))).toEqual({ caseNumber: caseNumber(1) });
    expect(await call(Alert.agency, a2, {}, contextFor(store, AUDITOR, now))).toEqual({ uscc: POLICE });
  });

  it('lists every alert for auditors, newest first, with cursor paging and a total', async () => {
    const first = await list(AUDITOR, null, 4);
    expect(names(first)).toEqual(['a6', 'a5', 'a4', 'a2']);
    expect(await call(AlertConnection.totalCount, first, {}, contextFor(store, AUDITOR, now))).toBe(6);
    const info = await call<{ hasNextPage: boolean; endCursor: string }>(AlertConnection.pageInfo, first, {}, contextFor(store, AUDITOR, now));
    expect(info.hasNextPage).toBe(true);
    expect(names(await list(AUDITOR, null, 4, info.endCursor))).toEqual(['a3', 'a1']);
    expect(await refusal(list(AUDITOR, null, 4, 'garbage'))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(await refusal(list(AUDITOR, null, 101))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it.each([
    [{ agency: POLICE }, ['a4', 'a2', 'a1']],
    [{ region: '61' }, ['a6', 'a5', 'a4', 'a2', 'a3', 'a1']],
    [{ region: '6101' }, ['a6']],
    [{ region: '610725' }, ['a5', 'a4', 'a2', 'a3', 'a1']],
    [{ colour: 'RED' }, ['a6', 'a2']],
    [{ ruleCode: 'TIMELINESS.STEP_OVERRUN' }, ['a5', 'a3']],
    [{ type: 'LEGALITY' }, ['a4']],
    [{ caseNumber: caseNumber(2) }, ['a5', 'a4']],
    [{ states: ['ACKNOWLEDGED'] }, []],
    // China days: 11-28 runs from 11-27T16:00Z, so a3 (11-27 23:30) is on 11-27 and a2 (11-28 01:00) on 11-28.
    [{ period: { from: '2026-11-28', to: '2026-11-28' } }, ['a5', 'a4', 'a2']],
    [{ period: { from: '2026-11-26', to: '2026-11-27' } }, ['a3', 'a1']],
    [{ agency: POLICE, colour: 'YELLOW', period: { from: '2026-11-01', to: '2026-11-30' } }, ['a4', 'a1']],
  ] as const)('filters by %j', async (filter, expected) => {
    expect(names(await list(AUDITOR, filter as AlertFilter))).toEqual(expected);
  });

  it.each([
    [{ region: '6' }, 'filter.region'],
    [{ region: '61072' }, 'filter.region'],
    [{ period: { from: '2026-11-31', to: '2026-12-01' } }, 'filter.period.from'],
    [{ period: { from: '2026-12-02', to: '2026-12-01' } }, 'filter.period.to'],
  ] as const)('refuses the filter %j', async (filter, field) => {
    expect(await refusal(list(AUDITOR, filter as AlertFilter))).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('shows staff their own agency’s alerts only, and refuses another agency’s list', async () => {
    expect(names(await list(HOUSING_STAFF))).toEqual(['a5', 'a3']);
    expect(names(await list(POLICE_STAFF, { agency: POLICE, colour: 'RED' }))).toEqual(['a2']);
    expect(await refusal(list(POLICE_STAFF, { agency: HOUSING }))).toEqual({ code: 'FORBIDDEN' });
    expect(await refusal(list(APPLICANT))).toEqual({ code: 'FORBIDDEN' });
  });

  it('reads one alert for auditors and its agency’s staff', async () => {
    const context = (who: Principal) => contextFor(store, who, now);
    expect((await call(alertQueries.alert, {}, { id: ids['a1']! }, context(POLICE_STAFF)))?.id).toBe(ids['a1']);
    expect(await refusal(call(alertQueries.alert, {}, { id: ids['a1']! }, context(HOUSING_STAFF)))).toEqual({ code: 'FORBIDDEN' });
    expect(await call(alertQueries.alert, {}, { id: '00000000-0000-4000-8000-000000000000' }, context(AUDITOR))).toBeNull();
  });

  describe('acknowledging and resolving', () => {
    it('lets the agency’s staff acknowledge an open alert, once', async () => {
      expect(await refusal(acknowledge(HOUSING_STAFF, ids['a1']!))).toEqual({ code: 'FORBIDDEN' });
      const acknowledged = await acknowledge(POLICE_STAFF, ids['a1']!, '已签收，正在办理');
      expect(acknowledged).toMatchObject({ state: 'ACKNOWLEDGED', acknowledgedBy: 'police-1', acknowledgedAt: now().toISOString(), acknowledgementNote: '已签收，正在办理' });
      expect(await refusal(acknowledge(AUDITOR, ids['a1']!))).toEqual({ code: 'ILLEGAL_TRANSITION' });
      expect(await refusal(acknowledge(AUDITOR, '00000000-0000-4000-8000-000000000000'))).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    });

    it('lets staff resolve their agency’s yellow alerts and only auditors the red ones', async () => {
      expect(await resolve(POLICE_STAFF, ids['a1']!, '已办结')).toMatchObject({ state: 'RESOLVED', resolvedBy: 'police-1', resolution: '已办结' });
      expect(await refusal(resolve(POLICE_STAFF, ids['a2']!, '已处理'))).toEqual({ code: 'FORBIDDEN' });
      expect(await resolve(AUDITOR, ids['a2']!, '已约谈窗口负责人')).toMatchObject({ state: 'RESOLVED', resolvedBy: 'auditor-1' });
      expect(await refusal(resolve(AUDITOR, ids['a2']!, '再次处置'))).toEqual({ code: 'ILLEGAL_TRANSITION' });
    });

    it('refuses a blank or overlong resolution, changing nothing', async () => {
      expect(await refusal(resolve(AUDITOR, ids['a4']!, '  '))).toEqual({ code: 'BAD_USER_INPUT', field: 'resolution' });
      expect(await refusal(resolve(AUDITOR, ids['a4']!, '长'.repeat(501)))).toEqual({ code: 'BAD_USER_INPUT', field: 'resolution' });
      expect(names(await list(AUDITOR, { states: ['OPEN'] }))).toEqual(['a6', 'a5', 'a4', 'a3']);
    });

    it('logs each move', async () => {
      const { rows } = await store.query("SELECT actor_subject FROM access_log WHERE resource_type = 'alert' ORDER BY sequence");
      expect(rows.map((row) => row['actor_subject'])).toEqual(['police-1', 'police-1', 'auditor-1']);
    });
  });

  describe('Case.alerts', () => {
    it('gives auditors every alert of the case, oldest first', async () => {
      expect((await caseAlerts(AUDITOR, 1)).map((alert) => alert.id)).toEqual([ids['a1'], ids['a3'], ids['a2']]);
    });

    it('gives staff of an agency handling the case all its alerts, other staff those naming their agency', async () => {
      expect(await caseAlerts(HOUSING_STAFF, 1)).toHaveLength(3);
      expect((await caseAlerts(HOUSING_STAFF, 2)).map((alert) => alert.id)).toEqual([ids['a5']]);
      expect(await caseAlerts(POLICE_STAFF, 2)).toHaveLength(2);
    });

    it('gives the applicant an empty list rather than an error', async () => {
      expect(await caseAlerts(APPLICANT, 1)).toEqual([]);
    });
  });

  it('lets only auditors run the clock', async () => {
    expect(await refusal(call(alertMutations.runSupervisionClock, {}, {}, contextFor(store, POLICE_STAFF, now)))).toEqual({ code: 'FORBIDDEN' });
  });
});
