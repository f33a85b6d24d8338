import { beforeAll, describe, expect, it } from 'vitest';
import { identityCodes } from '../../../lib/auth/policy.ts';
import type { AlertInput } from '../alerts/types.ts';
import type { ComplaintInput } from '../generated/resolvers-types.ts';
import {
  CHENJIE,
  CODE,
  HEJING,
  HOUSING,
  LIJUN,
  LVYUAN,
  MONDAY,
  POLICE,
  SUNLI,
  WANGFANG,
  ZHANGWEI,
  caseFacts,
  caseNumber,
  counts,
  overdueRunContext,
  refusal,
  resolve,
  supervisionTestBed,
} from '../testSupport.ts';
import { Complaint } from '../resolvers/Complaint.ts';
import { actOnComplaint } from './act.ts';
import { caseComplaintFields, complaintQueries } from './fields.ts';
import { fileComplaint } from './file.ts';
import { complaintStepsOfCases } from './history.ts';
import type { ComplaintModel } from './model.ts';
import { complaintOverdue, overdueComplaints } from './overdue.ts';

const test = supervisionTestBed(
  [caseFacts(1, LIJUN.idNumber!), caseFacts(2, LVYUAN.uscc!, { applicant: { kind: 'LEGAL_PERSON', name: '绿源', idType: 'USCC', idNumber: LVYUAN.uscc! } })],
  MONDAY,
  HEJING,
);
const { clock, as } = test;

const online = (input: Partial<ComplaintInput> = {}, principal = LIJUN) =>
  fileComplaint(as(principal), { channel: 'ONLINE', subjectKind: 'CASE', caseNumber: caseNumber(1), content: '窗口多次要求补交同一材料', ...input });
const byPhone = (input: Partial<ComplaintInput> = {}, principal = HEJING) =>
  fileComplaint(as(principal), { channel: 'PHONE', subjectKind: 'AGENCY', agency: POLICE, complainantName: '欧阳娜娜', complainantPhone: '0916-3221005', content: '电话无人接听', ...input });

async function move(complaint: ComplaintModel, action: Parameters<typeof actOnComplaint>[2], principal: typeof HEJING, input: Record<string, unknown> = {}) {
  return actOnComplaint(as(principal), complaint.id, action, { expectedVersion: complaint.version, ...input });
}

describe('filing a complaint (投诉)', () => {
  it('takes an online complaint from the applicant about their own case, to the case’s agency', async () => {
    const complaint = await online();
    expect(complaint).toMatchObject({
      number: 'TS202603020001',
      channel: 'ONLINE',
      subjectKind: 'CASE',
      caseNumber: caseNumber(1),
      agency: POLICE,
      region: '610725',
      implementationCode: CODE,
      itemType: 'LICENSE',
      complainantSubject: LIJUN.subject,
      complainantCodes: identityCodes(LIJUN),
      complainantName: '李军',
      complainantPhone: null,
      recordedBy: LIJUN.subject,
      receivedAt: MONDAY,
      state: 'RECEIVED',
      answerDueOn: null,
      version: 1,
    });
    expect(await as().loaders.complaintSteps.load(complaint.id)).toEqual([
      { action: 'RECEIVE', actionName: '登记投诉', fromState: null, toState: 'RECEIVED', handlerId: LIJUN.subject, handlerName: '李军', opinion: null, at: MONDAY },
    ]);
  });

  it('takes an agent’s complaint about the case of the company it acts for', async () => {
    expect(await online({ caseNumber: caseNumber(2) }, CHENJIE)).toMatchObject({ agency: POLICE, complainantSubject: CHENJIE.subject, complainantName: '陈杰' });
    expect(await online({ caseNumber: caseNumber(2) }, LVYUAN)).toMatchObject({ complainantCodes: expect.arrayContaining([LVYUAN.uscc]) });
  });

  it('records a phone complaint about an agency and one on site about a guide', async () => {
    expect(await byPhone({ complainantPhone: '139 0916 0001' })).toMatchObject({
      channel: 'PHONE',
      subjectKind: 'AGENCY',
      caseNumber: null,
      agency: POLICE,
      region: '610725',
      implementationCode: null,
      complainantSubject: null,
      complainantCodes: [],
      complainantName: '欧阳娜娜',
      complainantPhone: '13909160001',
      recordedBy: HEJING.subject,
    });
    const onSite = await byPhone({ channel: 'ON_SITE', subjectKind: 'GUIDE', agency: null, implementationCode: CODE, complainantPhone: null });
    expect(onSite).toMatchObject({ channel: 'ON_SITE', subjectKind: 'GUIDE', agency: POLICE, implementationCode: CODE, itemType: 'LICENSE', complainantPhone: null });
  });

  it.each([
    ['about someone else’s case', () => online({}, WANGFANG), { code: 'BAD_USER_INPUT', field: 'input.caseNumber', reason: `no case ${caseNumber(1)} that you applied for` }],
    ['about an unknown case, alike', () => online({ caseNumber: caseNumber(77) }), { code: 'BAD_USER_INPUT', field: 'input.caseNumber', reason: `no case ${caseNumber(77)} that you applied for` }],
    ['with a name given online', () => online({ complainantName: '张三' }), { code: 'BAD_USER_INPUT', field: 'input.complainantName' }],
    ['by phone from a citizen', () => online({ channel: 'PHONE' }), { code: 'BAD_USER_INPUT', field: 'input.channel' }],
    ['online from an auditor', () => byPhone({ channel: 'ONLINE', complainantName: null }), { code: 'BAD_USER_INPUT', field: 'input.channel' }],
    ['from staff', () => online({}, ZHANGWEI), { code: 'FORBIDDEN' }],
    ['by phone without a name', () => byPhone({ complainantName: ' ' }), { code: 'BAD_USER_INPUT', field: 'input.complainantName' }],
    ['with a phone that is no number', () => byPhone({ complainantPhone: '12345' }), { code: 'BAD_USER_INPUT', field: 'input.complainantPhone' }],
    ['with a landline without its area code', () => byPhone({ complainantPhone: '3221005' }), { code: 'BAD_USER_INPUT', field: 'input.complainantPhone' }],
    ['with a mobile of 10 digits', () => byPhone({ complainantPhone: '1390916000' }), { code: 'BAD_USER_INPUT', field: 'input.complainantPhone' }],
    ['about an agency the catalog does not know', () => byPhone({ agency: '11610725TB72500713' }), { code: 'BAD_USER_INPUT', field: 'input.agency' }],
    ['about a malformed agency code', () => byPhone({ agency: 'X' }), { code: 'BAD_USER_INPUT', field: 'input.agency' }],
    ['about an unknown guide', () => byPhone({ subjectKind: 'GUIDE', agency: null, implementationCode: '610725000000TB7250054199' }), { code: 'BAD_USER_INPUT', field: 'input.implementationCode' }],
    ['about a guide, naming an agency too', () => byPhone({ subjectKind: 'GUIDE', implementationCode: CODE }), { code: 'BAD_USER_INPUT', field: 'input.agency' }],
    ['about a case without its number', () => online({ caseNumber: null }), { code: 'BAD_USER_INPUT', field: 'input.caseNumber' }],
    ['with blank content', () => online({ content: ' ' }), { code: 'BAD_USER_INPUT', field: 'input.content' }],
    ['with 2001 characters', () => online({ content: '慢'.repeat(2001) }), { code: 'BAD_USER_INPUT', field: 'input.content' }],
  ])('refuses a complaint %s and stores nothing', async (_name, file, expected) => {
    const before = await counts(test.store);
    expect(await refusal(file())).toMatchObject(expected);
    expect(await counts(test.store)).toEqual(before);
  });
});

describe('a complaint’s life', () => {
  it('is accepted, routed, answered, followed up, sent back once, and closed when the complainant is satisfied', async () => {
    let complaint = await online();
    complaint = await move(complaint, 'ACCEPT', HEJING);
    complaint = await move(complaint, 'ROUTE', HEJING, { opinion: '转勉县公安局办理' });
    // COMPLAINT_ANSWER_WORKING_DAYS (5) after Monday 2 March.
    expect(complaint).toMatchObject({ state: 'ROUTED', answerDueOn: '2026-03-09' });
    clock.set('2026-03-04T02:00:00.000Z');
    complaint = await move(complaint, 'ANSWER', ZHANGWEI, { opinion: '已核实，补正要求已一次性告知' });
    complaint = await move(complaint, 'FOLLOW_UP', HEJING, { opinion: '投诉人认为答复未解决问题' });
    expect(await refusal(move(complaint, 'CONFIRM', HEJING, { satisfied: false }))).toMatchObject({ code: 'FORBIDDEN' });
    complaint = await move(complaint, 'CONFIRM', LIJUN, { satisfied: false, opinion: '仍要求补交' });
    // Routed again: five working days from Wednesday 4 March.
    expect(complaint).toMatchObject({ state: 'ROUTED', satisfied: false, answerDueOn: '2026-03-11', answer: '已核实，补正要求已一次性告知' });
    complaint = await move(complaint, 'ANSWER', ZHANGWEI, { opinion: '已撤回重复要求' });
    complaint = await move(complaint, 'FOLLOW_UP', HEJING, { opinion: '投诉人表示满意' });
    complaint = await move(complaint, 'CONFIRM', LIJUN, { satisfied: true });
    expect(complaint).toMatchObject({ state: 'CLOSED', satisfied: true, answer: '已撤回重复要求', closedAt: '2026-03-04T02:00:00.000Z', version: 9 });
    expect(await resolve(complaintQueries.complaint, {}, { id: complaint.id }, as(LIJUN))).toEqual(complaint);
    const steps = await as().loaders.complaintSteps.load(complaint.id);
    expect(steps.map((step) => `${step.action}:${step.toState}`)).toEqual([
      'RECEIVE:RECEIVED',
      'ACCEPT:ACCEPTED',
      'ROUTE:ROUTED',
      'ANSWER:ANSWERED',
      'FOLLOW_UP:FOLLOWED_UP',
      'CONFIRM:ROUTED',
      'ANSWER:ANSWERED',
      'FOLLOW_UP:FOLLOWED_UP',
      'CONFIRM:CLOSED',
    ]);
  });

  it('refuses another agency’s answer, another person’s confirmation, an illegal move and a stale version, changing nothing', async () => {
    const routed = await move(await move(await online(), 'ACCEPT', HEJING), 'ROUTE', HEJING);
    const before = await counts(test.store);
    expect(await refusal(move(routed, 'ANSWER', SUNLI, { opinion: '答复' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(move(routed, 'CONFIRM', WANGFANG, { satisfied: true }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(move(routed, 'FOLLOW_UP', HEJING, { opinion: '回访' }))).toMatchObject({ code: 'ILLEGAL_TRANSITION', reason: expect.stringContaining('FOLLOW_UP is not allowed from ROUTED') });
    expect(await refusal(move({ ...routed, version: 1 }, 'ANSWER', ZHANGWEI, { opinion: '答复' }))).toMatchObject({ code: 'VERSION_CONFLICT', expected: '3' });
    expect(await refusal(move(routed, 'ANSWER', ZHANGWEI))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.opinion' });
    expect(await counts(test.store)).toEqual(before);
  });

  it('lets an auditor record the confirmation of a phone complaint', async () => {
    let complaint = await byPhone();
    for (const [action, principal, input] of [
      ['ACCEPT', HEJING, {}],
      ['ROUTE', HEJING, {}],
      ['ANSWER', ZHANGWEI, { opinion: '已安排专人接听' }],
      ['FOLLOW_UP', HEJING, { opinion: '电话回访，投诉人满意' }],
      ['CONFIRM', HEJING, { satisfied: true }],
    ] as const) {
      complaint = await move(complaint, action, principal, input);
    }
    expect(complaint.state).toBe('CLOSED');
  });
});

describe('reading complaints', () => {
  let mine: ComplaintModel;
  let phone: ComplaintModel;
  beforeAll(async () => {
    mine = await fileComplaint(as(LIJUN), { channel: 'ONLINE', subjectKind: 'CASE', caseNumber: caseNumber(1), complainantPhone: '13909160002', content: '读取测试' });
    phone = await fileComplaint(as(HEJING), { channel: 'PHONE', subjectKind: 'AGENCY', agency: POLICE, complainantName: '欧阳娜娜', complainantPhone: '0916-3221005', content: '读取测试' });
  });
  const field = async (name: 'complainantName' | 'complainantPhone', complaint: ComplaintModel, principal: typeof HEJING) => resolve<unknown, string | null>(Complaint[name], complaint, {}, as(principal));

  it('masks the complainant for the agency, not for auditors or the complainant', async () => {
    expect(await field('complainantName', mine, ZHANGWEI)).toBe('李*');
    expect(await field('complainantPhone', mine, ZHANGWEI)).toBe('139****0002');
    expect(await field('complainantName', phone, ZHANGWEI)).toBe('欧***');
    expect(await field('complainantPhone', phone, ZHANGWEI)).toBe('091****1005');
    expect(await field('complainantName', mine, LIJUN)).toBe('李军');
    expect(await field('complainantPhone', mine, LIJUN)).toBe('13909160002');
    expect(await field('complainantName', phone, HEJING)).toBe('欧阳娜娜');
    const steps = await resolve<unknown, Array<{ handlerName: string | null }>>(Complaint.steps, mine, {}, as(ZHANGWEI));
    expect(steps[0]!.handlerName).toBe('李*');
  });

  const list = (principal: typeof HEJING, filter: Record<string, unknown> | null = null) =>
    resolve<unknown, ComplaintModel[]>(complaintQueries.complaints, {}, { filter, first: 100 }, as(principal));

  it('lists a person’s own, the agency’s, and all for auditors', async () => {
    const ids = (complaints: ComplaintModel[]) => complaints.map((complaint) => complaint.id);
    expect(ids(await list(LIJUN))).toContain(mine.id);
    expect((await list(LIJUN)).every((complaint) => complaint.complainantCodes.includes(LIJUN.subject))).toBe(true);
    expect(ids(await list(WANGFANG))).toEqual([]);
    expect(ids(await list(ZHANGWEI))).toEqual(expect.arrayContaining([mine.id, phone.id]));
    expect(await list(SUNLI)).toEqual([]);
    expect(ids(await list(HEJING, { channel: 'PHONE', states: ['RECEIVED'] }))).toContain(phone.id);
    expect(ids(await list(HEJING, { channel: 'PHONE' }))).not.toContain(mine.id);
    expect(await refusal(list(SUNLI, { agency: POLICE }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(list(LIJUN, { agency: POLICE }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.agency' });
    expect(await refusal(resolve(complaintQueries.complaint, {}, { id: mine.id }, as(WANGFANG)))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(resolve(complaintQueries.complaint, {}, { id: phone.id }, as(LIJUN)))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('logs every complainant an auditor reads, and nothing for masked or own reads', async () => {
    const reads = async () =>
      (await test.store.query<{ resource_id: string; fields: string[]; actor_subject: string }>("SELECT resource_id, fields, actor_subject FROM access_log WHERE action = 'READ' AND resource_type = 'complaint' ORDER BY sequence")).rows;
    const before = (await reads()).length;
    await resolve(complaintQueries.complaint, {}, { id: mine.id }, as(ZHANGWEI));
    await resolve(complaintQueries.complaint, {}, { id: mine.id }, as(LIJUN));
    expect(await reads()).toHaveLength(before);
    await resolve(complaintQueries.complaint, {}, { id: phone.id }, as(HEJING));
    expect((await reads()).slice(before)).toEqual([{ resource_id: phone.id, fields: ['complainantName', 'complainantPhone'], actor_subject: HEJING.subject }]);
    const listed = await list(HEJING, { channel: 'ONLINE' });
    expect((await reads()).length).toBe(before + 1 + listed.length);
  });

  it('logs the complainants of many cases’ Case.complaints in one access-log write', async () => {
    const onCases = async (numbers: string[]) => {
      const context = as(HEJING);
      const before = test.store.stats.statements;
      const lists = await Promise.all(numbers.map((number) => resolve<unknown, ComplaintModel[]>(caseComplaintFields.complaints, { caseNumber: number }, {}, context)));
      return { statements: test.store.stats.statements - before, complaints: lists.flat().length };
    };
    const one = await onCases([caseNumber(1)]);
    const two = await onCases([caseNumber(1), caseNumber(2)]);
    expect(two.complaints).toBeGreaterThan(one.complaints);
    expect(two.statements).toBe(one.statements);
  });

  it('shows Case.complaints to auditors, the agency and the complainant, none to others', async () => {
    const onCase = (principal: typeof HEJING) => resolve<unknown, ComplaintModel[]>(caseComplaintFields.complaints, { caseNumber: caseNumber(1) }, {}, as(principal));
    const all = await onCase(HEJING);
    expect(all.map((complaint) => complaint.id)).toContain(mine.id);
    expect(await onCase(ZHANGWEI)).toEqual(all);
    expect((await onCase(LIJUN)).every((complaint) => complaint.complainantSubject === LIJUN.subject)).toBe(true);
    expect(await onCase(WANGFANG)).toEqual([]);
    expect(await onCase(SUNLI)).toEqual([]);
  });

  it('gives the history its steps with the complainant’s codes, never the complainant’s name', async () => {
    const events = (await complaintStepsOfCases(test.store, [caseNumber(1)])).get(caseNumber(1))!.filter((event) => event.entry.reference === mine.id);
    expect(events).toEqual([
      {
        entry: { at: MONDAY, kind: 'COMPLAINT', title: `投诉 ${mine.number} · 登记投诉 · 投诉人`, actor: LIJUN.subject, reference: mine.id, detail: null },
        agency: POLICE,
        owners: identityCodes(LIJUN),
      },
    ]);
  });
});

describe('overdue complaints', () => {
  const raised: AlertInput[] = [];
  const clockContext = (today: string) => overdueRunContext(test.store, raised, today);

  it('raises once per answer period for a complaint the agency leaves unanswered', async () => {
    await test.store.query("UPDATE complaint SET overdue_alerted = true WHERE state = 'ROUTED'");
    let complaint = await move(await move(await byPhone(), 'ACCEPT', HEJING), 'ROUTE', HEJING);
    expect(complaint.answerDueOn).toBe('2026-03-09');
    expect(await overdueComplaints(clockContext('2026-03-09'))).toEqual({ examined: 0, raised: 0 });
    expect(await overdueComplaints(clockContext('2026-03-10'))).toEqual({ examined: 1, raised: 1 });
    expect(raised.at(-1)).toMatchObject({
      check: 'SUPERVISION_OVERDUE',
      subject: { kind: 'COMPLAINT', id: complaint.id },
      caseNumber: null,
      target: { agency: POLICE, region: '610725', implementationCode: null, itemType: null },
      occasion: 'due:2026-03-09',
      message: `投诉件 ${complaint.number} 已超过答复期限 2026-03-09，被投诉单位尚未答复`,
      evidence: { complaintNumber: complaint.number, dueOn: '2026-03-09' },
    });
    expect(await overdueComplaints(clockContext('2026-03-11'))).toEqual({ examined: 0, raised: 0 });
    expect(complaintOverdue(complaint, '2026-03-10')).toBe(true);

    // Answered late, followed up, and sent back: a new period, watched anew.
    clock.set('2026-03-10T02:00:00.000Z');
    complaint = await move(complaint, 'ANSWER', ZHANGWEI, { opinion: '迟复' });
    expect(complaintOverdue(complaint, '2026-03-20')).toBe(true);
    complaint = await move(complaint, 'FOLLOW_UP', HEJING, { opinion: '不满意' });
    complaint = await move(complaint, 'CONFIRM', HEJING, { satisfied: false });
    expect(complaint.answerDueOn).toBe('2026-03-17');
    expect(await overdueComplaints(clockContext('2026-03-18'))).toEqual({ examined: 1, raised: 1 });
    expect(raised.at(-1)).toMatchObject({ subject: { id: complaint.id }, occasion: 'due:2026-03-17' });
  });
});
