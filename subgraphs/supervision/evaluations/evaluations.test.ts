
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type Principal } from '../../../lib/auth/principal.ts';

import { createLogger } from '../../../lib/logger.ts';
import type { Queryable, Store } from '../../../lib/db/store.ts';
import { type TestStore } from '../../../tests/support/stores.ts';
import { storeKinds } from '../../../tests/support/services.ts';
import type { AlertInput, ClockContext } from '../alerts/types.ts';
import { BUNDLED_CALENDAR } from '../datasources/calendar.ts';
import type { CaseFacts } from '../datasources/cases.ts';
import type { EvaluationInput } from '../generated/resolvers-types.ts';
import { answerRectification, appealEvaluation, closeRectification, decideEvaluationAppeal, setRectificationDeadline } from './actions.ts';
import { mayReadEvaluation } from './fields.ts';
import { evaluationLevelCounts } from './figures.ts';
import { evaluationEventsOfCases } from './history.ts';
import { overdueRectifications } from './overdue.ts';
import { evaluationsOfApplicant, listTasks, taskOfEvaluation } from './repository.ts';
import { isOverdue, validateEvaluation } from './rules.ts';
import { evaluateCase, type EvaluationContext } from './submit.ts';
import { openSupervisionStore } from '../testSupport.ts';

const CODE = '610725000000TB7250054102';
const POLICE = '11610725TB7250054A';
const HOUSING = '11610725TB7250055A';
const caseNumber = (sequence: number) => `${CODE}26${String(sequence).padStart(6, '0')}`;

const person = (subject: string, idNumber: string, extra: Partial<Principal> = {}): Principal => ({ ...ANONYMOUS, subject, kind: 'NATURAL_PERSON', idNumber, ...extra });
const APPLICANT = person('p-applicant', '610725197809210316');
const OTHER = person('p-other', '610725199206050448');
const COMPANY_USCC = '91610725MA6YTB0012';
const COMPANY: Principal = { ...ANONYMOUS, subject: 'l-company', kind: 'LEGAL_PERSON', uscc: COMPANY_USCC };
/** Acts for the company: not the agent who applied, but whoever the company lets sign in for it. */
const ACTING = person('p-acting', '610725199001120513', { actingFor: { kind: 'LEGAL_PERSON', code: COMPANY_USCC, name: '绿源' } });
const AGENT_WHO_APPLIED = person('p-agent', '610725198501010011');
const STAFF: Principal = { ...ANONYMOUS, subject: 'police-1', kind: 'STAFF', agency: POLICE, roles: ['ACCEPT'] };
const OTHER_STAFF: Principal = { ...ANONYMOUS, subject: 'housing-1', kind: 'STAFF', agency: HOUSING, roles: ['ACCEPT'] };
const AUDITOR: Principal = { ...ANONYMOUS, subject: 'auditor-1', kind: 'AUDITOR' };

const party = (kind: string, idNumber: string) => ({ kind, name: '某', idType: kind === 'LEGAL_PERSON' ? 'USCC' : 'CITIZEN_ID', idNumber });

function facts(sequence: number, overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    caseNumber: caseNumber(sequence),
    state: 'COMPLETED',
    owningAgency: POLICE,
    participatingAgencies: [],
    implementationCode: CODE,
    applicant: party('NATURAL_PERSON', APPLICANT.idNumber!),
    agent: null,
    result: { kind: 'CERTIFICATE_ISSUED', completedAt: '2026-11-26T02:00:00.000Z', documentName: null, documentNumber: null },
    ...overrides,
  };
}

const ONLINE_INDICATORS = { efficiency: 2, guideAccuracy: 3, convenience: 2, operability: 4 };
const input = (sequence: number, overrides: Partial<EvaluationInput> = {}): EvaluationInput => ({
  caseNumber: caseNumber(sequence),
  channel: 'ONLINE',
  level: 'SATISFIED',
  indicators: ONLINE_INDICATORS,
  ...overrides,
});
const bad = (sequence: number, overrides: Partial<EvaluationInput> = {}) => input(sequence, { level: 'DISSATISFIED', comment: '窗口让我跑了三趟', ...overrides });

/** What a refused call threw, as a client sees it. */
async function refusal(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return { code: (error as { extensions?: Record<string, unknown> }).extensions?.['code'], ...(error as { extensions?: Record<string, unknown> }).extensions };
  }
  throw new Error('expected a refusal');
}

describe('an evaluation’s own content', () => {
  it.each([
    ['indicators missing on ONLINE', input(1, { indicators: null }), 'input.indicators'],
    ['indicators missing on MOBILE', input(1, { channel: 'MOBILE', indicators: undefined }), 'input.indicators'],
    ['indicators sent by SMS', input(1, { channel: 'SMS' }), 'input.indicators'],
    ['indicators sent from the hall device', input(1, { channel: 'WINDOW_DEVICE' }), 'input.indicators'],
    ['an indicator of 0', input(1, { indicators: { ...ONLINE_INDICATORS, convenience: 0 } }), 'input.indicators.convenience'],
    ['an indicator of 6', input(1, { indicators: { ...ONLINE_INDICATORS, efficiency: 6 } }), 'input.indicators.efficiency'],
    ['a bad review without a comment', bad(1, { comment: '  ' }), 'input.comment'],
    ['a very bad review without a comment', input(1, { level: 'VERY_DISSATISFIED' }), 'input.comment'],
    ['a comment of 501 characters', input(1, { comment: '慢'.repeat(501) }), 'input.comment'],
    ['a comment with a control character', input(1, { comment: 'a\u0007b' }), 'input.comment'],
    ['a malformed case number', input(1, { caseNumber: 'X123' }), 'input.caseNumber'],
  ])('refuses %s, naming the field', (_name, given, field) => {
    expect(() => validateEvaluation(given)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) }));
  });

  it('takes SMS and the hall device without indicators, a comment of 500 characters, and trims it', () => {
    expect(validateEvaluation(input(1, { channel: 'SMS', indicators: null, level: 'VERY_SATISFIED' })).indicators).toBeNull();
    expect(validateEvaluation(bad(1, { channel: 'WINDOW_DEVICE', indicators: undefined })).comment).toBe('窗口让我跑了三趟');
    expect(validateEvaluation(input(1, { comment: '好'.repeat(500) })).comment).toHaveLength(500);
    expect(validateEvaluation(input(1, { comment: '  办得快  ' })).comment).toBe('办得快');
    expect(validateEvaluation(input(1, { comment: '' })).comment).toBeNull();
  });
});

describe('overdue', () => {
  const task = { dueOn: '2026-12-11', answeredAt: null };
  it('is overdue from the day after the due day, China time, while open', () => {
    expect(isOverdue({ ...task, state: 'OPEN' }, new Date('2026-12-11T15:59:59Z'))).toBe(false);
    expect(isOverdue({ ...task, state: 'OPEN' }, new Date('2026-12-11T16:00:00Z'))).toBe(true);
  });
  it('stays overdue when answered late, and is not when answered in time', () => {
    expect(isOverdue({ ...task, state: 'ANSWERED', answeredAt: '2026-12-12T01:00:00.000Z' }, new Date('2026-12-20T00:00:00Z'))).toBe(true);
    expect(isOverdue({ ...task, state: 'CLOSED', answeredAt: '2026-12-11T10:00:00.000Z' }, new Date('2026-12-20T00:00:00Z'))).toBe(false);
  });
});

describe.each(storeKinds())('好差评 on %s', (kind) => {
  let test: TestStore;
  let store: Store;
  const cases = new Map<string, CaseFacts>();
  // Friday 2026-11-27, 10:00 in China: ten working days later is Friday 2026-12-11.
  const FRIDAY = new Date('2026-11-27T02:00:00.000Z');
  let now = FRIDAY;
  const later = (minutes: number) => (now = new Date(FRIDAY.getTime() + minutes * 60_000));
  const context = (principal: Principal): EvaluationContext => ({
    identity: { principal, meta: { clientIp: '127.0.0.1', purpose: null } },
    store,
    sources: {
      cases: { caseFacts: async (number) => cases.get(number) ?? null },
      calendar: BUNDLED_CALENDAR,
      catalog: { agencyName: async () => null, guide: async () => null, guidesInScope: async () => [] },
    },
    settings: { supervisingOffice: '勉县监察局', complaintAnswerWorkingDays: 5, rectificationWorkingDays: 10 },
    now: () => now,
  });
  const given = (sequence: number, overrides: Partial<CaseFacts> = {}) => {
    cases.set(caseNumber(sequence), facts(sequence, overrides));
    return caseNumber(sequence);
  };
  const count = async (table: string) => Number((await store.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
  const writes = async () => count('access_log');

  beforeAll(async () => {
    test = await openSupervisionStore(kind);
    store = test.store;
  });
  afterAll(async () => test?.dispose());

  describe('evaluateCase', () => {
    it('stores a good review with the agency and implementation of the case facts, and opens no task', async () => {
      given(1);
      const { evaluation, task } = await evaluateCase(context(APPLICANT), input(1, { comment: '办得快' }));
      expect(evaluation).toMatchObject({ caseNumber: caseNumber(1), channel: 'ONLINE', level: 'SATISFIED', agency: POLICE, implementationCode: CODE, region: '610725', counted: true, comment: '办得快' });
      expect(evaluation.indicators).toEqual(ONLINE_INDICATORS);
      expect(task).toBeNull();
      expect(await count('rectification_task')).toBe(0);
      const logged = await store.query("SELECT actor_subject, resource_type, resource_id FROM access_log WHERE resource_type = 'evaluation'");
      expect(logged.rows).toEqual([{ actor_subject: 'p-applicant', resource_type: 'evaluation', resource_id: evaluation.id }]);
    });

    it('opens a rectification task for a bad review, due RECTIFICATION_WORKING_DAYS working days after today', async () => {
      given(2);
      const { evaluation, task } = await evaluateCase(context(APPLICANT), bad(2));
      expect(task).toMatchObject({ evaluationId: evaluation.id, caseNumber: caseNumber(2), agency: POLICE, state: 'OPEN', workingDays: 10, dueOn: '2026-12-11', version: 1 });
      expect((await taskOfEvaluation(store, evaluation.id))?.dueOn).toBe('2026-12-11');
    });

    it('counts the days the jurisdiction set: the longest region prefix wins', async () => {
      await setRectificationDeadline(context(AUDITOR), '61', 20);
      await setRectificationDeadline(context(AUDITOR), '6107', 5);
      given(3);
      expect((await evaluateCase(context(APPLICANT), bad(3))).task).toMatchObject({ workingDays: 5, dueOn: '2026-12-04' });
      await setRectificationDeadline(context(AUDITOR), '610725', 3);
      given(4);
      expect((await evaluateCase(context(APPLICANT), bad(4))).task).toMatchObject({ workingDays: 3, dueOn: '2026-12-02' });
      // Changed again: the newest setting applies, and only to tasks opened from now on.
      await setRectificationDeadline(context(AUDITOR), '610725', 2);
      const rows = (await store.query<{ region: string; working_days: number }>('SELECT region, working_days FROM rectification_deadline ORDER BY region')).rows;
      expect(rows).toEqual([{ region: '61', working_days: 20 }, { region: '6107', working_days: 5 }, { region: '610725', working_days: 2 }]);
      expect((await listTasks(store, { agency: POLICE, states: ['OPEN'], limit: 10 })).map((task) => task.workingDays).sort((a, b) => a - b)).toEqual([3, 5, 10]);
      await store.query('DELETE FROM rectification_deadline');
    });

    it('refuses a second evaluation on the same channel with DUPLICATE and stores nothing, but takes another channel', async () => {
      const before = [await count('evaluation'), await count('rectification_task'), await writes()];
      expect(await refusal(evaluateCase(context(APPLICANT), bad(2, { level: 'VERY_DISSATISFIED' })))).toMatchObject({ code: 'DUPLICATE', field: 'input.channel' });
      expect([await count('evaluation'), await count('rectification_task'), await writes()]).toEqual(before);
      const sms = await evaluateCase(context(APPLICANT), input(2, { channel: 'SMS', indicators: null, level: 'BASICALLY_SATISFIED' }));
      expect(sms.evaluation.channel).toBe('SMS');
    });

    it('lets exactly one of several concurrent evaluations on one channel through', async () => {
      given(5);
      const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => evaluateCase(context(APPLICANT), bad(5))));
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes.filter((outcome) => outcome.status === 'rejected')) {
        expect((outcome as PromiseRejectedResult).reason.extensions).toMatchObject({ code: 'DUPLICATE', field: 'input.channel' });
      }
      const rows = await store.query('SELECT id FROM evaluation WHERE case_number = $1', [caseNumber(5)]);
      expect(rows.rows).toHaveLength(1);
      expect((await store.query('SELECT id FROM rectification_task WHERE case_number = $1', [caseNumber(5)])).rows).toHaveLength(1);
    });

    it('answers DUPLICATE when only the unique index catches the second evaluation (the check raced)', async () => {
      // A store whose transactions never see an earlier evaluation: what two racing transactions see.
      const blind: Store = Object.create(store, {
        transaction: {
          value: <T>(work: (tx: Queryable) => Promise<T>) =>
            store.transaction((tx) =>
              work({
                exec: (sql) => tx.exec(sql),
                query: (sql, params) => (/FROM evaluation WHERE case_number = \$1 AND channel = \$2/.test(sql) ? Promise.resolve({ rows: [] }) : tx.query(sql, params)),
              } as Queryable),
            ),
        },
      });
      const before = [await count('evaluation'), await count('rectification_task'), await writes()];
      expect(await refusal(evaluateCase({ ...context(APPLICANT), store: blind }, bad(5)))).toMatchObject({ code: 'DUPLICATE', field: 'input.channel' });
      expect([await count('evaluation'), await count('rectification_task'), await writes()]).toEqual(before);
    });

    it.each([
      ['another citizen', OTHER],
      ['staff of the agency', STAFF],
      ['an auditor', AUDITOR],
    ])('refuses %s with FORBIDDEN and stores nothing', async (_name, principal) => {
      given(6);
      const before = await count('evaluation');
      expect((await refusal(evaluateCase(context(principal), input(6)))).code).toBe('FORBIDDEN');
      expect(await count('evaluation')).toBe(before);
    });

    it('takes the company, whoever acts for it and the agent who applied, as the applicant', async () => {
      given(7, { applicant: party('LEGAL_PERSON', COMPANY_USCC), agent: party('NATURAL_PERSON', AGENT_WHO_APPLIED.idNumber!) });
      await evaluateCase(context(COMPANY), input(7));
      await evaluateCase(context(ACTING), input(7, { channel: 'MOBILE' }));
      await evaluateCase(context(AGENT_WHO_APPLIED), input(7, { channel: 'SMS', indicators: null }));
      expect((await refusal(evaluateCase(context(OTHER), input(7, { channel: 'WINDOW_DEVICE', indicators: null })))).code).toBe('FORBIDDEN');
    });

    it('refuses an unknown case as bad input and a case not completed as an illegal transition', async () => {
      const before = await count('evaluation');
      expect(await refusal(evaluateCase(context(APPLICANT), input(99)))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.caseNumber' });
      given(8, { state: 'ACCEPTED', result: null });
      const illegal = await refusal(evaluateCase(context(APPLICANT), bad(8)));
      expect(illegal.code).toBe('ILLEGAL_TRANSITION');
      expect(illegal['reason']).toContain('before completion');
      expect(await count('evaluation')).toBe(before);
    });
  });

  describe('rectification', () => {
    let taskId: string;
    beforeAll(async () => {
      given(10);
      taskId = (await evaluateCase(context(APPLICANT), bad(10))).task!.id;
    });
    const answer = { expectedVersion: 1, rectification: '已对窗口人员进行批评教育，优化一次性告知', reply: '感谢您的评价，我们已整改。' };

    it('refuses other agencies, auditors, empty texts and stale versions, storing nothing', async () => {
      const before = await writes();
      expect((await refusal(answerRectification(context(OTHER_STAFF), taskId, answer))).code).toBe('FORBIDDEN');
      expect((await refusal(answerRectification(context(AUDITOR), taskId, answer))).code).toBe('FORBIDDEN');
      expect((await refusal(answerRectification(context(APPLICANT), taskId, answer))).code).toBe('FORBIDDEN');
      expect(await refusal(answerRectification(context(STAFF), taskId, { ...answer, reply: ' ' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reply' });
      expect(await refusal(answerRectification(context(STAFF), taskId, { ...answer, rectification: '改'.repeat(2001) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rectification' });
      expect(await refusal(answerRectification(context(STAFF), taskId, { ...answer, expectedVersion: 2 }))).toMatchObject({ code: 'VERSION_CONFLICT', field: 'expectedVersion' });
      expect(await refusal(answerRectification(context(STAFF), 'no-such-task', answer))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
      expect(await refusal(closeRectification(context(AUDITOR), taskId, 1, null))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
      expect(await writes()).toBe(before);
      expect((await listTasks(store, { agency: POLICE, states: null, limit: 100 })).find((task) => task.id === taskId)).toMatchObject({ state: 'OPEN', version: 1, reply: null });
    });

    it('is answered by the agency, then closed by an auditor', async () => {
      now = new Date('2026-11-30T03:00:00.000Z');
      const answered = await answerRectification(context(STAFF), taskId, answer);
      expect(answered).toMatchObject({ state: 'ANSWERED', version: 2, reply: answer.reply, rectification: answer.rectification, answeredBy: 'police-1', answeredAt: '2026-11-30T03:00:00.000Z' });
      expect(await refusal(answerRectification(context(STAFF), taskId, { ...answer, expectedVersion: 2 }))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
      expect((await refusal(closeRectification(context(STAFF), taskId, 2, null))).code).toBe('FORBIDDEN');
      later(24 * 60 * 4);
      const closed = await closeRectification(context(AUDITOR), taskId, 2, '已核实');
      expect(closed).toMatchObject({ state: 'CLOSED', version: 3, closedBy: 'auditor-1', closeNote: '已核实', closedAt: '2026-12-01T02:00:00.000Z' });
      now = FRIDAY;
    });
  });

  describe('appeals', () => {
    let badId: string;
    let goodId: string;
    beforeAll(async () => {
      given(20);
      badId = (await evaluateCase(context(APPLICANT), bad(20, { level: 'VERY_DISSATISFIED', comment: '与本人无关的差评' }))).evaluation.id;
      given(21);
      goodId = (await evaluateCase(context(APPLICANT), input(21))).evaluation.id;
    });

    it('refuses a good review, another agency, an auditor, and a decision before any appeal', async () => {
      expect((await refusal(appealEvaluation(context(STAFF), goodId, '误评'))).code).toBe('ILLEGAL_TRANSITION');
      expect((await refusal(appealEvaluation(context(OTHER_STAFF), badId, '误评'))).code).toBe('FORBIDDEN');
      expect((await refusal(appealEvaluation(context(AUDITOR), badId, '误评'))).code).toBe('FORBIDDEN');
      expect(await refusal(appealEvaluation(context(STAFF), badId, ''))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect((await refusal(decideEvaluationAppeal(context(AUDITOR), badId, true, '成立'))).code).toBe('ILLEGAL_TRANSITION');
      expect(await count('evaluation_appeal')).toBe(0);
    });

    it('takes one appeal; an upheld one sets the review aside and cancels its task', async () => {
      await appealEvaluation(context(STAFF), badId, '申请人评价的是其他部门的事项');
      expect(await refusal(appealEvaluation(context(STAFF), badId, '再次申诉'))).toMatchObject({ code: 'DUPLICATE', field: 'id' });
      expect((await refusal(decideEvaluationAppeal(context(STAFF), badId, true, '成立'))).code).toBe('FORBIDDEN');
      const decided = await decideEvaluationAppeal(context(AUDITOR), badId, true, '经核实，评价对象错误');
      expect(decided.counted).toBe(false);
      expect(await taskOfEvaluation(store, badId)).toMatchObject({ state: 'CANCELLED', cancelledBy: 'auditor-1', version: 2 });
      expect((await refusal(decideEvaluationAppeal(context(AUDITOR), badId, false, '驳回'))).code).toBe('ILLEGAL_TRANSITION');
      expect((await refusal(appealEvaluation(context(STAFF), badId, '再次申诉'))).code).toBe('DUPLICATE');
    });

    it('keeps a review whose appeal is dismissed', async () => {
      given(22);
      const { evaluation } = await evaluateCase(context(APPLICANT), bad(22));
      await appealEvaluation(context(STAFF), evaluation.id, '恶意差评');
      expect((await decideEvaluationAppeal(context(AUDITOR), evaluation.id, false, '评价属实')).counted).toBe(true);
      expect((await taskOfEvaluation(store, evaluation.id))?.state).toBe('OPEN');
    });
  });

  describe('setRectificationDeadline', () => {
    it.each([
      ['a 3-digit region', '610', 5, 'region'],
      ['an 8-digit region', '61072500', 5, 'region'],
      ['letters', '61a7', 5, 'region'],
      ['0 working days', '6107', 0, 'workingDays'],
      ['61 working days', '6107', 61, 'workingDays'],
    ])('refuses %s', async (_name, region, days, field) => {
      expect(await refusal(setRectificationDeadline(context(AUDITOR), region, days))).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });
    it('is the auditors’', async () => {
      expect((await refusal(setRectificationDeadline(context(STAFF), '6107', 5))).code).toBe('FORBIDDEN');
    });
  });

  describe('reading', () => {
    it('lets the applicant, the agency evaluated and auditors read an evaluation, no one else', async () => {
      const [evaluation] = await evaluationsOfApplicant(store, [APPLICANT.idNumber!], 1);
      expect(mayReadEvaluation(APPLICANT, evaluation!)).toBe(true);
      expect(mayReadEvaluation(STAFF, evaluation!)).toBe(true);
      expect(mayReadEvaluation(AUDITOR, evaluation!)).toBe(true);
      expect(mayReadEvaluation(OTHER, evaluation!)).toBe(false);
      expect(mayReadEvaluation(OTHER_STAFF, evaluation!)).toBe(false);
      expect(mayReadEvaluation(ANONYMOUS, evaluation!)).toBe(false);
    });

    it('lists an applicant’s evaluations newest first, as the company and as whoever acts for it', async () => {
      const mine = await evaluationsOfApplicant(store, [COMPANY_USCC], 10);
      expect(mine.map((evaluation) => evaluation.channel)).toHaveLength(3);
      expect(await evaluationsOfApplicant(store, [AGENT_WHO_APPLIED.idNumber!], 10)).toHaveLength(3);
      expect(await evaluationsOfApplicant(store, [OTHER.idNumber!], 10)).toHaveLength(0);
    });
  });

  describe('the clock', () => {
    type Rule = ReturnType<NonNullable<ClockContext['rule']>>;
    const rule = (graceWorkingDays: number): Rule => ({ code: 'TIMELINESS.SUPERVISION_OVERDUE', version: 1, colour: 'RED', parameters: { graceWorkingDays } });
    const raised: AlertInput[] = [];
    const run = (today: string, applicable: Rule = rule(0)) =>
      overdueRectifications({
        store,
        today,
        now: new Date(`${today}T02:00:00.000Z`),
        calendar: BUNDLED_CALENDAR,
        logger: createLogger('silent'),
        rule: (check) => (check === 'SUPERVISION_OVERDUE' ? applicable : null),
        raise: async (_tx, alert) => {
          raised.push(alert);
          return { id: `alert-${raised.length}`, raised: true };
        },
      });
    const openDueBefore = async (today: string) =>
      (await listTasks(store, { agency: null, states: ['OPEN'], limit: 100 })).filter((each) => each.dueOn < today).map((each) => each.id).sort();
    const raisedFor = () => raised.map((alert) => alert.subject!.id).sort();

    it('raises one SUPERVISION_OVERDUE alert per open task past its due day, and never again', async () => {
      given(30);
      now = FRIDAY;
      const { task } = await evaluateCase(context(APPLICANT), bad(30));

      expect(await openDueBefore('2026-12-02')).toEqual([]);
      expect(await run('2026-12-02')).toEqual({ examined: 0, raised: 0 });
      const early = await openDueBefore('2026-12-11');
      expect(early.length).toBeGreaterThan(0);
      expect(await run('2026-12-11')).toEqual({ examined: early.length, raised: early.length });
      expect(raisedFor()).toEqual(early);

      // Due on 2026-12-11: on time through that day, overdue from the next.
      const due = await openDueBefore('2026-12-12');
      expect(due).toContain(task!.id);
      expect(await run('2026-12-12')).toEqual({ examined: due.length - early.length, raised: due.length - early.length });
      expect(raisedFor()).toEqual(due);
      expect(raised.find((alert) => alert.subject?.id === task!.id)).toMatchObject({
        check: 'SUPERVISION_OVERDUE',
        caseNumber: caseNumber(30),
        subject: { kind: 'RECTIFICATION', id: task!.id },
        occasion: 'due:2026-12-11',
        target: { agency: POLICE, region: '610725', implementationCode: CODE },
        observedAt: '2026-12-11T16:00:00.000Z',
      });
      // Answered, closed and cancelled tasks are never looked at; each task is alerted once.
      expect(await run('2026-12-20')).toEqual({ examined: 0, raised: 0 });
      expect(new Set(raisedFor()).size).toBe(raised.length);
    });

    it('waits out the rule’s grace working days, counted on the task’s calendar', async () => {
      given(31);
      now = FRIDAY;
      const { task } = await evaluateCase(context(APPLICANT), bad(31));
      // Two working days after Friday 2026-12-11 is Tuesday 2026-12-15.
      expect(await run('2026-12-15', rule(2))).toEqual({ examined: 0, raised: 0 });
      expect(await run('2026-12-16', rule(2))).toEqual({ examined: 1, raised: 1 });
      expect(raised.at(-1)).toMatchObject({ subject: { id: task!.id }, occasion: 'due:2026-12-11', observedAt: '2026-12-15T16:00:00.000Z' });
    });

    it('judges a task whose check is switched off without raising anything', async () => {
      given(32);
      const { task } = await evaluateCase(context(APPLICANT), bad(32));
      const before = raised.length;
      expect(await run('2026-12-16', null)).toEqual({ examined: 1, raised: 0 });
      expect(raised).toHaveLength(before);
      expect((await taskOfEvaluation(store, task!.evaluationId))?.alerted).toBe(true);
      expect(await run('2026-12-17')).toEqual({ examined: 0, raised: 0 });
    });
  });

  describe('history and figures', () => {
    it('tells a case’s 好差评 in time order', async () => {
      const events = await evaluationEventsOfCases(store, [caseNumber(20), caseNumber(10)]);
      const of = (number: string) => events.filter((event) => event.caseNumber === number).map((event) => `${event.kind}:${event.title}`);
      expect(of(caseNumber(10))).toEqual([
        'EVALUATION:评价 · 不满意（网上）',
        'RECTIFICATION:整改任务开启 · 10 个工作日内反馈（2026-12-11 前）',
        'RECTIFICATION:整改反馈',
        'RECTIFICATION:整改办结',
      ]);
      expect(of(caseNumber(20))).toEqual([
        'EVALUATION:评价 · 非常不满意（网上）',
        'RECTIFICATION:整改任务开启 · 10 个工作日内反馈（2026-12-11 前）',
        'APPEAL:差评申诉',
        'APPEAL:申诉成立 · 评价不计入',
        'RECTIFICATION:整改任务撤销 · 申诉成立',
      ]);
      expect(events.find((event) => event.title === '整改反馈')).toMatchObject({ actor: 'police-1', detail: '感谢您的评价，我们已整改。' });
      expect(events.map((event) => event.at)).toEqual([...events.map((event) => event.at)].sort());
    });

    it('counts counted evaluations per level within the period, in China time', async () => {
      const all = (await store.query<{ level: string; counted: boolean; evaluated_at: Date }>('SELECT level, counted, evaluated_at FROM evaluation')).rows;
      const expected = (from: string, to: string) => {
        const counts: Record<string, number> = { VERY_SATISFIED: 0, SATISFIED: 0, BASICALLY_SATISFIED: 0, DISSATISFIED: 0, VERY_DISSATISFIED: 0 };
        for (const row of all) {
          const day = new Date(new Date(row.evaluated_at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
          if (row.counted && day >= from && day <= to) counts[row.level]! += 1;
        }
        return counts;
      };
      const november = await evaluationLevelCounts(store, { agency: POLICE }, '2026-11-01', '2026-11-30');
      expect(november).toEqual(expected('2026-11-01', '2026-11-30'));
      expect(november.VERY_DISSATISFIED).toBe(0); // the one given was set aside
      expect(await evaluationLevelCounts(store, { regionPrefix: '6107' }, '2026-11-01', '2026-11-30')).toEqual(november);
      expect(await evaluationLevelCounts(store, { implementationCodes: [CODE] }, '2026-11-27', '2026-11-27')).toEqual(expected('2026-11-27', '2026-11-27'));
      expect(Object.values(await evaluationLevelCounts(store, { agency: HOUSING }, '2026-11-01', '2026-11-30'))).toEqual([0, 0, 0, 0, 0]);
      // 2026-11-30T16:30Z is 1 December in China.
      given(40);
      now = new Date('2026-11-30T16:30:00.000Z');
      await evaluateCase(context(APPLICANT), input(40, { level: 'VERY_SATISFIED' }));
      expect(await evaluationLevelCounts(store, { agency: POLICE }, '2026-11-01', '2026-11-30')).toEqual(november);
      expect((await evaluationLevelCounts(store, { agency: POLICE }, '2026-12-01', '2026-12-01')).VERY_SATISFIED).toBe(1);
    });
  });
});
