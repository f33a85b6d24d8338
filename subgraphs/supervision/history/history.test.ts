import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type Principal } from '../../../lib/auth/principal.ts';

import type { Store } from '../../../lib/db/store.ts';
import { storeKinds } from '../../../tests/support/services.ts';
import { type TestStore } from '../../../tests/support/stores.ts';
import type { Context } from '../context.ts';
import type { CaseHistoryEntry } from '../generated/resolvers-types.ts';
import { createLoaders } from '../loaders.ts';
import type { CaseRefModel } from '../models.ts';

import { caseHistoryFields } from './fields.ts';
import type { ProcessRecordFact } from './merge.ts';
import { openSupervisionStore } from '../testSupport.ts';

const POLICE = '11610725TB7250054A';
const OTHER = '11610725TB7250038X';
const CODE = '610725000000TB7250054102';
const LIJUN = '610725199001011234';
const FIRST = `${CODE}26000001`;
const SECOND = `${CODE}26000002`;

const principal = (overrides: Partial<Principal>): Principal => ({ ...ANONYMOUS, subject: 'someone', ...overrides });
const AUDITOR = principal({ kind: 'AUDITOR', subject: 'auditor-hejing' });
const STAFF = principal({ kind: 'STAFF', subject: 'police-zhangwei', agency: POLICE });
const APPLICANT = principal({ kind: 'NATURAL_PERSON', subject: 'lijun', idNumber: LIJUN });

const record = (version: number, action: string, actionName: string, occurredAt: string): ProcessRecordFact => ({
  version,
  occurredAt,
  recordedAt: occurredAt,
  action,
  actionName,
  stepName: actionName,
  handlerId: version === 1 ? 'lijun' : 'police-zhangwei',
  handlerName: version === 1 ? '李军' : '张伟',
  opinion: null,
  reason: null,
  actorKind: version === 1 ? 'NATURAL_PERSON' : 'STAFF',
  sourceMessageId: null,
});

const RECORDS = [
  record(1, 'SUBMIT', '申报', '2026-03-02T09:00:00+08:00'),
  record(2, 'ACCEPT', '受理', '2026-03-02T10:00:00+08:00'),
  record(3, 'COMPLETE', '办结', '2026-03-20T10:00:00+08:00'),
];

async function seed(store: Store) {
  for (const caseNumber of [FIRST, SECOND]) {
    await store.query(
      `INSERT INTO supervised_case (case_number, agency, region, implementation_code, item_type, kind, state, channel, applicant_id_type,
         applicant_id_number, submitted_at, version, facts, guide, updated_at)
       VALUES ($1, $2, '610725', $3, 'LICENSE', 'PROMISED', 'COMPLETED', 'ONLINE', 'CITIZEN_ID', $4, '2026-03-02T01:00:00Z', 3, '{}', '{}', now())`,
      [caseNumber, POLICE, CODE, LIJUN],
    );
  }
  const alert = (id: string, agency: string, colour: string, raisedAt: string, extra = '') =>
    store.query(
      `INSERT INTO alert (id, case_number, about, occasion, rule_code, rule_version, type, rule_check, colour, message, agency, region,
         implementation_code, evidence, observed_at, raised_at, state, acknowledged_at, acknowledged_by, acknowledgement_note, resolved_at, resolved_by, resolution)
       VALUES ($1, $2, $3, $1, 'TIMELINESS.PROMISED_YELLOW', 1, 'TIMELINESS', 'DEADLINE_APPROACHING', $4, '承诺期限将至', $5, '610725', $6, '{}', $7, $7,
         ${extra === 'resolved' ? "'RESOLVED', $7::timestamptz + interval '1 hour', 'police-zhangwei', '已知悉', $7::timestamptz + interval '2 hours', 'auditor-hejing', '已督促办结'" : "'OPEN', NULL, NULL, NULL, NULL, NULL, NULL"})`,
      [id, FIRST, `CASE:${FIRST}`, colour, agency, CODE, raisedAt],
    );
  await alert('alert-1', POLICE, 'YELLOW', '2026-03-13T01:00:00Z', 'resolved');
  await alert('alert-2', OTHER, 'RED', '2026-03-17T01:00:00Z');
  await store.query(
    `INSERT INTO supervision_order (id, number, supervising_office, agency, region, item_name, item_code, case_number, subject, initiated_by,
       initiated_at, answer_working_days, due_on, calendar_version, state, version, updated_at)
     VALUES ('order-1', 'DB202603160001', '勉县监察局', $1, '610725', '旅馆业特种行业许可证核发', $2, $3, '承诺期限将至仍未办结', 'auditor-hejing',
       '2026-03-16T02:00:00Z', 3, '2026-03-19', '2026-01', 'SIGNED', 2, now())`,
    [POLICE, CODE, FIRST],
  );
  for (const [version, action, to, handler, at] of [
    [1, 'INITIATE', 'INITIATED', 'auditor-hejing', '2026-03-16T02:00:00Z'],
    [2, 'SIGN', 'SIGNED', 'police-zhangwei', '2026-03-16T03:00:00Z'],
  ] as const) {
    await store.query(
      `INSERT INTO supervision_order_step (order_id, version, action, to_state, handler_id, at) VALUES ('order-1', $1, $2, $3, $4, $5)`,
      [version, action, to, handler, at],
    );
  }
  await store.query(
    `INSERT INTO complaint (id, number, channel, subject_kind, case_number, agency, region, implementation_code, complainant_subject, complainant_codes,
       complainant_name, content, recorded_by, received_at, state, version, updated_at)
     VALUES ('complaint-1', 'TS202603180001', 'ONLINE', 'CASE', $1, $2, '610725', $3, 'lijun', $4, '李军', '迟迟未办结', 'lijun', '2026-03-18T02:00:00Z', 'RECEIVED', 1, now())`,
    [FIRST, POLICE, CODE, ['lijun', LIJUN]],
  );
  await store.query(
    `INSERT INTO complaint_step (complaint_id, version, action, to_state, handler_id, handler_name, at) VALUES ('complaint-1', 1, 'RECEIVE', 'RECEIVED', 'lijun', '李军', '2026-03-18T02:00:00Z')`,
  );
  await store.query(
    `INSERT INTO evaluation (id, case_number, channel, level, comment, agency, implementation_code, region, applicant_id, evaluated_by, evaluated_at)
     VALUES ('evaluation-1', $1, 'SMS', 'DISSATISFIED', '办理太慢', $2, $3, '610725', $4, 'lijun', '2026-03-21T02:00:00Z')`,
    [FIRST, POLICE, CODE, LIJUN],
  );
  await store.query(
    `INSERT INTO rectification_task (id, evaluation_id, case_number, agency, region, implementation_code, working_days, due_on, calendar_version, opened_at)
     VALUES ('task-1', 'evaluation-1', $1, $2, '610725', $3, 5, '2026-03-30', '2026-01', '2026-03-21T02:00:00Z')`,
    [FIRST, POLICE, CODE],
  );
}

describe.each(storeKinds())('Case.history on %s', (kind) => {
  let test: TestStore;
  const context = (who: Principal): Context =>
    ({ identity: { principal: who, meta: { clientIp: null, purpose: null } }, store: test.store, loaders: createLoaders(test.store, { identity: { principal: who, meta: { clientIp: null, purpose: null } }, now: () => new Date() }) }) as unknown as Context;
  const history = (who: Principal, parent: CaseRefModel = { caseNumber: FIRST, records: RECORDS }, ctx = context(who)) =>
    (caseHistoryFields.history as (parent: CaseRefModel, args: object, context: Context) => Promise<CaseHistoryEntry[]>)(parent, {}, ctx);

  beforeAll(async () => {
    test = await openSupervisionStore(kind);
    await seed(test.store);
  });
  afterAll(async () => test?.dispose());

  it('gives the auditor every record, alert, order step, complaint step and 好差评 event in time order', async () => {
    const entries = await history(AUDITOR);
    expect(entries.map((entry) => entry.kind)).toEqual([
      'PROCESS_RECORD',
      'PROCESS_RECORD',
      'ALERT_RAISED',
      'ALERT_ACKNOWLEDGED',
      'ALERT_RESOLVED',
      'SUPERVISION_ORDER',
      'SUPERVISION_ORDER',
      'ALERT_RAISED',
      'COMPLAINT',
      'PROCESS_RECORD',
      'EVALUATION',
      'RECTIFICATION',
    ]);
    const times = entries.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(entries[2]).toMatchObject({ title: '黄牌预警 · 承诺期限将至', actor: 'SYSTEM', reference: 'alert-1', detail: 'TIMELINESS.PROMISED_YELLOW v1' });
    expect(entries[4]).toMatchObject({ kind: 'ALERT_RESOLVED', actor: 'auditor-hejing', detail: '已督促办结' });
    expect(entries[0]).toMatchObject({ title: '申报 · 李军', reference: '1', at: '2026-03-02T01:00:00.000Z' });
    expect(entries.find((entry) => entry.kind === 'EVALUATION')).toMatchObject({ reference: 'evaluation-1', detail: '办理太慢' });
  });

  it('gives staff what concerns their agency, and the applicant their own evaluation and complaint only', async () => {
    const staff = await history(STAFF);
    expect(staff.filter((entry) => entry.kind === 'ALERT_RAISED').map((entry) => entry.reference)).toEqual(['alert-1']);
    expect(staff.map((entry) => entry.kind)).toContain('SUPERVISION_ORDER');
    const applicant = await history(APPLICANT);
    expect(new Set(applicant.map((entry) => entry.kind))).toEqual(new Set(['PROCESS_RECORD', 'COMPLAINT', 'EVALUATION', 'RECTIFICATION']));
    const stranger = await history(principal({ kind: 'NATURAL_PERSON', subject: 'wangfang', idNumber: '610725199202023456' }));
    expect(stranger.map((entry) => entry.kind)).toEqual(['PROCESS_RECORD', 'PROCESS_RECORD', 'PROCESS_RECORD']);
  });

  it('answers the records alone for a case supervision knows nothing of', async () => {
    const entries = await history(AUDITOR, { caseNumber: `${CODE}26000099`, records: RECORDS.slice(0, 1) });
    expect(entries.map((entry) => entry.kind)).toEqual(['PROCESS_RECORD']);
  });

  it('loads the histories of many cases with the same statements as one', async () => {
    const ctx = context(AUDITOR);
    const before = test.store.stats.statements;
    const [first, second] = await Promise.all([history(AUDITOR, { caseNumber: FIRST, records: RECORDS }, ctx), history(AUDITOR, { caseNumber: SECOND, records: [] }, ctx)]);
    const forTwo = test.store.stats.statements - before;
    expect(first!.length).toBeGreaterThan(3);
    expect(second).toEqual([]);
    const again = test.store.stats.statements;
    await history(AUDITOR, { caseNumber: SECOND, records: [] }, context(AUDITOR));
    expect(test.store.stats.statements - again).toBe(forTwo);
  });
});
