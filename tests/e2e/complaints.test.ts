import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workingCalendar } from '../../lib/calendar/workingDays.ts';
import { chinaDate } from '../../lib/time.ts';
import { HOTEL_GUIDE, POLICE } from '../support/applications.ts';
import { ok, refusal, sendTo, submitHotelCase } from '../support/caseWork.ts';
import { startStack, type Stack } from '../support/stack.ts';

/**
 * 投诉 through the gateway: 李军 complains online about his own hotel license case; an auditor
 * accepts it and routes it to the police, who answer within COMPLAINT_ANSWER_WORKING_DAYS; the
 * auditor follows up and 李军 confirms he is satisfied, which closes it. An auditor records a phone
 * complaint about the police, whose staff read it with the caller's name and number masked.
 */
const COMPLAINT_FIELDS = `id number channel subjectKind caseNumber agency { uscc } implementationCode complainantName complainantPhone content
  receivedAt state stateName answerDueOn answer answeredAt satisfied overdue version steps { action actionName toState handlerId handlerName opinion }`;
const FILE = /* GraphQL */ `mutation File($input: ComplaintInput!) { fileComplaint(input: $input) { ${COMPLAINT_FIELDS} } }`;
const ACT = /* GraphQL */ `
  mutation Act($id: ID!, $action: ComplaintAction!, $input: ComplaintActionInput!) { actOnComplaint(id: $id, action: $action, input: $input) { ${COMPLAINT_FIELDS} } }
`;
const COMPLAINT = /* GraphQL */ `query Complaint($id: ID!) { complaint(id: $id) { ${COMPLAINT_FIELDS} } }`;
const COMPLAINTS = /* GraphQL */ `query Complaints($filter: ComplaintFilter) { complaints(filter: $filter, first: 100) { id channel complainantName } }`;
const CASE_COMPLAINTS = /* GraphQL */ `query CaseComplaints($caseNumber: ID!) { case(caseNumber: $caseNumber) { complaints { id state } } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => stack?.close());

const file = (input: Record<string, unknown>, as: string) => stack.graphql(FILE, { input }, { as });
const act = (complaint: { id: string; version: number }, action: string, input: Record<string, unknown>, as: string) =>
  stack.graphql(ACT, { id: complaint.id, action, input: { expectedVersion: complaint.version, ...input } }, { as });

describe('an online complaint about the complainant’s own case', () => {
  let caseNumber: string;
  let complaint: any;

  beforeAll(async () => {
    caseNumber = await submitHotelCase(sendTo(stack), 'complaint-e2e');
    await stack.cases.outbox.drain();
  }, 60_000);

  it('is filed by the applicant, to the case’s agency, and refused to someone else', async () => {
    const content = '窗口要求重复提交已提交的材料';
    expect(refusal(await file({ channel: 'ONLINE', subjectKind: 'CASE', caseNumber, content }, 'wangfang'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.caseNumber' });
    complaint = ok(await file({ channel: 'ONLINE', subjectKind: 'CASE', caseNumber, complainantPhone: '13909160002', content }, 'lijun')).fileComplaint;
    expect(complaint).toMatchObject({
      number: expect.stringMatching(new RegExp(`^TS${chinaDate(new Date()).replaceAll('-', '')}\\d{4}$`)),
      channel: 'ONLINE',
      subjectKind: 'CASE',
      caseNumber,
      agency: { uscc: POLICE },
      implementationCode: HOTEL_GUIDE,
      complainantName: '李军',
      complainantPhone: '13909160002',
      content,
      state: 'RECEIVED',
      stateName: '已登记',
      answerDueOn: null,
      satisfied: null,
      overdue: false,
      version: 1,
    });
  });

  it('is accepted and routed to the agency with its answer period', async () => {
    complaint = ok(await act(complaint, 'ACCEPT', {}, 'auditor-hejing')).actOnComplaint;
    complaint = ok(await act(complaint, 'ROUTE', { opinion: '转勉县公安局核实答复' }, 'auditor-hejing')).actOnComplaint;
    expect(complaint).toMatchObject({ state: 'ROUTED', answerDueOn: workingCalendar.addWorkingDays(chinaDate(new Date()), stack.config.complaintAnswerWorkingDays) });
  });

  it('is answered by the agency, which reads the complainant masked', async () => {
    const read = ok(await stack.graphql(COMPLAINT, { id: complaint.id }, { as: 'police-zhangwei' })).complaint;
    expect(read).toMatchObject({ complainantName: '李*', complainantPhone: '139****0002' });
    expect(read.steps[0].handlerName).toBe('李*');
    expect(refusal(await act(complaint, 'ANSWER', { opinion: '已核实' }, 'housing-sunli'))).toMatchObject({ code: 'FORBIDDEN' });
    complaint = ok(await act(complaint, 'ANSWER', { opinion: '已核实，重复要求已撤回并向申请人致歉' }, 'police-zhangwei')).actOnComplaint;
    expect(complaint).toMatchObject({ state: 'ANSWERED', answer: '已核实，重复要求已撤回并向申请人致歉' });
    expect(complaint.answeredAt).not.toBeNull();
  });

  it('is followed up, and closed when the complainant confirms being satisfied', async () => {
    expect(refusal(await act(complaint, 'CONFIRM', { satisfied: true }, 'lijun'))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    complaint = ok(await act(complaint, 'FOLLOW_UP', { opinion: '投诉人已收到答复' }, 'auditor-hejing')).actOnComplaint;
    expect(refusal(await act(complaint, 'CONFIRM', { satisfied: true }, 'auditor-hejing'))).toMatchObject({ code: 'FORBIDDEN' });
    complaint = ok(await act(complaint, 'CONFIRM', { satisfied: true }, 'lijun')).actOnComplaint;
    expect(complaint).toMatchObject({ state: 'CLOSED', stateName: '已办结', satisfied: true, overdue: false, version: 6 });
    expect(complaint.steps.map((step: any) => [step.action, step.toState])).toEqual([
      ['RECEIVE', 'RECEIVED'],
      ['ACCEPT', 'ACCEPTED'],
      ['ROUTE', 'ROUTED'],
      ['ANSWER', 'ANSWERED'],
      ['FOLLOW_UP', 'FOLLOWED_UP'],
      ['CONFIRM', 'CLOSED'],
    ]);
  });

  it('shows on the case to the complainant and the agency, not to another person', async () => {
    expect(ok(await stack.graphql(CASE_COMPLAINTS, { caseNumber }, { as: 'lijun' })).case.complaints).toEqual([{ id: complaint.id, state: 'CLOSED' }]);
    expect(ok(await stack.graphql(CASE_COMPLAINTS, { caseNumber }, { as: 'police-zhangwei' })).case.complaints).toEqual([{ id: complaint.id, state: 'CLOSED' }]);
    expect(ok(await stack.graphql(COMPLAINTS, {}, { as: 'wangfang' })).complaints).toEqual([]);
  });
});

describe('a phone complaint recorded by an auditor', () => {
  it('is about an agency, with the caller named, and masked for the agency’s staff', async () => {
    expect(refusal(await file({ channel: 'PHONE', subjectKind: 'AGENCY', agency: POLICE, complainantName: '欧阳娜娜', complainantPhone: '3221005', content: '电话长期无人接听' }, 'auditor-hejing'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.complainantPhone',
    });
    expect(refusal(await file({ channel: 'PHONE', subjectKind: 'AGENCY', agency: POLICE, complainantName: '欧阳娜娜', content: '电话长期无人接听' }, 'lijun'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.channel',
    });
    const complaint = ok(
      await file({ channel: 'PHONE', subjectKind: 'AGENCY', agency: POLICE, complainantName: '欧阳娜娜', complainantPhone: '0916-3221005', content: '电话长期无人接听' }, 'auditor-hejing'),
    ).fileComplaint;
    expect(complaint).toMatchObject({ channel: 'PHONE', subjectKind: 'AGENCY', caseNumber: null, agency: { uscc: POLICE }, complainantName: '欧阳娜娜', complainantPhone: '0916-3221005', state: 'RECEIVED' });
    const staffList = ok(await stack.graphql(COMPLAINTS, { filter: { channel: 'PHONE' } }, { as: 'police-zhangwei' })).complaints;
    expect(staffList).toContainEqual({ id: complaint.id, channel: 'PHONE', complainantName: '欧***' });
    expect(ok(await stack.graphql(COMPLAINT, { id: complaint.id }, { as: 'police-zhangwei' })).complaint.complainantPhone).toBe('091****1005');
    expect(ok(await stack.graphql(COMPLAINTS, { filter: { channel: 'PHONE' } }, { as: 'housing-sunli' })).complaints).toEqual([]);
  });
});
