import { describe, expect, it } from 'vitest';
import type { Action } from './actions.ts';
import type { Actor } from './actor.ts';
import { applyTransition } from './applyTransition.ts';
import type { TransitionInput } from './input.ts';
import { openCase } from './openCase.ts';
import type { CaseOpening } from './openCase.ts';
import type { CaseSnapshot, ProcessRecord } from './processRecord.ts';
import type { CaseKind } from './states.ts';
import {
  AGENT_ID,
  APPLICANT_ID,
  CASE_NUMBER,
  IMPLEMENTATION_CODE,
  OWNER,
  SUBMITTED_AT,
  applicant,
  baseCase,
  caseIn,
  deepFreeze,
  departmentSystem,
  staff,
} from './testSupport.ts';

function opening(kind: CaseKind = 'PROMISED'): CaseOpening {
  const { caseNumber, name, owningAgency, participatingAgencies, applicant: party, agent, application, promisedLimit } = baseCase(kind);
  return { caseNumber, name, kind, owningAgency, participatingAgencies, applicant: party, agent, application, promisedLimit };
}

/** Drives a case through `steps`, each stored only if its version follows the last, as the store will. */
function drive(start: CaseSnapshot, steps: Array<[Action, Actor, TransitionInput]>): { snapshot: CaseSnapshot; records: ProcessRecord[] } {
  let snapshot = deepFreeze(start);
  const records: ProcessRecord[] = [];
  for (const [action, actor, input] of steps) {
    const outcome = applyTransition(snapshot, action, actor, input);
    if (!outcome.ok) throw new Error(`${action}: ${outcome.code} ${outcome.reason}`);
    expect(outcome.record.version).toBe(snapshot.version + 1);
    snapshot = deepFreeze(outcome.next);
    records.push(outcome.record);
  }
  return { snapshot, records };
}

const t = (day: number, hour = 10) => `2025-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;
const window = staff(['ACCEPT']);
const reviewer = staff(['REVIEW']);
const approver = staff(['APPROVE']);

describe('a case from submission to completion', () => {
  it('runs a promised case through correction, review, expert review, decision and certificate', () => {
    const opened = openCase(opening(), applicant);
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.record).toMatchObject({ action: 'SUBMIT', version: 1, fromState: null, toState: 'SUBMITTED', stepName: '申报', channel: 'ONLINE' });

    const risk = { category: '审查', description: '降低审查标准', controls: '双人审查、系统留痕' };
    const { snapshot, records } = drive(opened.snapshot, [
      ['PRE_REVIEW', window, { occurredAt: t(3, 11) }],
      ['REQUEST_CORRECTION', window, { occurredAt: t(3, 15), materials: ['健康证明'], reason: '从业人员健康证明缺失', dueAt: t(10, 17) }],
      ['SUBMIT_CORRECTION', applicant, { occurredAt: t(5), materials: ['健康证明'], channel: 'MOBILE' }],
      ['ACCEPT', window, { occurredAt: t(5, 14), office: '政务服务中心市场监管窗口' }],
      ['START_STEP', reviewer, { occurredAt: t(6), step: 'REVIEW', riskPoint: risk }],
      ['SUSPEND', reviewer, { occurredAt: t(6, 15), suspension: 'EXPERT_REVIEW', reason: '新工艺需专家评审' }],
      ['RESUME', reviewer, { occurredAt: t(12), opinion: '专家评审通过', attachments: [{ name: '专家评审意见', reference: 'files/ab12' }] }],
      ['COMPLETE_STEP', reviewer, { occurredAt: t(13), opinion: '材料真实完整，符合条件' }],
      ['START_STEP', approver, { occurredAt: t(14), step: 'DECIDE' }],
      ['DECIDE', approver, { occurredAt: t(14, 16), decision: 'APPROVE', opinion: '准予许可' }],
      ['COMPLETE', window, { occurredAt: t(17), result: 'CERTIFICATE_ISSUED', attachments: [{ name: '食品经营许可证', reference: 'certs/1.2.156' }] }],
    ]);

    expect(snapshot).toMatchObject({
      state: 'COMPLETED',
      version: 12,
      openSteps: [],
      correction: null,
      suspension: null,
      decision: { decision: 'APPROVE', opinion: '准予许可', agency: OWNER },
      result: { kind: 'CERTIFICATE_ISSUED', opinion: '准予许可', completedAt: t(17) },
    });
    expect(snapshot.application.materials).toEqual(['营业执照复印件', '经营场所平面图', '健康证明']);
    expect(snapshot.completedSteps.map((done) => [done.step, done.passed])).toEqual([['REVIEW', true], ['DECIDE', true]]);
    expect(records.map((record) => [record.version, record.action, record.toState, record.stepName, record.stepStatus])).toEqual([
      [2, 'PRE_REVIEW', 'PRE_REVIEW', '预审', 'OPENED'],
      [3, 'REQUEST_CORRECTION', 'CORRECTION_REQUESTED', '受理', 'CORRECTION'],
      [4, 'SUBMIT_CORRECTION', 'PRE_REVIEW', '补正', 'RESUMED'],
      [5, 'ACCEPT', 'ACCEPTED', '受理', 'PASSED'],
      [6, 'START_STEP', 'IN_PROCESS', '审查', 'OPENED'],
      [7, 'SUSPEND', 'SUSPENDED', '审查', 'SUSPENDED'],
      [8, 'RESUME', 'IN_PROCESS', '审查', 'RESUMED'],
      [9, 'COMPLETE_STEP', 'IN_PROCESS', '审查', 'PASSED'],
      [10, 'START_STEP', 'IN_PROCESS', '决定', 'OPENED'],
      [11, 'DECIDE', 'DECIDED', '决定', 'PASSED'],
      [12, 'COMPLETE', 'COMPLETED', '办结', 'CLOSED'],
    ]);
    expect(records.map((record) => record.summary)).toEqual([
      '签收预审',
      '一次性告知补正：健康证明（从业人员健康证明缺失）',
      '提交补正材料：健康证明',
      '予以受理',
      '开始审查',
      '暂停办理（专家评审）：新工艺需专家评审',
      '恢复办理',
      '审查通过',
      '开始决定',
      '作出准予决定',
      '出证办结',
    ]);
  });

  it("writes seed 001's process record fields on every record", () => {
    const snapshot = caseIn('ACCEPTED');
    const outcome = applyTransition(deepFreeze(snapshot), 'START_STEP', staff(['REVIEW']), {
      occurredAt: '2025-03-06T09:30:00+08:00',
      step: 'REVIEW',
      office: '食品经营许可科',
      handler: { id: 'SC0107', name: '刘洋' },
      riskPoint: { category: '审查', description: '降低审查标准', controls: '双人审查' },
      opinion: '开始审查',
      attachments: [{ name: '审查表', reference: 'files/7' }],
    });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.record).toEqual({
      caseNumber: CASE_NUMBER,
      version: 8,
      action: 'START_STEP',
      fromState: 'ACCEPTED',
      toState: 'IN_PROCESS',
      agency: OWNER,
      stepName: '审查',
      step: 'REVIEW',
      itemCode: IMPLEMENTATION_CODE,
      office: '食品经营许可科',
      handlerId: 'SC0107',
      handlerName: '刘洋',
      stepStatus: 'OPENED',
      caseName: '食品经营许可（新办）',
      summary: '开始审查',
      applicationChannel: 'ONLINE',
      channel: 'WINDOW',
      forms: ['食品经营许可申请书'],
      materials: ['营业执照复印件', '经营场所平面图'],
      appliedAt: SUBMITTED_AT,
      applicant: { kind: 'NATURAL_PERSON', name: '李华', idType: 'CITIZEN_ID', idNumber: APPLICANT_ID },
      agent: { kind: 'NATURAL_PERSON', name: '张强', idType: 'CITIZEN_ID', idNumber: AGENT_ID },
      promisedLimit: { value: 10, unit: 'WORKING_DAY' },
      riskPoint: { category: '审查', description: '降低审查标准', controls: '双人审查' },
      opinion: '开始审查',
      attachments: [{ name: '审查表', reference: 'files/7' }],
      occurredAt: '2025-03-06T09:30:00+08:00',
      actorKind: 'STAFF',
      actorSubject: 'staff-review',
      reason: null,
      suspension: null,
      decision: null,
      result: null,
      feeYuan: null,
    });
    expect(outcome.next.openSteps).toEqual([{ step: 'REVIEW', agency: OWNER, handlerId: 'SC0107', startedAt: '2025-03-06T09:30:00+08:00' }]);
  });

  it('completes an immediate case on the spot (当场办结)', () => {
    const opened = openCase(opening('IMMEDIATE'), window, { channel: 'WINDOW' });
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.record.channel).toBe('WINDOW');
    const { snapshot } = drive(opened.snapshot, [
      ['ACCEPT', window, { occurredAt: t(3, 9) }],
      ['COMPLETE', window, { occurredAt: t(3, 10), result: 'COMPLETED', opinion: '符合条件，当场办结' }],
    ]);
    expect(snapshot).toMatchObject({ state: 'COMPLETED', version: 3, decision: null, result: { kind: 'COMPLETED', opinion: '符合条件，当场办结' } });
  });

  it('forwards an escalated case after first-instance review (转报)', () => {
    const { snapshot, records } = drive(caseIn('ACCEPTED', 'ESCALATED'), [
      ['START_STEP', reviewer, { occurredAt: t(6), step: 'REVIEW' }],
      ['COMPLETE_STEP', reviewer, { occurredAt: t(7), opinion: '初审通过' }],
      ['COMPLETE', approver, { occurredAt: t(8), result: 'FORWARDED', opinion: '初审同意，报市局审批' }],
    ]);
    expect(snapshot).toMatchObject({ state: 'COMPLETED', result: { kind: 'FORWARDED', opinion: '初审同意，报市局审批' } });
    expect(records.at(-1)).toMatchObject({ result: 'FORWARDED', summary: '转报' });
  });

  it('returns a denied case with its reason', () => {
    const { snapshot, records } = drive(caseIn('ACCEPTED'), [
      ['START_STEP', approver, { occurredAt: t(6), step: 'DECIDE' }],
      ['DECIDE', approver, { occurredAt: t(7), decision: 'DENY', opinion: '经营场所不符合要求，不予许可' }],
      ['COMPLETE', window, { occurredAt: t(8), result: 'RETURNED', reason: '经营场所不符合要求' }],
    ]);
    expect(snapshot).toMatchObject({ state: 'COMPLETED', result: { kind: 'RETURNED', reason: '经营场所不符合要求', opinion: '经营场所不符合要求，不予许可' } });
    expect(records.map((record) => record.stepStatus)).toEqual(['OPENED', 'NOT_PASSED', 'CLOSED']);
  });

  it('lets a departmental system push a whole process', () => {
    const system = departmentSystem();
    const handler = { id: 'SC0107', name: '刘洋' };
    const { records } = drive(caseIn('SUBMITTED'), [
      ['ACCEPT', system, { occurredAt: t(3), handler }],
      ['START_STEP', system, { occurredAt: t(4), handler, step: 'DECIDE' }],
      ['DECIDE', system, { occurredAt: t(5), handler, decision: 'APPROVE', opinion: '准予' }],
      ['COMPLETE', system, { occurredAt: t(6), handler, result: 'COMPLETED' }],
    ]);
    expect(new Set(records.map((record) => `${record.channel} ${record.handlerId} ${record.actorKind}`))).toEqual(new Set(['SOAP SC0107 DEPARTMENT_SYSTEM']));
  });
});

describe('versions', () => {
  it('go up by one with every transition, whatever the transition', () => {
    const start = caseIn('IN_PROCESS');
    const suspended = applyTransition(start, 'SUSPEND', staff(), { occurredAt: t(6), suspension: 'HOLD', reason: '等待法院裁定' });
    if (!suspended.ok) throw new Error(suspended.reason);
    const resumed = applyTransition(suspended.next, 'RESUME', staff(), { occurredAt: t(9), opinion: '裁定已送达' });
    if (!resumed.ok) throw new Error(resumed.reason);
    expect([start.version, suspended.next.version, resumed.next.version]).toEqual([7, 8, 9]);
  });

  it('do not move on a refusal, and the snapshot given is never changed', () => {
    const start = deepFreeze(caseIn('SUBMITTED'));
    const copy = structuredClone(start);
    expect(applyTransition(start, 'DECIDE', staff(), { occurredAt: t(4), decision: 'APPROVE', opinion: '同意' }).ok).toBe(false);
    expect(applyTransition(start, 'ACCEPT', staff(), { occurredAt: t(4) }).ok).toBe(true);
    expect(start).toEqual(copy);
  });

  it('make two transitions computed from one snapshot claim the same version, so only one can be stored', () => {
    const start = caseIn('PRE_REVIEW');
    const accepted = applyTransition(start, 'ACCEPT', staff(['ACCEPT']), { occurredAt: t(4, 9) });
    const rejected = applyTransition(start, 'REJECT', staff(['ACCEPT']), { occurredAt: t(4, 9), reason: '不属于本机关职权范围' });
    if (!accepted.ok || !rejected.ok) throw new Error('both transitions are legal from PRE_REVIEW');
    expect(accepted.record.version).toBe(rejected.record.version);
    expect(accepted.next.version).toBe(start.version + 1);
    // Whichever is stored first moves the case on; replayed on the stored result, the other is refused.
    expect(applyTransition(accepted.next, 'REJECT', staff(['ACCEPT']), { occurredAt: t(4, 9), reason: '不属于本机关职权范围' })).toMatchObject({
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      reason: 'REJECT is not allowed from ACCEPTED: the case has already been accepted',
    });
  });
});
