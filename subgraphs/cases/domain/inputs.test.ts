import { describe, expect, it } from 'vitest';
import type { Action } from './actions.ts';
import { applyTransition } from './applyTransition.ts';
import type { TransitionInput } from './input.ts';
import type { CaseSnapshot } from './processRecord.ts';
import { OWNER, PARTICIPANT, at, caseIn, deepFreeze, scheduler, staff } from './testSupport.ts';

function decidedDeny(): CaseSnapshot {
  const snapshot = caseIn('DECIDED');
  snapshot.decision = { ...snapshot.decision!, decision: 'DENY' };
  return snapshot;
}

function inProcess(kind: Parameters<typeof caseIn>[1] = 'PROMISED', openSteps: CaseSnapshot['openSteps'] = []): CaseSnapshot {
  const snapshot = caseIn('IN_PROCESS', kind);
  snapshot.openSteps = openSteps;
  return deepFreeze(snapshot);
}

const bad = (field: string, reason: string) => ({ ok: false, code: 'BAD_USER_INPUT', field, reason });
const illegal = (reason: string) => ({ ok: false, code: 'ILLEGAL_TRANSITION', reason });

describe('required input', () => {
  const cases: Array<{ name: string; snapshot: CaseSnapshot; action: Action; input: TransitionInput; field: string; reason: string }> = [
    { name: 'refusal without a reason', snapshot: caseIn('PRE_REVIEW'), action: 'REJECT', input: at(), field: 'reason', reason: 'REJECT: reason is required' },
    { name: 'refusal with a blank reason', snapshot: caseIn('PRE_REVIEW'), action: 'REJECT', input: at({ reason: '  ' }), field: 'reason', reason: 'REJECT: reason is required' },
    { name: 'correction without materials', snapshot: caseIn('PRE_REVIEW'), action: 'REQUEST_CORRECTION', input: at({ reason: '缺材料' }), field: 'materials', reason: 'REQUEST_CORRECTION: materials is required' },
    { name: 'correction naming no material', snapshot: caseIn('PRE_REVIEW'), action: 'REQUEST_CORRECTION', input: at({ materials: [], reason: '缺材料' }), field: 'materials', reason: 'REQUEST_CORRECTION: materials should name at least one item' },
    { name: 'correction with a blank material', snapshot: caseIn('PRE_REVIEW'), action: 'REQUEST_CORRECTION', input: at({ materials: ['身份证', ''], reason: '缺材料' }), field: 'materials[1]', reason: 'REQUEST_CORRECTION: materials[1] is required' },
    { name: 'correction without a reason', snapshot: caseIn('PRE_REVIEW'), action: 'REQUEST_CORRECTION', input: at({ materials: ['身份证'] }), field: 'reason', reason: 'REQUEST_CORRECTION: reason is required' },
    { name: 'correction supplying nothing', snapshot: caseIn('CORRECTION_REQUESTED'), action: 'SUBMIT_CORRECTION', input: at(), field: 'materials', reason: 'SUBMIT_CORRECTION: materials is required' },
    { name: 'step not named', snapshot: caseIn('ACCEPTED'), action: 'START_STEP', input: at(), field: 'step', reason: 'START_STEP: step is required' },
    { name: 'unknown step', snapshot: caseIn('ACCEPTED'), action: 'START_STEP', input: at({ step: 'APPROVAL' as never }), field: 'step', reason: 'START_STEP: step should be one of REVIEW, VERIFY, DECIDE' },
    { name: 'step completed without opinion', snapshot: caseIn('IN_PROCESS'), action: 'COMPLETE_STEP', input: at(), field: 'opinion', reason: 'COMPLETE_STEP: opinion is required' },
    { name: 'suspension without kind', snapshot: caseIn('IN_PROCESS'), action: 'SUSPEND', input: at({ reason: '听证' }), field: 'suspension', reason: 'SUSPEND: suspension is required' },
    {
      name: 'suspension of an unknown kind',
      snapshot: caseIn('IN_PROCESS'),
      action: 'SUSPEND',
      input: at({ suspension: 'SITE_INSPECTION' as never, reason: '现场勘查' }),
      field: 'suspension',
      reason: 'SUSPEND: suspension should be one of HEARING, TENDER, AUCTION, INSPECTION, TESTING, QUARANTINE, APPRAISAL, EXPERT_REVIEW, HOLD',
    },
    { name: 'suspension without reason', snapshot: caseIn('IN_PROCESS'), action: 'SUSPEND', input: at({ suspension: 'HOLD' }), field: 'reason', reason: 'SUSPEND: reason is required' },
    { name: 'resumption without its outcome', snapshot: caseIn('SUSPENDED'), action: 'RESUME', input: at(), field: 'opinion', reason: 'RESUME: opinion is required' },
    { name: 'decision without a decision', snapshot: inProcess(), action: 'DECIDE', input: at({ opinion: '同意' }), field: 'decision', reason: 'DECIDE: decision is required' },
    { name: 'decision without an opinion', snapshot: inProcess(), action: 'DECIDE', input: at({ decision: 'APPROVE' }), field: 'opinion', reason: 'DECIDE: opinion is required' },
    { name: 'decision neither way', snapshot: inProcess(), action: 'DECIDE', input: at({ decision: 'MAYBE' as never, opinion: '再议' }), field: 'decision', reason: 'DECIDE: decision should be one of APPROVE, DENY' },
    { name: 'completion without result', snapshot: caseIn('DECIDED'), action: 'COMPLETE', input: at(), field: 'result', reason: 'COMPLETE needs a result kind, one of CERTIFICATE_ISSUED, RETURNED, VOIDED, FORWARDED, CORRECTION_TIMEOUT, COMPLETED' },
    { name: 'completion with an unknown result', snapshot: caseIn('DECIDED'), action: 'COMPLETE', input: at({ result: 'DELETED' as never }), field: 'result', reason: 'COMPLETE needs a result kind, one of CERTIFICATE_ISSUED, RETURNED, VOIDED, FORWARDED, CORRECTION_TIMEOUT, COMPLETED' },
    { name: 'return without reason', snapshot: decidedDeny(), action: 'COMPLETE', input: at({ result: 'RETURNED' }), field: 'reason', reason: 'COMPLETE with RETURNED: reason is required' },
    { name: 'voiding without reason', snapshot: caseIn('SUSPENDED'), action: 'COMPLETE', input: at({ result: 'VOIDED' }), field: 'reason', reason: 'COMPLETE with VOIDED: reason is required' },
    { name: 'on-the-spot completion without opinion', snapshot: caseIn('ACCEPTED', 'IMMEDIATE'), action: 'COMPLETE', input: at({ result: 'CERTIFICATE_ISSUED' }), field: 'opinion', reason: 'COMPLETE with CERTIFICATE_ISSUED: opinion is required' },
    { name: 'on-the-spot return without reason', snapshot: caseIn('ACCEPTED', 'IMMEDIATE'), action: 'COMPLETE', input: at({ result: 'RETURNED', opinion: '不符合' }), field: 'reason', reason: 'COMPLETE with RETURNED: reason is required' },
    { name: 'forwarding without the first-instance opinion', snapshot: inProcess('ESCALATED'), action: 'COMPLETE', input: at({ result: 'FORWARDED' }), field: 'opinion', reason: 'COMPLETE with FORWARDED: opinion is required' },
    { name: 'no time', snapshot: caseIn('SUBMITTED'), action: 'ACCEPT', input: {} as TransitionInput, field: 'occurredAt', reason: 'ACCEPT: occurredAt should be an ISO 8601 timestamp with an offset' },
    { name: 'time without offset', snapshot: caseIn('SUBMITTED'), action: 'ACCEPT', input: { occurredAt: '2025-03-25T10:00:00' }, field: 'occurredAt', reason: 'ACCEPT: occurredAt should be an ISO 8601 timestamp with an offset' },
    { name: 'impossible time', snapshot: caseIn('SUBMITTED'), action: 'ACCEPT', input: { occurredAt: '2025-13-25T10:00:00+08:00' }, field: 'occurredAt', reason: 'ACCEPT: occurredAt should be an ISO 8601 timestamp with an offset' },
    { name: 'a day that does not exist', snapshot: caseIn('SUBMITTED'), action: 'ACCEPT', input: { occurredAt: '2025-02-30T10:00:00+08:00' }, field: 'occurredAt', reason: 'ACCEPT: occurredAt should be an ISO 8601 timestamp with an offset' },
    { name: 'unknown action', snapshot: caseIn('SUBMITTED'), action: 'APPROVE' as Action, input: at(), field: 'action', reason: "'APPROVE' is not a case action" },
  ];

  it.each(cases)('refuses $name, naming the field', ({ snapshot, action, input, field, reason }) => {
    expect(applyTransition(snapshot, action, staff(), input)).toEqual(bad(field, reason));
  });

  it('checks optional fields whatever the action', () => {
    const accept = (input: Omit<TransitionInput, 'occurredAt'>) => applyTransition(caseIn('SUBMITTED'), 'ACCEPT', staff(), at(input));
    expect(accept({ channel: 'FAX' as never })).toEqual(bad('channel', 'ACCEPT: channel should be one of WINDOW, ONLINE, MOBILE, SOAP'));
    expect(accept({ attachments: [{ name: '受理通知书', reference: '' }] })).toEqual(bad('attachments[0].reference', 'ACCEPT: attachments[0].reference is required'));
    expect(accept({ riskPoint: { category: '受理', description: '违规受理', controls: '' } })).toEqual(bad('riskPoint.controls', 'ACCEPT: riskPoint.controls is required'));
    expect(accept({ handler: { id: '', name: '王明' } })).toEqual(bad('handler.id', 'ACCEPT: handler.id is required'));
    expect(accept({ opinion: '意'.repeat(2001) })).toEqual(bad('opinion', 'ACCEPT: opinion should be at most 2000 characters'));
    expect(accept({ passed: 'yes' as never })).toEqual(bad('passed', 'ACCEPT: passed should be true or false'));
  });

  it('takes a fee in yuan with at most two decimals, and records it with two', () => {
    const accept = (feeYuan: unknown) => applyTransition(caseIn('SUBMITTED'), 'ACCEPT', staff(), at({ feeYuan: feeYuan as string }));
    const why = 'ACCEPT: feeYuan should be an amount in yuan with at most two decimals, e.g. 120.00';
    for (const wrong of ['120.005', '-5', '1e3', '12,00', '', '1234567890', 120]) expect(accept(wrong)).toEqual(bad('feeYuan', why));
    const record = (feeYuan: string) => {
      const outcome = accept(feeYuan);
      if (!outcome.ok) throw new Error(outcome.reason);
      return outcome.record.feeYuan;
    };
    expect([record('120'), record('0120.5'), record('0.05'), record('999999999.99')]).toEqual(['120.00', '120.50', '0.05', '999999999.99']);
    const none = applyTransition(caseIn('SUBMITTED'), 'ACCEPT', staff(), at());
    expect(none.ok && none.record.feeYuan).toBeNull();
  });

  it('wants a correction deadline after the request', () => {
    const input = at({ materials: ['身份证'], reason: '缺材料', dueAt: '2025-03-25T09:00:00+08:00' });
    expect(applyTransition(caseIn('PRE_REVIEW'), 'REQUEST_CORRECTION', staff(), input)).toEqual(
      bad('dueAt', 'REQUEST_CORRECTION: the correction deadline should be after occurredAt'),
    );
  });
});

describe("rules on the case's details", () => {
  const reviewing = { step: 'REVIEW' as const, agency: OWNER, handlerId: 'r', startedAt: '2025-03-05T09:00:00+08:00' };
  const deciding = { step: 'DECIDE' as const, agency: OWNER, handlerId: 'a', startedAt: '2025-03-09T09:00:00+08:00' };

  it('keeps an agency to one step at a time', () => {
    expect(applyTransition(inProcess('PROMISED', [reviewing]), 'START_STEP', staff(), at({ step: 'VERIFY' }))).toEqual(
      illegal(`START_STEP is not allowed from IN_PROCESS: agency ${OWNER} already has step REVIEW open; complete it first`),
    );
  });

  it('completes and suspends only a step that is open', () => {
    expect(applyTransition(inProcess(), 'COMPLETE_STEP', staff(), at({ opinion: '同意' }))).toEqual(
      illegal(`COMPLETE_STEP is not allowed from IN_PROCESS: agency ${OWNER} has no step open`),
    );
    expect(applyTransition(inProcess(), 'SUSPEND', staff(), at({ suspension: 'HEARING', reason: '听证' }))).toEqual(
      illegal(`SUSPEND is not allowed from IN_PROCESS: agency ${OWNER} has no step open`),
    );
    expect(applyTransition(inProcess('PROMISED', [deciding]), 'COMPLETE_STEP', staff(), at({ opinion: '同意' }))).toEqual(
      illegal('COMPLETE_STEP is not allowed from IN_PROCESS: the DECIDE step ends with DECIDE, not COMPLETE_STEP'),
    );
  });

  it('decides only when no other step is under way', () => {
    const participantReviewing = { ...reviewing, agency: PARTICIPANT };
    expect(applyTransition(inProcess('PROMISED', [reviewing]), 'DECIDE', staff(), at({ decision: 'APPROVE', opinion: '同意' }))).toEqual(
      illegal(`DECIDE is not allowed from IN_PROCESS: step REVIEW of agency ${OWNER} is still open`),
    );
    const joint = caseIn('IN_PROCESS', 'JOINT');
    joint.openSteps = [deciding, participantReviewing];
    expect(applyTransition(joint, 'DECIDE', staff(), at({ decision: 'APPROVE', opinion: '同意' }))).toEqual(
      illegal(`DECIDE is not allowed from IN_PROCESS: step REVIEW of agency ${PARTICIPANT} is still open`),
    );
  });

  it('leaves the decision on an escalated case to the higher-level agency', () => {
    const why = 'the higher-level agency decides an escalated case (上报件); complete it as FORWARDED';
    expect(applyTransition(inProcess('ESCALATED'), 'DECIDE', staff(), at({ decision: 'APPROVE', opinion: '同意' }))).toEqual(
      illegal(`DECIDE is not allowed from IN_PROCESS: ${why}`),
    );
    expect(applyTransition(caseIn('ACCEPTED', 'ESCALATED'), 'START_STEP', staff(), at({ step: 'DECIDE' }))).toEqual(
      illegal(`START_STEP DECIDE is not allowed from ACCEPTED: ${why}`),
    );
  });

  it('ends a case with steps open only by voiding it', () => {
    expect(applyTransition(inProcess('ESCALATED', [reviewing]), 'COMPLETE', staff(), at({ result: 'FORWARDED', opinion: '初审同意' }))).toEqual(
      illegal(`COMPLETE with FORWARDED is not allowed from IN_PROCESS: step REVIEW of agency ${OWNER} is still open; complete it first`),
    );
    const voided = applyTransition(caseIn('SUSPENDED'), 'COMPLETE', staff(), at({ result: 'VOIDED', reason: '申请人已注销' }));
    expect(voided).toMatchObject({ ok: true, next: { state: 'COMPLETED', openSteps: [], suspension: null, result: { kind: 'VOIDED', reason: '申请人已注销' } } });
  });

  it('times a correction out only after its deadline, and only if one was set', () => {
    const pending = caseIn('CORRECTION_REQUESTED');
    expect(applyTransition(pending, 'CORRECTION_TIMEOUT', scheduler, { occurredAt: '2025-03-20T16:59:59+08:00' })).toEqual(
      illegal('CORRECTION_TIMEOUT is not allowed from CORRECTION_REQUESTED: the correction deadline 2025-03-20T17:00:00+08:00 has not passed'),
    );
    expect(applyTransition(pending, 'CORRECTION_TIMEOUT', scheduler, { occurredAt: '2025-03-20T09:00:00Z' }).ok).toBe(true);
    pending.correction = { ...pending.correction!, dueAt: null };
    expect(applyTransition(pending, 'CORRECTION_TIMEOUT', scheduler, at())).toEqual(
      illegal('CORRECTION_TIMEOUT is not allowed from CORRECTION_REQUESTED: no correction deadline was set'),
    );
  });
});
