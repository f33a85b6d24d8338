import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { passwordToken } from '../../idp/client.ts';
import { findUserByUsername } from '../../seeds/identity/principals.ts';
import { HOTEL_GUIDE, PDF, POLICE } from '../support/applications.ts';
import { ACCEPT, completion, DECIDE, ok as answered, PRE_REVIEW, REVIEW, SUBMIT, work } from '../support/caseWork.ts';
import { startStack, type Stack } from '../support/stack.ts';

/**
 * 效能统计 and 全过程再现 through the gateway, over a month of 勉县 police cases generated here: the
 * test walks the days of March 2026 (moving the clock, never sleeping), files applications online,
 * on mobile and at the window, works them on time, late, through a special procedure, or not at all,
 * runs the supervision clock, opens a supervision order and gives evaluations. Then it asks
 * efficiencyFigures for 勉县 (610725) and for 勉县公安局 and compares every figure with its own
 * computation from what it reads through the public graph — the auditor's cases with their deadlines,
 * the working-day calendar, the catalog's guides — following docs/supervision-figures.md, without
 * any supervision code.
 */

const NETWORK_GUIDE = '610725000000TB7250054101'; // 互联网上网服务营业场所信息网络安全审核: M01–M03
const HOTEL_CHANGE_GUIDE = '610725000000TB7250054116'; // 旅馆变更登记备案, 即办件: M01–M03
const REGION = '610725';
const PERIOD = { from: '2026-03-01', to: '2026-03-31' };
const LIJUN = findUserByUsername('lijun')!;

const files = (ids: string[]) => ids.map((materialId) => ({ materialId, fileName: `${materialId}.pdf`, contentType: 'application/pdf', contentBase64: PDF }));
const HOTEL_FILES = files(['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07']);
const THREE_FILES = files(['M01', 'M02', 'M03']);
const LIJUN_PARTY = { kind: 'NATURAL_PERSON', name: '李军', idType: 'CITIZEN_ID', idNumber: LIJUN.idNumber };

/** China wall-clock time (UTC+8) as the instant the whole platform's clock is set to. */
const at = (day: string, time = '09:00') => new Date(`2026-${day}T${time}:00+08:00`);

let stack: Stack;
const tokens = new Map<string, Promise<string>>();

/** Moves every service's clock (they share this process); tokens are signed again on the new day. */
function setDay(day: string, time?: string) {
  vi.setSystemTime(at(day, time));
  tokens.clear();
}

async function gql(query: string, variables: Record<string, unknown>, as?: string) {
  if (as && !tokens.has(as)) tokens.set(as, passwordToken(stack.issuer, as));
  return stack.graphql(query, variables, as ? { token: await tokens.get(as)! } : {});
}

async function ok(query: string, variables: Record<string, unknown>, as?: string) {
  return answered(await gql(query, variables, as));
}

/** A case the test files and works; `version` follows it. */
interface Filed {
  caseNumber: string;
  version: number;
}

async function submit(as: string, implementationCode: string, materials: unknown[], extra: Record<string, unknown> = {}): Promise<Filed> {
  const input = { implementationCode, clientRequestId: `figures-${Math.random().toString(36).slice(2)}`, materials, ...extra };
  const { submitApplication } = await ok(SUBMIT, { input }, as);
  return { caseNumber: submitApplication.caseNumber, version: submitApplication.case.version };
}

const act = (filed: Filed, action: string, input: Record<string, unknown>, as: string) => work(gql, filed, [action, input, as]);

const review = (filed: Filed) => work(gql, filed, ...REVIEW);
const decide = (filed: Filed) => work(gql, filed, DECIDE);
const finish = (filed: Filed) => work(gql, filed, completion({ name: '许可证', number: `勉公字〔2026〕${filed.caseNumber.slice(-3)}号` }));
const accept = (filed: Filed, preReview = true) => work(gql, filed, ...(preReview ? [PRE_REVIEW] : []), ACCEPT);

const EVALUATE = /* GraphQL */ `mutation Evaluate($input: EvaluationInput!) { evaluateCase(input: $input) { id level } }`;
const INDICATORS = { efficiency: 4, guideAccuracy: 5, convenience: 4, operability: 5 };

const FIGURE = 'value numerator denominator formula';
const FIGURES = /* GraphQL */ `
  query Figures($scope: FiguresScope!, $period: PeriodInput!) {
    efficiencyFigures(scope: $scope, period: $period) {
      period { from to }
      casesAccepted casesCompleted
      onTimeRate { ${FIGURE} } averageHandlingWorkingDays { ${FIGURE} } p90HandlingWorkingDays { ${FIGURE} }
      handlingToPromisedRatio { ${FIGURE} } onlineAcceptanceRate { ${FIGURE} }
      alertsByColour { key count } alertsByRule { key count }
      promisedToLegalCompression { ${FIGURE} } immediateShare { ${FIGURE} } averageVisits { ${FIGURE} }
      onlineDepthLevels { key count } evaluationLevels { key count } goodReviewRate { ${FIGURE} }
    }
  }
`;

/** What the test reads of each case as the auditor: public fields only. */
const CASE = /* GraphQL */ `
  query Case($n: ID!) {
    case(caseNumber: $n) {
      caseNumber channel acceptedAt owningAgency { uscc } implementationCode
      records { version action occurredAt }
      deadlines {
        legal { limit { value unit } due finishedOn suspendedDays calendarVersion }
        promised { limit { value unit } due finishedOn suspendedDays calendarVersion }
      }
      alerts { colour ruleCode raisedAt }
    }
  }
`;

// ---- The independent computation: the documented formulas over public data --------------------

interface Deadline {
  limit: { value: number; unit: string };
  due: string | null;
  finishedOn: string | null;
  suspendedDays: number;
  calendarVersion: string;
}
interface CaseView {
  caseNumber: string;
  channel: string;
  acceptedAt: string | null;
  owningAgency: { uscc: string };
  implementationCode: string;
  records: Array<{ version: number; action: string; occurredAt: string }>;
  deadlines: { legal: Deadline | null; promised: Deadline | null };
  alerts: Array<{ colour: string; ruleCode: string; raisedAt: string }>;
}

const chinaDay = (instant: string) => new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const inPeriod = (instant: string | null) => instant !== null && chinaDay(instant) >= PERIOD.from && chinaDay(instant) <= PERIOD.to;
const completedAt = (view: CaseView) => view.records.find((record) => record.action === 'COMPLETE')?.occurredAt ?? null;

/** Working days in (a, b] on one version of the public working-day calendar. */
async function workingDaysBetween(version: string, a: string, b: string): Promise<number> {
  const { workingCalendar } = await ok(`query($v: String) { workingCalendar(version: $v) { years { year offDays workDays } } }`, { v: version });
  const off = new Set<string>(workingCalendar.years.flatMap((year: { offDays: string[] }) => year.offDays));
  const work = new Set<string>(workingCalendar.years.flatMap((year: { workDays: string[] }) => year.workDays));
  let count = 0;
  for (let day = new Date(`${a}T00:00:00Z`); ; ) {
    day = new Date(day.getTime() + 86_400_000);
    const date = day.toISOString().slice(0, 10);
    if (date > b) return count;
    const weekday = day.getUTCDay();
    if (!off.has(date) && (work.has(date) || (weekday >= 1 && weekday <= 5))) count++;
  }
}

const ratio = (numerator: number, denominator: number) => ({ value: denominator === 0 ? null : numerator / denominator, numerator, denominator });

async function expectedCaseFigures(views: CaseView[]) {
  const accepted = views.filter((view) => inPeriod(view.acceptedAt));
  const completed = views.filter((view) => inPeriod(completedAt(view)));
  const promised = completed.filter((view) => view.deadlines.promised?.due);
  const onTime = promised.filter((view) => (view.deadlines.promised!.finishedOn ?? chinaDay(completedAt(view)!)) <= view.deadlines.promised!.due!);
  const handled: Array<{ days: number; promised: Deadline | null }> = [];
  for (const view of completed.filter((candidate) => candidate.acceptedAt !== null)) {
    const deadlines = [view.deadlines.promised, view.deadlines.legal].filter((deadline): deadline is Deadline => deadline !== null);
    const counting = deadlines.find((deadline) => deadline.limit.unit === 'WORKING_DAY') ?? deadlines[0];
    const days = await workingDaysBetween(counting!.calendarVersion, chinaDay(view.acceptedAt!), chinaDay(completedAt(view)!));
    handled.push({ days: Math.max(0, days - counting!.suspendedDays), promised: view.deadlines.promised });
  }
  const sorted = handled.map((item) => item.days).sort((a, b) => a - b);
  const k = Math.ceil(0.9 * sorted.length);
  const withPromise = handled.filter((item) => item.promised?.limit.unit === 'WORKING_DAY');
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    casesAccepted: accepted.length,
    casesCompleted: completed.length,
    onTimeRate: ratio(onTime.length, promised.length),
    onlineAcceptanceRate: ratio(accepted.filter((view) => ['ONLINE', 'MOBILE'].includes(view.channel)).length, accepted.length),
    averageHandlingWorkingDays: ratio(sum(sorted), sorted.length),
    p90HandlingWorkingDays: { value: k === 0 ? null : sorted[k - 1], numerator: k, denominator: sorted.length },
    handlingToPromisedRatio: ratio(sum(withPromise.map((item) => item.days)), sum(withPromise.map((item) => item.promised!.limit.value))),
  };
}

function expectedAlertFigures(views: CaseView[]) {
  const alerts = views.flatMap((view) => view.alerts).filter((alert) => inPeriod(alert.raisedAt));
  const count = (key: (alert: CaseView['alerts'][number]) => string) => {
    const counts = new Map<string, number>();
    for (const alert of alerts) counts.set(key(alert), (counts.get(key(alert)) ?? 0) + 1);
    return counts;
  };
  const colours = count((alert) => alert.colour);
  return {
    alertsByColour: ['YELLOW', 'RED'].map((key) => ({ key, count: colours.get(key) ?? 0 })),
    alertsByRule: [...count((alert) => alert.ruleCode)].map(([key, n]) => ({ key, count: n })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
  };
}

interface GuideView {
  caseKind: string;
  item: { type: string };
  legalTimeLimit: { value: number; unit: string } | null;
  promisedTimeLimit: { value: number; unit: string } | null;
  visits: number;
  onlineDepth: number;
}

async function guidesOf(filter: Record<string, string>): Promise<GuideView[]> {
  const guides: GuideView[] = [];
  let after: string | null = null;
  do {
    const { serviceGuides }: any = await ok(
      `query($filter: ServiceGuideFilter, $after: String) { serviceGuides(filter: $filter, first: 100, after: $after) {
        edges { node { caseKind item { type } legalTimeLimit { value unit } promisedTimeLimit { value unit } visits onlineDepth } }
        pageInfo { hasNextPage endCursor } } }`,
      { filter, after },
    );
    guides.push(...serviceGuides.edges.map((edge: { node: GuideView }) => edge.node));
    after = serviceGuides.pageInfo.hasNextPage ? serviceGuides.pageInfo.endCursor : null;
  } while (after !== null);
  return guides;
}

function expectedGuideFigures(guides: GuideView[]) {
  const licenses = guides.filter((guide) => guide.item.type === 'LICENSE' && guide.legalTimeLimit && guide.promisedTimeLimit && guide.legalTimeLimit.unit === guide.promisedTimeLimit.unit);
  const promised = licenses.reduce((sum, guide) => sum + guide.promisedTimeLimit!.value, 0);
  const legal = licenses.reduce((sum, guide) => sum + guide.legalTimeLimit!.value, 0);
  return {
    promisedToLegalCompression: { value: legal === 0 ? null : 1 - promised / legal, numerator: promised, denominator: legal },
    immediateShare: ratio(guides.filter((guide) => guide.caseKind === 'IMMEDIATE').length, guides.length),
    averageVisits: ratio(guides.reduce((sum, guide) => sum + guide.visits, 0), guides.length),
    onlineDepthLevels: ['I', 'II', 'III', 'IV'].map((key, index) => ({ key, count: guides.filter((guide) => guide.onlineDepth === index + 1).length })),
  };
}

const LEVELS = ['VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED'];
function expectedEvaluationFigures(given: string[]) {
  const good = given.filter((level) => LEVELS.indexOf(level) < 3).length;
  return { evaluationLevels: LEVELS.map((key) => ({ key, count: given.filter((level) => level === key).length })), goodReviewRate: ratio(good, given.length) };
}

/** A Figure as answered, compared with an expected one: value to float precision, the counts exactly. */
function expectFigure(name: string, actual: { value: number | null; numerator: number; denominator: number; formula: string }, expected: { value: number | null | undefined; numerator: number; denominator: number }) {
  expect({ numerator: actual.numerator, denominator: actual.denominator }, name).toEqual({ numerator: expected.numerator, denominator: expected.denominator });
  if (expected.value === null || expected.value === undefined) expect(actual.value, name).toBeNull();
  else expect(actual.value, name).toBeCloseTo(expected.value, 9);
  expect(actual.formula, name).toMatch(/÷|percentile|k-th/);
}

/** The figures from cases, alerts and guides, each compared with the independent computation. */
async function expectCaseAlertAndGuideFigures(figures: any, views: CaseView[], guideViews: GuideView[]) {
  const cases = await expectedCaseFigures(views);
  expect(figures.casesAccepted).toBe(cases.casesAccepted);
  expect(figures.casesCompleted).toBe(cases.casesCompleted);
  for (const name of ['onTimeRate', 'onlineAcceptanceRate', 'averageHandlingWorkingDays', 'p90HandlingWorkingDays', 'handlingToPromisedRatio'] as const) {
    expectFigure(name, figures[name], cases[name]);
  }
  const alerts = expectedAlertFigures(views);
  expect(figures.alertsByColour).toEqual(alerts.alertsByColour);
  expect(figures.alertsByRule).toEqual(alerts.alertsByRule);
  const guides = expectedGuideFigures(guideViews);
  for (const name of ['promisedToLegalCompression', 'immediateShare', 'averageVisits'] as const) expectFigure(name, figures[name], guides[name]);
  expect(figures.onlineDepthLevels).toEqual(guides.onlineDepthLevels);
}

// ---- The month ----------------------------------------------------------------------------------

const filed: Record<'onTime' | 'special' | 'late' | 'open' | 'immediate' | 'unaccepted', Filed> = {} as never;
const evaluationsGiven: string[] = [];

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true, now: at('03-02', '08:30') });
  stack = await startStack();

  // Mon 03-02: three applications, accepted the same morning; a fourth is never acted on.
  setDay('03-02');
  filed.onTime = await submit('lijun', HOTEL_GUIDE, HOTEL_FILES, { formData: { 旅馆名称: '汉江客栈' } });
  filed.special = await submit('lvyuan', HOTEL_GUIDE, HOTEL_FILES, { channel: 'MOBILE', formData: { 旅馆名称: '定军山宾馆' } });
  filed.late = await submit('police-zhangwei', NETWORK_GUIDE, THREE_FILES, { channel: 'WINDOW', applicant: LIJUN_PARTY });
  filed.unaccepted = await submit('lijun', NETWORK_GUIDE, THREE_FILES);
  await accept(filed.onTime);
  await accept(filed.special);
  await accept(filed.late, false);

  // Tue 03-03: review; the second case goes into inspection (检验), whose days do not count.
  setDay('03-03', '10:00');
  await review(filed.onTime);
  await act(filed.special, 'START_STEP', { step: 'REVIEW' }, 'police-liuyang');
  await act(filed.special, 'SUSPEND', { suspension: 'INSPECTION', reason: '消防设施需送检' }, 'police-liuyang');

  // Wed 03-04: a fourth application online, accepted, then left alone; the first is decided.
  setDay('03-04', '10:00');
  filed.open = await submit('lijun', NETWORK_GUIDE, THREE_FILES);
  await accept(filed.open);
  await decide(filed.onTime);

  // Thu 03-05: the first completes on time; the inspection ends.
  setDay('03-05', '10:00');
  await finish(filed.onTime);
  await act(filed.special, 'RESUME', { opinion: '检验合格' }, 'police-liuyang');

  // Fri 03-06: 李军 rates the first case online.
  setDay('03-06', '10:00');
  await ok(EVALUATE, { input: { caseNumber: filed.onTime.caseNumber, channel: 'ONLINE', level: 'VERY_SATISFIED', indicators: INDICATORS } }, 'lijun');
  evaluationsGiven.push('VERY_SATISFIED');

  // Mon 03-09: an immediate case (即办件) at the window, done on the spot; the second case is decided.
  setDay('03-09', '10:00');
  filed.immediate = await submit('police-zhangwei', HOTEL_CHANGE_GUIDE, THREE_FILES, { channel: 'WINDOW', applicant: LIJUN_PARTY });
  await act(filed.immediate, 'ACCEPT', {}, 'police-zhangwei');
  await act(filed.immediate, 'COMPLETE', { result: 'COMPLETED', opinion: '当场办结' }, 'police-zhangwei');
  await act(filed.special, 'COMPLETE_STEP', { opinion: '经审查符合条件' }, 'police-liuyang');
  await act(filed.special, 'START_STEP', { step: 'DECIDE' }, 'police-liuyang');
  await decide(filed.special);

  // Tue 03-10: the second completes.
  setDay('03-10', '10:00');
  await finish(filed.special);

  // Tue 03-17: the window case is past its promised due date (03-16), the open one a day before its own.
  setDay('03-17', '09:00');
  await stack.cases.outbox.drain();
  await stack.supervision.clock.run();
  const { initiateSupervisionOrder: order } = await ok(
    `mutation($input: SupervisionOrderInput!) { initiateSupervisionOrder(input: $input) { id version } }`,
    { input: { caseNumber: filed.late.caseNumber, subject: '超过承诺期限仍未办结，请说明原因并尽快办结', answerWithinWorkingDays: 3 } },
    'auditor-hejing',
  );
  const moveOrder = `mutation($id: ID!, $action: SupervisionOrderAction!, $input: SupervisionOrderActionInput!) { actOnSupervisionOrder(id: $id, action: $action, input: $input) { version state } }`;
  const approved = await ok(moveOrder, { id: order.id, action: 'APPROVE', input: { expectedVersion: order.version, opinion: '同意督办' } }, 'auditor-zhaolei');
  await ok(moveOrder, { id: order.id, action: 'SIGN', input: { expectedVersion: approved.actOnSupervisionOrder.version } }, 'police-zhangwei');

  // Wed 03-18: the window case is finally worked through, late.
  setDay('03-18', '10:00');
  await review(filed.late);
  await decide(filed.late);
  await finish(filed.late);

  // Thu 03-19: the open case is overdue; the late case gets 不满意, the second 满意 on mobile.
  setDay('03-19', '09:00');
  await stack.cases.outbox.drain();
  await stack.supervision.clock.run();
  await ok(EVALUATE, { input: { caseNumber: filed.late.caseNumber, channel: 'ONLINE', level: 'DISSATISFIED', indicators: INDICATORS, comment: '超期一周才办结' } }, 'lijun');
  await ok(EVALUATE, { input: { caseNumber: filed.special.caseNumber, channel: 'MOBILE', level: 'SATISFIED', indicators: INDICATORS } }, 'lvyuan');
  evaluationsGiven.push('DISSATISFIED', 'SATISFIED');

  setDay('03-20', '10:00');
  await stack.cases.outbox.drain();
}, 600_000);

afterAll(async () => {
  await stack?.close();
  vi.useRealTimers();
});

async function caseViews(): Promise<CaseView[]> {
  const views: CaseView[] = [];
  for (const { caseNumber } of Object.values(filed)) views.push((await ok(CASE, { n: caseNumber }, 'auditor-hejing')).case);
  return views;
}

describe('efficiency figures over a generated month of 勉县 cases', () => {
  it('match an independent computation for 勉县 (610725)', async () => {
    const views = await caseViews();
    const { efficiencyFigures: figures } = await ok(FIGURES, { scope: { region: REGION }, period: PERIOD }, 'auditor-hejing');
    expect(figures.period).toEqual(PERIOD);

    await expectCaseAlertAndGuideFigures(figures, views, await guidesOf({ region: REGION }));

    const evaluations = expectedEvaluationFigures(evaluationsGiven);
    expect(figures.evaluationLevels).toEqual(evaluations.evaluationLevels);
    expectFigure('goodReviewRate', figures.goodReviewRate, evaluations.goodReviewRate);
  });

  it('are what the month should give: the numbers behind the independent computation', async () => {
    const { efficiencyFigures: figures } = await ok(FIGURES, { scope: { region: REGION }, period: PERIOD }, 'auditor-hejing');
    // Accepted: on time, special, late, open, immediate; online: on time (ONLINE), special (MOBILE), open.
    expect(figures.casesAccepted).toBe(5);
    expect(figures.onlineAcceptanceRate).toMatchObject({ numerator: 3, denominator: 5 });
    // Completed: on time (3 days), special (6 − 3 suspended), late (12), immediate (0).
    expect(figures.casesCompleted).toBe(4);
    expect(figures.onTimeRate).toMatchObject({ numerator: 2, denominator: 3 });
    expect(figures.averageHandlingWorkingDays).toMatchObject({ numerator: 18, denominator: 4 });
    expect(figures.p90HandlingWorkingDays).toMatchObject({ value: 12 });
    expect(figures.handlingToPromisedRatio).toMatchObject({ numerator: 18, denominator: 30 });
    expect(figures.alertsByColour.find((entry: { key: string }) => entry.key === 'RED').count).toBeGreaterThanOrEqual(2);
    expect(figures.alertsByColour.find((entry: { key: string }) => entry.key === 'YELLOW').count).toBeGreaterThanOrEqual(1);
    expect(figures.goodReviewRate).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('match for the police agency, which its staff may read as well', async () => {
    const views = (await caseViews()).filter((view) => view.owningAgency.uscc === POLICE);
    const { efficiencyFigures: auditor } = await ok(FIGURES, { scope: { agency: POLICE }, period: PERIOD }, 'auditor-hejing');
    const { efficiencyFigures: staff } = await ok(FIGURES, { scope: { agency: POLICE }, period: PERIOD }, 'police-zhangwei');
    expect(staff).toEqual(auditor);
    const cases = await expectedCaseFigures(views);
    expect(auditor.casesAccepted).toBe(cases.casesAccepted);
    expectFigure('averageHandlingWorkingDays', auditor.averageHandlingWorkingDays, cases.averageHandlingWorkingDays);
    expectFigure('onTimeRate', auditor.onTimeRate, cases.onTimeRate);
    const guides = expectedGuideFigures(await guidesOf({ agency: POLICE }));
    for (const name of ['promisedToLegalCompression', 'immediateShare', 'averageVisits'] as const) expectFigure(name, auditor[name], guides[name]);
    expect(auditor.onlineDepthLevels).toEqual(guides.onlineDepthLevels);
  });

  it('match for a basic item, across every guide that implements it', async () => {
    const { serviceGuide } = await ok(`query($c: ID!) { serviceGuide(implementationCode: $c) { item { basicCode } } }`, { c: NETWORK_GUIDE });
    const basicCode: string = serviceGuide.item.basicCode;
    const { serviceItem } = await ok(
      `query($b: ID!) { serviceItem(basicCode: $b) { guides { implementationCode caseKind item { type } legalTimeLimit { value unit } promisedTimeLimit { value unit } visits onlineDepth } } }`,
      { b: basicCode },
    );
    const codes = new Set(serviceItem.guides.map((guide: { implementationCode: string }) => guide.implementationCode));
    const views = (await caseViews()).filter((view) => codes.has(view.implementationCode));
    // The late, the open and the never-accepted case: red and yellow alerts, one on time not.
    expect(views.length).toBe(3);
    const { efficiencyFigures: figures } = await ok(FIGURES, { scope: { basicCode }, period: PERIOD }, 'auditor-hejing');
    await expectCaseAlertAndGuideFigures(figures, views, serviceItem.guides);
  });

  it('give nothing for a month without cases, as nulls rather than zeros', async () => {
    const { efficiencyFigures: figures } = await ok(FIGURES, { scope: { region: REGION }, period: { from: '2026-02-01', to: '2026-02-28' } }, 'auditor-hejing');
    expect(figures).toMatchObject({ casesAccepted: 0, casesCompleted: 0, onTimeRate: { value: null, denominator: 0 }, averageHandlingWorkingDays: { value: null } });
  });

  it('refuse staff outside their agency and bad input, naming the field', async () => {
    const refusal = async (variables: Record<string, unknown>, as: string) => (await gql(FIGURES, variables, as)).body.errors?.[0]?.extensions;
    expect(await refusal({ scope: { region: REGION }, period: PERIOD }, 'police-zhangwei')).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal({ scope: { region: REGION }, period: PERIOD }, 'lijun')).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal({ scope: { region: '61072' }, period: PERIOD }, 'auditor-hejing')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scope.region' });
    expect(await refusal({ scope: { region: REGION, agency: POLICE }, period: PERIOD }, 'auditor-hejing')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scope' });
    expect(await refusal({ scope: { agency: '91610725MA6YX0000X' }, period: PERIOD }, 'auditor-hejing')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scope.agency' });
    expect(await refusal({ scope: { basicCode: '0199999000' }, period: PERIOD }, 'auditor-hejing')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scope.basicCode' });
    expect(await refusal({ scope: { region: REGION }, period: { from: '2026-01-01', to: '2027-01-02' } }, 'auditor-hejing')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.to' });
  });
});

describe('the complete history (全过程再现)', () => {
  const HISTORY = /* GraphQL */ `query($n: ID!) { case(caseNumber: $n) { records { version } history { kind title at actor reference } } }`;

  it('gives the auditor process records, alerts, the supervision order and the evaluation in time order', async () => {
    const { case: late } = await ok(HISTORY, { n: filed.late.caseNumber }, 'auditor-hejing');
    const times = late.history.map((entry: { at: string }) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const kinds = new Set(late.history.map((entry: { kind: string }) => entry.kind));
    for (const kind of ['PROCESS_RECORD', 'ALERT_RAISED', 'SUPERVISION_ORDER', 'EVALUATION', 'RECTIFICATION']) expect(kinds, kind).toContain(kind);
    const records = late.history.filter((entry: { kind: string }) => entry.kind === 'PROCESS_RECORD');
    expect(records.map((entry: { reference: string }) => Number(entry.reference))).toEqual(late.records.map((record: { version: number }) => record.version));
    expect(records[0].title).toMatch(/^申报 · /);
    // The order's three steps sit between the red alert and the late completion.
    const order = late.history.filter((entry: { kind: string }) => entry.kind === 'SUPERVISION_ORDER');
    expect(order).toHaveLength(3);
    const index = (predicate: (entry: { kind: string; title: string }) => boolean) => late.history.findIndex(predicate);
    expect(index((entry) => entry.kind === 'ALERT_RAISED' && entry.title.startsWith('红牌警告'))).toBeLessThan(index((entry) => entry.kind === 'SUPERVISION_ORDER'));
    expect(index((entry) => entry.kind === 'SUPERVISION_ORDER')).toBeLessThan(index((entry) => entry.title.startsWith('办结')));
  });

  it('gives the applicant the records and their own evaluation, and the agency its alerts', async () => {
    const { case: mine } = await ok(HISTORY, { n: filed.late.caseNumber }, 'lijun');
    expect(new Set(mine.history.map((entry: { kind: string }) => entry.kind))).toEqual(new Set(['PROCESS_RECORD', 'EVALUATION', 'RECTIFICATION']));
    const { case: theirs } = await ok(HISTORY, { n: filed.late.caseNumber }, 'police-zhangwei');
    const kinds = new Set(theirs.history.map((entry: { kind: string }) => entry.kind));
    expect(kinds).toContain('ALERT_RAISED');
    expect(kinds).toContain('SUPERVISION_ORDER');
  });
});
