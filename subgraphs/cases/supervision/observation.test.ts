import { describe, expect, it } from 'vitest';
import { CALENDAR_DATA } from '../../../lib/calendar/holidays.ts';
import { workingCalendar } from '../../../lib/calendar/workingDays.ts';
import { deadlineFacts, deadlineTerms } from '../actions/deadlineFacts.ts';
import type { GuideTerms } from '../datasources/catalog.ts';
import { computeDeadlines, type StoredDeadlines } from '../deadlines/index.ts';
import type { Action } from '../domain/actions.ts';
import type { Actor } from '../domain/actor.ts';
import { applyTransition } from '../domain/applyTransition.ts';
import type { TransitionInput } from '../domain/input.ts';
import { openCase } from '../domain/openCase.ts';
import type { CaseSnapshot, ProcessRecord } from '../domain/processRecord.ts';
import { applicant, baseCase, CASE_NUMBER, IMPLEMENTATION_CODE, OWNER, staff, SUBMITTED_AT } from '../domain/testSupport.ts';
import { NO_RECORD_DETAILS } from '../../supervision/alerts/testSupport.ts';
import { caseObservation, observationKey, UNKNOWN_FEE } from './observation.ts';

const GUIDE: GuideTerms = {
  implementationCode: IMPLEMENTATION_CODE,
  name: '食品经营许可（新办）',
  version: 3,
  status: 'ACTIVE',
  agency: OWNER,
  agencyName: '勉县市场监督管理局',
  itemType: 'LICENSE',
  caseKind: 'PROMISED',
  jointAgencies: [],
  legalLimit: { value: 20, unit: 'WORKING_DAY' },
  promisedLimit: { value: 10, unit: 'WORKING_DAY' },
  // In the catalog's process order; 受理 is not a step of a case.
  stepLimits: { ACCEPT: { value: 1, unit: 'WORKING_DAY' }, REVIEW: { value: 3, unit: 'WORKING_DAY' }, DECIDE: { value: 2, unit: 'WORKING_DAY' } },
  materials: [
    { id: 'M01', name: '营业执照复印件', requirement: 'REQUIRED', deferrable: false },
    { id: 'M02', name: '经营场所平面图', requirement: 'REQUIRED', deferrable: false },
    { id: 'M03', name: '法定代表人身份证复印件', requirement: 'REQUIRED', deferrable: true },
    { id: 'M04', name: '委托书', requirement: 'CONDITIONAL', deferrable: false },
  ],
  resultName: '食品经营许可证',
  publishResults: true,
  fee: { charged: true, maxAmountYuan: 50 },
};

const t = (day: number, hour = 10) => `2025-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;
const clerk = staff();

/** A case's writes as commitTransition makes them: each transition with the due dates recomputed. */
function history(steps: Array<[Action, Actor, TransitionInput]>, guide: GuideTerms = GUIDE) {
  const { caseNumber, name, kind, owningAgency, participatingAgencies, applicant: party, agent, application, promisedLimit } = baseCase();
  const opened = openCase({ caseNumber, name, kind, owningAgency, participatingAgencies, applicant: party, agent, application, promisedLimit }, applicant);
  if (!opened.ok) throw new Error(opened.reason);
  const writes: Array<{ snapshot: CaseSnapshot; record: ProcessRecord; deadlines: StoredDeadlines | null }> = [{ snapshot: opened.snapshot, record: opened.record, deadlines: null }];
  for (const [action, actor, input] of steps) {
    const before = writes.at(-1)!;
    const outcome = applyTransition(before.snapshot, action, actor, input);
    if (!outcome.ok) throw new Error(`${action}: ${outcome.reason}`);
    const records = [...writes.map((write) => write.record), outcome.record];
    const deadlines = computeDeadlines(deadlineTerms(guide), deadlineFacts(outcome.next, records), workingCalendar, before.deadlines);
    writes.push({ snapshot: outcome.next, record: outcome.record, deadlines });
  }
  return writes.map((write) => {
    const acceptedAt = writes.find((earlier) => earlier.record.action === 'ACCEPT' && earlier.record.version <= write.record.version)?.record.occurredAt ?? null;
    return caseObservation({ guideTerms: guide, ...write, recordedAt: '2025-03-20T00:00:00.000Z', acceptedAt });
  });
}

describe('the observation supervision gets of a case write', () => {
  it('of the submission: the case as filed, record version 1 SUBMIT, the guide terms, no deadlines', () => {
    const [submission] = history([]);
    expect(submission).toEqual({
      kind: 'CASE',
      case: {
        caseNumber: CASE_NUMBER,
        name: '食品经营许可（新办）',
        kind: 'PROMISED',
        state: 'SUBMITTED',
        implementationCode: IMPLEMENTATION_CODE,
        agency: OWNER,
        participatingAgencies: [],
        region: '610725',
        channel: 'ONLINE',
        applicant: { kind: 'NATURAL_PERSON', name: '李华', idType: 'CITIZEN_ID', idNumber: '11010519491231002X' },
        agent: { kind: 'NATURAL_PERSON', name: '张强', idType: 'CITIZEN_ID', idNumber: '610725198503150023' },
        submittedAt: SUBMITTED_AT,
        acceptedAt: null,
        materialIds: ['M01', 'M02'],
        deferredMaterials: ['法定代表人身份证复印件'],
        completedSteps: [],
        decision: null,
        result: null,
        deadlines: null,
      },
      record: {
        version: 1,
        action: 'SUBMIT',
        fromState: null,
        toState: 'SUBMITTED',
        occurredAt: SUBMITTED_AT,
        recordedAt: '2025-03-20T00:00:00.000Z',
        actorKind: 'NATURAL_PERSON',
        handlerId: 'citizen-1',
        handlerName: '李华',
        channel: 'ONLINE',
        ...NO_RECORD_DETAILS,
      },
      guide: {
        implementationCode: IMPLEMENTATION_CODE,
        name: '食品经营许可（新办）',
        version: 3,
        itemType: 'LICENSE',
        caseKind: 'PROMISED',
        legalLimit: { value: 20, unit: 'WORKING_DAY' },
        promisedLimit: { value: 10, unit: 'WORKING_DAY' },
        steps: ['REVIEW', 'DECIDE'],
        materials: GUIDE.materials,
        fee: { charged: true, maxAmountYuan: 50 },
      },
    });
    expect(observationKey(CASE_NUMBER, 1)).toBe(`${CASE_NUMBER}:1`);
  });

  it('of an acceptance: the acceptance time, the fee charged, and the due dates on the working-day calendar', () => {
    const [, acceptance] = history([['ACCEPT', clerk, { occurredAt: t(4), opinion: '材料齐全，予以受理', feeYuan: '50' }]]);
    expect(acceptance!.case).toMatchObject({ state: 'ACCEPTED', acceptedAt: t(4) });
    expect(acceptance!.record).toMatchObject({ version: 2, action: 'ACCEPT', fromState: 'SUBMITTED', toState: 'ACCEPTED', actorKind: 'STAFF', channel: 'WINDOW', opinion: '材料齐全，予以受理', feeYuan: 50 });
    // Accepted Tue 03-04: ten working days end Tue 03-18, twenty Tue 04-01 (no holiday in between).
    expect(acceptance!.case.deadlines).toEqual({
      legal: { limit: { value: 20, unit: 'WORKING_DAY' }, startedOn: '2025-03-04', due: '2025-04-01', finishedOn: null, suspendedDays: 0, calendarVersion: CALENDAR_DATA.version },
      promised: { limit: { value: 10, unit: 'WORKING_DAY' }, startedOn: '2025-03-04', due: '2025-03-18', finishedOn: null, suspendedDays: 0, calendarVersion: CALENDAR_DATA.version },
      steps: [],
    });
  });

  it('of the steps and the completion: step deadlines, the step outcome, the decision and the result', () => {
    const writes = history([
      ['ACCEPT', clerk, { occurredAt: t(4) }],
      ['START_STEP', clerk, { occurredAt: t(5), step: 'REVIEW' }],
      ['COMPLETE_STEP', clerk, { occurredAt: t(6), opinion: '审查通过' }],
      ['START_STEP', clerk, { occurredAt: t(7), step: 'DECIDE' }],
      ['DECIDE', clerk, { occurredAt: t(10), decision: 'APPROVE', opinion: '准予许可' }],
      ['COMPLETE', clerk, { occurredAt: t(11), result: 'COMPLETED', opinion: '办结' }],
    ]);
    const reviewed = writes[3]!;
    expect(reviewed.record).toMatchObject({ action: 'COMPLETE_STEP', step: 'REVIEW', passed: true });
    expect(reviewed.case.deadlines!.steps).toEqual([
      {
        step: 'REVIEW',
        agency: OWNER,
        startedAt: t(5),
        deadline: { limit: { value: 3, unit: 'WORKING_DAY' }, startedOn: '2025-03-05', due: '2025-03-10', finishedOn: '2025-03-06', suspendedDays: 0, calendarVersion: CALENDAR_DATA.version },
      },
    ]);
    const completed = writes.at(-1)!;
    expect(completed.record).toMatchObject({ version: 7, action: 'COMPLETE', toState: 'COMPLETED', result: 'COMPLETED', passed: null });
    expect(completed.case).toMatchObject({
      state: 'COMPLETED',
      acceptedAt: t(4),
      completedSteps: [
        { step: 'REVIEW', agency: OWNER, passed: true, completedAt: t(6) },
        { step: 'DECIDE', agency: OWNER, passed: true, completedAt: t(10) },
      ],
      decision: { decision: 'APPROVE', decidedAt: t(10) },
      result: { kind: 'COMPLETED', completedAt: t(11) },
    });
    // The periods ended with the decision.
    expect(completed.case.deadlines!.promised).toMatchObject({ due: '2025-03-18', finishedOn: '2025-03-10' });
    expect(completed.case.deadlines!.steps.map((step) => [step.step, step.deadline.finishedOn])).toEqual([
      ['REVIEW', '2025-03-06'],
      ['DECIDE', '2025-03-10'],
    ]);
  });

  it('reads guide terms stored before fees were captured as charged without a numeric standard (no false fee alert)', () => {
    const { fee: _fee, ...stored } = GUIDE;
    const [submission] = history([], stored);
    expect(submission!.guide.fee).toEqual(UNKNOWN_FEE);
    expect(UNKNOWN_FEE).toEqual({ charged: true, maxAmountYuan: null });
  });
});
