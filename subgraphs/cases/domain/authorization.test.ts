import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../lib/auth/principal.ts';
import { actorFromPrincipal } from './actor.ts';
import { applyTransition } from './applyTransition.ts';
import type { CaseSnapshot } from './processRecord.ts';
import {
  APPLICANT_ID,
  CASE_NUMBER,
  OWNER,
  PARTICIPANT,
  STRANGER_AGENCY,
  agentActor,
  applicant,
  at,
  caseIn,
  deepFreeze,
  departmentSystem,
  scheduler,
  staff,
  stranger,
} from './testSupport.ts';

const forbidden = (reason: string) => ({ ok: false, code: 'FORBIDDEN', reason });

function jointIn(state: Parameters<typeof caseIn>[0], change: (snapshot: CaseSnapshot) => void = () => {}): CaseSnapshot {
  const snapshot = caseIn(state, 'JOINT');
  snapshot.openSteps = [];
  change(snapshot);
  return deepFreeze(snapshot);
}

describe('who may drive a case', () => {
  it('refuses staff of another agency, without telling them where the case is', () => {
    for (const state of ['SUBMITTED', 'COMPLETED'] as const) {
      expect(applyTransition(caseIn(state), 'ACCEPT', staff(['ACCEPT'], STRANGER_AGENCY), at())).toEqual(
        forbidden(`ACCEPT on case ${CASE_NUMBER} is for staff or the departmental system of agency ${OWNER}`),
      );
    }
  });

  it('refuses staff without the role the action needs', () => {
    expect(applyTransition(caseIn('SUBMITTED'), 'ACCEPT', staff(['REVIEW', 'APPROVE']), at())).toEqual(
      forbidden('ACCEPT needs the ACCEPT (受理) role'),
    );
    expect(applyTransition(caseIn('IN_PROCESS'), 'DECIDE', staff(['ACCEPT', 'REVIEW']), at({ decision: 'APPROVE', opinion: '准予' }))).toEqual(
      forbidden('DECIDE on step DECIDE needs the APPROVE (审批) role'),
    );
    expect(applyTransition(caseIn('SUBMITTED'), 'COMPLETE', staff(['ACCEPT']), at({ result: 'VOIDED', reason: '重复申报' }))).toEqual(
      forbidden('COMPLETE with VOIDED needs the APPROVE (审批) role'),
    );
  });

  it('asks for the role of the step concerned', () => {
    const accepted = caseIn('ACCEPTED');
    expect(applyTransition(accepted, 'START_STEP', staff(['REVIEW']), at({ step: 'REVIEW' })).ok).toBe(true);
    expect(applyTransition(accepted, 'START_STEP', staff(['REVIEW']), at({ step: 'VERIFY' })).ok).toBe(true);
    expect(applyTransition(accepted, 'START_STEP', staff(['REVIEW']), at({ step: 'DECIDE' }))).toEqual(
      forbidden('START_STEP on step DECIDE needs the APPROVE (审批) role'),
    );
    expect(applyTransition(accepted, 'START_STEP', staff(['APPROVE']), at({ step: 'REVIEW' }))).toEqual(
      forbidden('START_STEP on step REVIEW needs the REVIEW (审核) role'),
    );
    // The open step of the fixture is a REVIEW step: suspending it is a reviewer's call.
    expect(applyTransition(caseIn('IN_PROCESS'), 'SUSPEND', staff(['APPROVE']), at({ suspension: 'HEARING', reason: '依申请听证' }))).toEqual(
      forbidden('SUSPEND on step REVIEW needs the REVIEW (审核) role'),
    );
    expect(applyTransition(caseIn('SUSPENDED'), 'RESUME', staff(['REVIEW']), at({ opinion: '评审通过' })).ok).toBe(true);
  });

  it('leaves withdrawal to the applicant or the agent on the case', () => {
    const snapshot = caseIn('IN_PROCESS');
    expect(applyTransition(snapshot, 'WITHDRAW', applicant, at()).ok).toBe(true);
    expect(applyTransition(snapshot, 'WITHDRAW', agentActor, at()).ok).toBe(true);
    const notTheirs = forbidden(`WITHDRAW on case ${CASE_NUMBER} is for the applicant or the agent on the case`);
    expect(applyTransition(snapshot, 'WITHDRAW', stranger, at())).toEqual(notTheirs);
    expect(applyTransition(snapshot, 'WITHDRAW', staff(), at({ reason: '申请人口头撤回' }))).toEqual(notTheirs);
    expect(applyTransition(snapshot, 'WITHDRAW', departmentSystem(), at({ handler: { id: 'A01', name: '王明' } }))).toEqual(notTheirs);
  });

  it('recognises a legal person by its USCC whoever logs in', () => {
    const company = caseIn('IN_PROCESS');
    company.applicant = { kind: 'LEGAL_PERSON', name: '某某食品有限公司', idType: 'USCC', idNumber: STRANGER_AGENCY };
    company.agent = null;
    const employee = { kind: 'LEGAL_PERSON' as const, agency: null, roles: [], subject: 'company-operator-7', identities: [STRANGER_AGENCY] };
    expect(applyTransition(company, 'WITHDRAW', employee, at()).ok).toBe(true);
  });

  it('takes corrections from the applicant online or at the window', () => {
    const snapshot = caseIn('CORRECTION_REQUESTED');
    const supplied = at({ materials: ['法定代表人身份证复印件'] });
    expect(applyTransition(snapshot, 'SUBMIT_CORRECTION', applicant, supplied)).toMatchObject({ ok: true, record: { channel: 'ONLINE' } });
    expect(applyTransition(snapshot, 'SUBMIT_CORRECTION', staff(['ACCEPT']), supplied)).toMatchObject({ ok: true, record: { channel: 'WINDOW' } });
    expect(applyTransition(snapshot, 'SUBMIT_CORRECTION', staff(['REVIEW']), supplied)).toEqual(forbidden('SUBMIT_CORRECTION needs the ACCEPT (受理) role'));
    expect(applyTransition(snapshot, 'SUBMIT_CORRECTION', stranger, supplied)).toEqual(
      forbidden(`SUBMIT_CORRECTION on case ${CASE_NUMBER} is for the applicant or the agent on the case or staff or the departmental system of agency ${OWNER}`),
    );
  });

  it("leaves the correction timeout to Tongban's scheduler", () => {
    const snapshot = caseIn('CORRECTION_REQUESTED');
    expect(applyTransition(snapshot, 'CORRECTION_TIMEOUT', scheduler, at())).toMatchObject({ ok: true, next: { result: { kind: 'CORRECTION_TIMEOUT' } } });
    const schedulerOnly = forbidden(`CORRECTION_TIMEOUT on case ${CASE_NUMBER} is for Tongban's scheduler`);
    expect(applyTransition(snapshot, 'CORRECTION_TIMEOUT', staff(), at())).toEqual(schedulerOnly);
    expect(applyTransition(snapshot, 'CORRECTION_TIMEOUT', applicant, at())).toEqual(schedulerOnly);
    expect(applyTransition(caseIn('SUBMITTED'), 'ACCEPT', scheduler, at())).toEqual(
      forbidden(`ACCEPT on case ${CASE_NUMBER} is for staff or the departmental system of agency ${OWNER}`),
    );
    expect(applyTransition(caseIn('SUBMITTED'), 'ACCEPT', applicant, at()).ok).toBe(false);
  });

  it("lets the agency's departmental system stand in for its staff, naming the handler", () => {
    const pushed = applyTransition(caseIn('SUBMITTED'), 'ACCEPT', departmentSystem(), at({ handler: { id: 'SC0107', name: '刘洋' }, office: '行政审批科' }));
    expect(pushed).toMatchObject({
      ok: true,
      record: { channel: 'SOAP', handlerId: 'SC0107', handlerName: '刘洋', office: '行政审批科', actorKind: 'DEPARTMENT_SYSTEM', actorSubject: 'client:shaanxi-market-regulation', agency: OWNER },
    });
    expect(applyTransition(caseIn('SUBMITTED'), 'ACCEPT', departmentSystem(), at())).toEqual({
      ok: false,
      code: 'BAD_USER_INPUT',
      reason: 'ACCEPT: a departmental system must name the handler (办理人员) it acts for',
      field: 'handler',
    });
    expect(applyTransition(caseIn('SUBMITTED'), 'ACCEPT', departmentSystem(STRANGER_AGENCY), at({ handler: { id: 'X', name: null } })).ok).toBe(false);
  });
});

describe('a joint case (联办件)', () => {
  const participantStaff = staff(['ACCEPT', 'REVIEW', 'APPROVE'], PARTICIPANT);

  it('lets a participating agency work its own steps, in parallel with the lead', () => {
    const leadReviewing = jointIn('IN_PROCESS', (s) => {
      s.openSteps = [{ step: 'REVIEW', agency: OWNER, handlerId: 'lead', startedAt: '2025-03-05T09:00:00+08:00' }];
    });
    const started = applyTransition(leadReviewing, 'START_STEP', participantStaff, at({ step: 'REVIEW' }));
    if (!started.ok) throw new Error(started.reason);
    expect(started.next.openSteps.map((open) => open.agency)).toEqual([OWNER, PARTICIPANT]);
    expect(started.record.agency).toBe(PARTICIPANT);

    const completed = applyTransition(started.next, 'COMPLETE_STEP', participantStaff, at({ opinion: '消防条件符合' }));
    if (!completed.ok) throw new Error(completed.reason);
    expect(completed.next.openSteps).toEqual([{ step: 'REVIEW', agency: OWNER, handlerId: 'lead', startedAt: '2025-03-05T09:00:00+08:00' }]);
    expect(completed.next.completedSteps).toContainEqual(expect.objectContaining({ step: 'REVIEW', agency: PARTICIPANT, passed: true }));
  });

  it('keeps acceptance, decision and completion with the lead agency', () => {
    const reason = `on joint case ${CASE_NUMBER} is for the lead agency ${OWNER}; a participating agency takes only its own steps`;
    expect(applyTransition(jointIn('SUBMITTED'), 'ACCEPT', participantStaff, at())).toEqual(forbidden(`ACCEPT ${reason}`));
    expect(applyTransition(jointIn('IN_PROCESS'), 'DECIDE', participantStaff, at({ decision: 'APPROVE', opinion: '同意' }))).toEqual(
      forbidden(`DECIDE ${reason}`),
    );
    expect(applyTransition(jointIn('IN_PROCESS'), 'START_STEP', participantStaff, at({ step: 'DECIDE' }))).toEqual(
      forbidden(`START_STEP DECIDE on a joint case is for the lead agency ${OWNER}`),
    );
  });

  it('does not admit a participating agency to a case of another kind', () => {
    const promised = caseIn('IN_PROCESS');
    promised.participatingAgencies = [PARTICIPANT];
    expect(applyTransition(promised, 'START_STEP', participantStaff, at({ step: 'REVIEW' }))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it("resumes a participant's suspension by that participant or the lead, no one else", () => {
    const third = '91610000MA6TG1234X';
    const suspended = jointIn('SUSPENDED', (s) => {
      s.participatingAgencies = [PARTICIPANT, third];
      s.openSteps = [{ step: 'REVIEW', agency: PARTICIPANT, handlerId: 'p', startedAt: '2025-03-05T09:00:00+08:00' }];
      s.suspension = { kind: 'TESTING', reason: '送检', since: '2025-03-06T09:00:00+08:00', agency: PARTICIPANT, step: 'REVIEW' };
    });
    expect(applyTransition(suspended, 'RESUME', participantStaff, at({ opinion: '检测合格' })).ok).toBe(true);
    expect(applyTransition(suspended, 'RESUME', staff(['REVIEW']), at({ opinion: '检测合格' })).ok).toBe(true);
    expect(applyTransition(suspended, 'RESUME', staff(['REVIEW'], third), at({ opinion: '检测合格' }))).toEqual(
      forbidden(`RESUME on this case is for agency ${PARTICIPANT}, whose step is suspended, or the lead agency`),
    );
  });

  it('is decided only once every participating agency has completed a step', () => {
    const silent = jointIn('IN_PROCESS');
    expect(applyTransition(silent, 'DECIDE', staff(), at({ decision: 'APPROVE', opinion: '同意' }))).toEqual({
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      reason: `DECIDE is not allowed from IN_PROCESS: participating agency ${PARTICIPANT} has not completed a step of this joint case`,
    });
    const heard = jointIn('IN_PROCESS', (s) => {
      s.completedSteps = [{ step: 'REVIEW', agency: PARTICIPANT, handlerId: 'p', passed: true, completedAt: '2025-03-07T09:00:00+08:00' }];
    });
    expect(applyTransition(heard, 'DECIDE', staff(), at({ decision: 'APPROVE', opinion: '同意' })).ok).toBe(true);
  });
});

describe('actors from principals', () => {
  const principal = (overrides: Partial<Principal>): Principal => ({
    subject: 'u1',
    kind: 'NATURAL_PERSON',
    name: '张强',
    idNumber: null,
    uscc: null,
    agency: null,
    roles: [],
    realNameLevel: 3,
    actingFor: null,
    clientId: 'portal',
    ...overrides,
  });

  it('carry the identities an agent acts with and for', () => {
    const agent = actorFromPrincipal(
      principal({ idNumber: '610725198503150023', actingFor: { kind: 'NATURAL_PERSON', code: APPLICANT_ID, name: '李华' } }),
    );
    expect(agent).toMatchObject({ kind: 'NATURAL_PERSON', identities: ['610725198503150023', APPLICANT_ID] });
    expect(applyTransition(caseIn('SUBMITTED'), 'WITHDRAW', agent!, at()).ok).toBe(true);
  });

  it('carry staff agency and roles, and leave out those who never drive a case', () => {
    expect(actorFromPrincipal(principal({ kind: 'STAFF', agency: OWNER, roles: ['ACCEPT'] }))).toMatchObject({ kind: 'STAFF', agency: OWNER, roles: ['ACCEPT'] });
    expect(actorFromPrincipal(principal({ kind: 'AUDITOR' }))).toBeNull();
    expect(actorFromPrincipal(principal({ kind: 'ANONYMOUS' }))).toBeNull();
  });
});
