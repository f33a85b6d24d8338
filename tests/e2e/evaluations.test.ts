import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workingCalendar } from '../../lib/calendar/workingDays.ts';
import { chinaDate } from '../../lib/time.ts';
import { HOTEL_GUIDE, POLICE } from '../support/applications.ts';
import { ACCEPT, completion, DECIDE, movableClock, ok, PRE_REVIEW, refusal, REVIEW, sendTo, submitHotelCase, work } from '../support/caseWork.ts';
import { startStack, type Stack } from '../support/stack.ts';

/**
 * 好差评 as a new user meets it, through the gateway: 李军 applies for the seeded 勉县 hotel license,
 * the police work the case to completion, 李军 gives 不满意 and a rectification task appears for
 * the police with its deadline in working days; the police answer and 李军 reads the reply; an
 * appeal upheld by the auditor sets a review aside; an unanswered task past its due day raises
 * SUPERVISION_OVERDUE when the supervision clock (moved, never slept on) runs.
 */
const EVALUATION_FIELDS = `id caseNumber channel level levelName good comment counted agency { uscc } implementationCode
  indicators { efficiency guideAccuracy convenience operability }
  rectification { id state workingDays dueOn reply rectification overdue version agency { uscc } }
  appeal { state reason decision }`;
const EVALUATE = /* GraphQL */ `mutation Evaluate($input: EvaluationInput!) { evaluateCase(input: $input) { ${EVALUATION_FIELDS} } }`;
const TASKS = /* GraphQL */ `query Tasks($filter: RectificationTaskFilter) { rectificationTasks(filter: $filter, first: 100) { id caseNumber state workingDays dueOn version agency { uscc } } }`;

/** The supervision clock, which the test moves ahead of the real time. */
const clock = movableClock();
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ supervisionNow: clock.now });
}, 120_000);
afterAll(async () => stack?.close());

/** The police work the case from submission to completion, as tests/e2e/cases.test.ts does. */
const complete = (caseNumber: string) =>
  work(sendTo(stack), { caseNumber, version: 1 }, PRE_REVIEW, ACCEPT, ...REVIEW, DECIDE, completion({ name: '特种行业许可证', number: '勉公特字〔2026〕101号' }));

const evaluate = (input: Record<string, unknown>, as = 'lijun') => stack.graphql(EVALUATE, { input }, { as });
const INDICATORS = { efficiency: 2, guideAccuracy: 3, convenience: 2, operability: 4 };

describe('好差评 of a completed case', () => {
  let completed: string;
  let open: string;
  let evaluationId: string;
  let taskId: string;
  let dueOn: string;

  beforeAll(async () => {
    completed = await submitHotelCase(sendTo(stack), 'evaluation-e2e-completed');
    await complete(completed);
    open = await submitHotelCase(sendTo(stack), 'evaluation-e2e-open');
  }, 60_000);

  it('refuses an evaluation before completion as an illegal transition, storing nothing', async () => {
    const error = refusal(await evaluate({ caseNumber: open, channel: 'ONLINE', level: 'SATISFIED', indicators: INDICATORS }));
    expect(error.code).toBe('ILLEGAL_TRANSITION');
    expect(error.reason).toContain('before completion');
    const { case: found } = ok(await stack.graphql(`query($n: ID!) { case(caseNumber: $n) { evaluations { id } evaluation { id } } }`, { n: open }, { as: 'lijun' }));
    expect(found).toEqual({ evaluations: [], evaluation: null });
  });

  it('lets the auditor set the jurisdiction’s rectification days, which staff read', async () => {
    const set = ok(await stack.graphql(`mutation { setRectificationDeadline(region: "6107", workingDays: 3) { region workingDays setBy } }`, {}, { as: 'auditor-hejing' }));
    expect(set.setRectificationDeadline).toMatchObject({ region: '6107', workingDays: 3 });
    const staffSet = refusal(await stack.graphql(`mutation { setRectificationDeadline(region: "6107", workingDays: 30) { region } }`, {}, { as: 'police-zhangwei' }));
    expect(staffSet.code).toBe('FORBIDDEN');
    const read = ok(await stack.graphql(`{ rectificationDeadlines { region workingDays } }`, {}, { as: 'police-zhangwei' }));
    expect(read.rectificationDeadlines).toEqual([{ region: '6107', workingDays: 3 }]);
  });

  it('takes the applicant’s 不满意 with indicators and a comment, and opens a task due in the jurisdiction’s working days', async () => {
    const today = chinaDate(clock.now());
    const given = ok(await evaluate({ caseNumber: completed, channel: 'ONLINE', level: 'DISSATISFIED', indicators: INDICATORS, comment: '材料要求没有一次性告知，跑了两趟' })).evaluateCase;
    expect(given).toMatchObject({
      caseNumber: completed,
      channel: 'ONLINE',
      level: 'DISSATISFIED',
      levelName: '不满意',
      good: false,
      counted: true,
      agency: { uscc: POLICE },
      implementationCode: HOTEL_GUIDE,
      indicators: INDICATORS,
      appeal: null,
      rectification: { state: 'OPEN', workingDays: 3, reply: null, overdue: false, version: 1, agency: { uscc: POLICE } },
    });
    dueOn = workingCalendar.addWorkingDays(today, 3);
    expect(given.rectification.dueOn).toBe(dueOn);
    evaluationId = given.id;
    taskId = given.rectification.id;
  });

  it('shows the task to the police and not to another agency', async () => {
    const police = ok(await stack.graphql(TASKS, {}, { as: 'police-zhangwei' })).rectificationTasks;
    expect(police).toContainEqual({ id: taskId, caseNumber: completed, state: 'OPEN', workingDays: 3, dueOn, version: 1, agency: { uscc: POLICE } });
    const housing = ok(await stack.graphql(TASKS, {}, { as: 'housing-sunli' })).rectificationTasks;
    expect(housing.map((task: { id: string }) => task.id)).not.toContain(taskId);
    expect(refusal(await stack.graphql(TASKS, { filter: { agency: POLICE } }, { as: 'housing-sunli' })).code).toBe('FORBIDDEN');
    const auditor = ok(await stack.graphql(TASKS, { filter: { states: ['OPEN'] } }, { as: 'auditor-hejing' })).rectificationTasks;
    expect(auditor.map((task: { id: string }) => task.id)).toContain(taskId);
  });

  it('refuses a second evaluation on the channel with DUPLICATE, and anyone but the applicant with FORBIDDEN', async () => {
    const again = refusal(await evaluate({ caseNumber: completed, channel: 'ONLINE', level: 'SATISFIED', indicators: INDICATORS }));
    expect(again).toMatchObject({ code: 'DUPLICATE', field: 'input.channel' });
    expect(refusal(await evaluate({ caseNumber: completed, channel: 'MOBILE', level: 'SATISFIED', indicators: INDICATORS }, 'wangfang')).code).toBe('FORBIDDEN');
    expect(refusal(await evaluate({ caseNumber: completed, channel: 'MOBILE', level: 'SATISFIED', indicators: INDICATORS }, 'police-zhangwei')).code).toBe('FORBIDDEN');
    expect(refusal(await evaluate({ caseNumber: completed, channel: 'SMS', level: 'SATISFIED', indicators: INDICATORS })).field).toBe('input.indicators');
    const { case: found } = ok(await stack.graphql(`query($n: ID!) { case(caseNumber: $n) { evaluations { id } } }`, { n: completed }, { as: 'auditor-hejing' }));
    expect(found.evaluations).toEqual([{ id: evaluationId }]);
  });

  it('lets the police answer the task, and the applicant read the reply on the case', async () => {
    const reply = '已对窗口工作人员进行提醒，今后一次性告知所需材料。感谢您的监督。';
    const answer = /* GraphQL */ `mutation($id: ID!, $input: RectificationAnswerInput!) { answerRectification(id: $id, input: $input) { state version reply answeredBy } }`;
    const input = { expectedVersion: 1, rectification: '窗口一次性告知制度重新培训', reply };
    expect(refusal(await stack.graphql(answer, { id: taskId, input }, { as: 'housing-sunli' })).code).toBe('FORBIDDEN');
    expect(refusal(await stack.graphql(answer, { id: taskId, input: { ...input, expectedVersion: 3 } }, { as: 'police-zhangwei' })).code).toBe('VERSION_CONFLICT');
    const answered = ok(await stack.graphql(answer, { id: taskId, input }, { as: 'police-zhangwei' })).answerRectification;
    expect(answered).toMatchObject({ state: 'ANSWERED', version: 2, reply });
    expect(refusal(await stack.graphql(answer, { id: taskId, input: { ...input, expectedVersion: 2 } }, { as: 'police-zhangwei' })).code).toBe('ILLEGAL_TRANSITION');

    const read = ok(await stack.graphql(`query($n: ID!) { case(caseNumber: $n) { evaluation { levelName comment rectification { state reply } } } myEvaluations { id } }`, { n: completed }, { as: 'lijun' }));
    expect(read.case.evaluation).toEqual({ levelName: '不满意', comment: '材料要求没有一次性告知，跑了两趟', rectification: { state: 'ANSWERED', reply } });
    expect(read.myEvaluations.map((evaluation: { id: string }) => evaluation.id)).toContain(evaluationId);
    expect(ok(await stack.graphql('{ myEvaluations { id } }', {}, { as: 'wangfang' })).myEvaluations).toEqual([]);
  });

  it('sets the review aside when the auditor upholds the police’s appeal', async () => {
    const appeal = /* GraphQL */ `mutation($id: ID!) { appealEvaluation(id: $id, reason: "申请人所述跑两趟系其自行往返，非本单位要求") { counted appeal { state } } }`;
    expect(ok(await stack.graphql(appeal, { id: evaluationId }, { as: 'police-zhangwei' })).appealEvaluation).toEqual({ counted: true, appeal: { state: 'PENDING' } });
    expect(refusal(await stack.graphql(appeal, { id: evaluationId }, { as: 'police-zhangwei' })).code).toBe('DUPLICATE');
    const decide = /* GraphQL */ `mutation($id: ID!) { decideEvaluationAppeal(id: $id, uphold: true, decision: "经核实申诉理由成立") { counted appeal { state decision } rectification { state } } }`;
    expect(refusal(await stack.graphql(decide, { id: evaluationId }, { as: 'police-zhangwei' })).code).toBe('FORBIDDEN');
    const decided = ok(await stack.graphql(decide, { id: evaluationId }, { as: 'auditor-hejing' })).decideEvaluationAppeal;
    expect(decided).toEqual({ counted: false, appeal: { state: 'UPHELD', decision: '经核实申诉理由成立' }, rectification: { state: 'CANCELLED' } });
  });

  it('raises SUPERVISION_OVERDUE for a task left unanswered past its due day when the clock runs', async () => {
    const sms = ok(await evaluate({ caseNumber: completed, channel: 'SMS', level: 'VERY_DISSATISFIED', comment: '办理太慢' })).evaluateCase;
    const unanswered = sms.rectification;
    expect(unanswered).toMatchObject({ state: 'OPEN', workingDays: 3 });
    const alertsQuery = /* GraphQL */ `query($n: ID!) { alerts(filter: { caseNumber: $n }, first: 50) { edges { node { check colour message evidence agency { uscc } } } } }`;
    const overdueAlerts = async () =>
      ok(await stack.graphql(alertsQuery, { n: completed }, { as: 'auditor-hejing' })).alerts.edges
        .map((edge: { node: any }) => edge.node)
        .filter((alert: { check: string }) => alert.check === 'SUPERVISION_OVERDUE');

    await stack.supervision.clock.run();
    expect(await overdueAlerts()).toEqual([]);

    // The first day after the due day, China time: the task is now overdue.
    clock.moveTo(Date.parse(`${unanswered.dueOn}T00:00:00+08:00`) + 86_400_000 + 3_600_000);
    await stack.supervision.clock.run();
    const raised = await overdueAlerts();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ colour: 'RED', agency: { uscc: POLICE }, evidence: { rectificationTask: unanswered.id, dueOn: unanswered.dueOn } });
    await stack.supervision.clock.run();
    expect(await overdueAlerts()).toHaveLength(1);

    const { rectificationTasks } = ok(await stack.graphql(`{ rectificationTasks(filter: { states: [OPEN] }) { id overdue } }`, {}, { as: 'police-zhangwei' }));
    expect(rectificationTasks).toContainEqual({ id: unanswered.id, overdue: true });
  });
});
