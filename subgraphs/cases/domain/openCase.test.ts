import { describe, expect, it } from 'vitest';
import { openCase } from './openCase.ts';
import type { CaseOpening } from './openCase.ts';
import type { CaseKind } from './states.ts';
import {
  CASE_NUMBER,
  IMPLEMENTATION_CODE,
  OWNER,
  PARTICIPANT,
  STRANGER_AGENCY,
  agentActor,
  applicant,
  baseCase,
  departmentSystem,
  staff,
  stranger,
} from './testSupport.ts';

function opening(kind: CaseKind = 'PROMISED', change: (o: CaseOpening) => void = () => {}): CaseOpening {
  const { caseNumber, name, owningAgency, participatingAgencies, applicant: party, agent, application, promisedLimit } = baseCase(kind);
  const o: CaseOpening = { caseNumber, name, kind, owningAgency, participatingAgencies, applicant: party, agent, application, promisedLimit };
  change(o);
  return o;
}

const bad = (field: string, reason: string) => ({ ok: false, code: 'BAD_USER_INPUT', field, reason: `SUBMIT: ${field} ${reason}` });

describe('opening a case', () => {
  it('starts it in SUBMITTED at version 1 with its first record', () => {
    const opened = openCase(opening(), applicant);
    expect(opened).toMatchObject({
      ok: true,
      snapshot: { caseNumber: CASE_NUMBER, state: 'SUBMITTED', version: 1, kind: 'PROMISED', openSteps: [], result: null },
      record: { version: 1, action: 'SUBMIT', fromState: null, toState: 'SUBMITTED', itemCode: IMPLEMENTATION_CODE, agency: OWNER, occurredAt: '2025-03-03T09:15:00+08:00' },
    });
  });

  it('is for the applicant, their agent, or the owning agency', () => {
    expect(openCase(opening(), agentActor).ok).toBe(true);
    expect(openCase(opening(), staff(['ACCEPT'])).ok).toBe(true);
    expect(openCase(opening(), departmentSystem(), { handler: { id: 'SC0107', name: '刘洋' } })).toMatchObject({ ok: true, record: { channel: 'SOAP' } });
    expect(openCase(opening(), departmentSystem())).toMatchObject({ ok: false, code: 'BAD_USER_INPUT', field: 'handler' });
    expect(openCase(opening(), stranger)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(openCase(opening(), staff(['ACCEPT'], STRANGER_AGENCY))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(openCase(opening(), staff(['REVIEW']))).toEqual({ ok: false, code: 'FORBIDDEN', reason: 'SUBMIT at the window needs the ACCEPT (受理) role' });
  });

  it('refuses a case number that is not one, or not this agency’s, or not this year’s', () => {
    expect(openCase(opening('PROMISED', (o) => void (o.caseNumber = '61072500000000001333910725000001')), applicant)).toEqual(
      bad('caseNumber', "implementation code part: organization code part: check character should be '8'"),
    );
    expect(openCase(opening('PROMISED', (o) => void (o.owningAgency = PARTICIPANT)), applicant)).toEqual(
      bad('owningAgency', `is not the agency of implementation code ${IMPLEMENTATION_CODE}`),
    );
    expect(openCase(opening('PROMISED', (o) => void (o.caseNumber = `${IMPLEMENTATION_CODE}24000001`)), applicant)).toEqual(
      bad('caseNumber', 'year part should be 25, the submission year in China'),
    );
  });

  it('gives a joint case participating agencies and no other kind any', () => {
    expect(openCase(opening('JOINT'), applicant)).toMatchObject({ ok: true, snapshot: { participatingAgencies: [PARTICIPANT] } });
    expect(openCase(opening('JOINT', (o) => void (o.participatingAgencies = [])), applicant)).toEqual(
      bad('participatingAgencies', 'a JOINT case needs at least one participating agency'),
    );
    expect(openCase(opening('JOINT', (o) => void (o.participatingAgencies = [OWNER])), applicant)).toEqual(bad('participatingAgencies[0]', 'is the lead agency'));
    expect(openCase(opening('JOINT', (o) => void (o.participatingAgencies = [PARTICIPANT, PARTICIPANT])), applicant)).toEqual(
      bad('participatingAgencies[1]', 'is listed twice'),
    );
    expect(openCase(opening('PROMISED', (o) => void (o.participatingAgencies = [PARTICIPANT])), applicant)).toEqual(
      bad('participatingAgencies', 'only a JOINT case has participating agencies'),
    );
  });

  it('wants a promise on a promised case and well-formed parties', () => {
    expect(openCase(opening('PROMISED', (o) => void (o.promisedLimit = null)), applicant)).toEqual(
      bad('promisedLimit', 'a PROMISED case (承诺件) needs its promised limit'),
    );
    expect(openCase(opening('IMMEDIATE'), applicant).ok).toBe(true);
    expect(openCase(opening('PROMISED', (o) => void (o.applicant = { ...o.applicant, idNumber: '110105194912310021' })), applicant)).toEqual(
      bad('applicant.idNumber', "check character should be 'X'"),
    );
    expect(openCase(opening('PROMISED', (o) => void (o.application = { ...o.application, submittedAt: '2025-03-03' })), applicant)).toEqual(
      bad('application.submittedAt', 'should be an ISO 8601 timestamp with an offset'),
    );
  });
});
