import { describe, expect, it } from 'vitest';
import { evaluateExchangeReport } from './evaluateExchange.ts';
import { decisionBeforeAcceptance, evaluateRecord, feeCompliance, missingMaterial, refusalWithoutReason, stepSkipped } from './evaluateRecord.ts';
import { caseFact, CODE, defaultBook, guide, observation, POLICE, record, ruleVersion } from './testSupport.ts';
import type { AlertTarget } from './types.ts';

const rules = defaultBook();
const decided = (overrides: Parameters<typeof caseFact>[1] = {}) =>
  caseFact(1, {
    state: 'DECIDED',
    completedSteps: [{ step: 'REVIEW', agency: POLICE, passed: true, completedAt: '2026-11-23T02:00:00.000Z' }],
    decision: { decision: 'APPROVE', decidedAt: '2026-11-24T02:00:00.000Z' },
    deferredMaterials: [],
    ...overrides,
  });
const decide = (overrides: Parameters<typeof record>[2] = {}) => record(6, 'DECIDE', { occurredAt: '2026-11-24T02:00:00.000Z', decision: 'APPROVE', opinion: '准予许可', ...overrides });

describe('DECISION_BEFORE_ACCEPTANCE', () => {
  it('raises nothing for a decision after the acceptance', () => {
    expect(decisionBeforeAcceptance(observation(decided(), decide()), rules)).toEqual([]);
  });

  it('raises for a decision whose 处理时间 precedes the acceptance, with the record as evidence', () => {
    const early = observation(decided(), decide({ occurredAt: '2026-11-19T08:00:00.000Z', sourceMessageId: 'MSG-1' }));
    const [alert] = decisionBeforeAcceptance(early, rules);
    expect(alert).toMatchObject({
      check: 'DECISION_BEFORE_ACCEPTANCE',
      caseNumber: early.case.caseNumber,
      occasion: 'record:6',
      message: '作出决定的处理时间早于受理时间',
      evidence: { caseVersion: 6, recordAction: 'DECIDE', sourceMessageId: 'MSG-1', acceptedAt: '2026-11-20T02:00:00.000Z' },
      observedAt: '2026-11-19T08:00:00.000Z',
      target: { agency: POLICE, region: '610725', implementationCode: CODE, itemType: 'LICENSE' },
    });
  });

  it('raises for a decision or completion of a case never accepted', () => {
    const never = decided({ acceptedAt: null });
    expect(decisionBeforeAcceptance(observation(never, decide()), rules)[0]?.message).toBe('案件未受理即作出决定');
    expect(decisionBeforeAcceptance(observation({ ...never, state: 'COMPLETED' }, record(7, 'COMPLETE', { result: 'COMPLETED' })), rules)).toHaveLength(1);
  });

  it('is silent when the check is switched off for the guide', () => {
    const off = defaultBook([ruleVersion({ code: 'L.OFF', check: 'DECISION_BEFORE_ACCEPTANCE', parameters: {}, target: { kind: 'GUIDE', value: CODE }, enabled: false })]);
    expect(decisionBeforeAcceptance(observation(decided({ acceptedAt: null }), decide()), off)).toEqual([]);
  });
});

describe('STEP_SKIPPED', () => {
  it('raises when a step of the guide before the decision was never completed', () => {
    const [alert] = stepSkipped(observation(decided({ completedSteps: [] }), decide()), rules);
    expect(alert).toMatchObject({ check: 'STEP_SKIPPED', message: '未完成审查环节即作出决定', evidence: { skippedSteps: ['REVIEW'], requiredSteps: ['REVIEW'] } });
  });

  it('raises nothing when every step before DECIDE was completed, passed or not', () => {
    const notPassed = decided({ completedSteps: [{ step: 'REVIEW', agency: POLICE, passed: false, completedAt: '2026-11-23T02:00:00.000Z' }] });
    expect(stepSkipped(observation(notPassed, decide()), rules)).toEqual([]);
  });

  it('ignores steps the guide puts after the decision', () => {
    expect(stepSkipped(observation(decided(), decide(), guide({ steps: ['REVIEW', 'DECIDE', 'VERIFY'] })), rules)).toEqual([]);
  });

  it('checks the rule’s own list of steps when it has one', () => {
    const strict = defaultBook([ruleVersion({ code: 'L.STEPS', check: 'STEP_SKIPPED', parameters: { steps: ['REVIEW', 'VERIFY'] }, target: { kind: 'AGENCY', value: POLICE } })]);
    const [alert] = stepSkipped(observation(decided(), decide()), strict);
    expect(alert?.evidence['skippedSteps']).toEqual(['VERIFY']);
    expect(alert?.message).toBe('未完成审核环节即作出决定');
  });

  it('judges only decisions', () => {
    expect(stepSkipped(observation(caseFact(1), record(2, 'ACCEPT')), rules)).toEqual([]);
  });
});

describe('REFUSAL_WITHOUT_REASON', () => {
  const rejected = caseFact(1, { state: 'NOT_ACCEPTED', acceptedAt: null, deadlines: null });

  it.each([
    ['REJECT', rejected, { reason: null }, '不予受理未说明理由'],
    ['REJECT', rejected, { reason: '   ' }, '不予受理未说明理由'],
    ['DECIDE', decided({ decision: { decision: 'DENY', decidedAt: '2026-11-24T02:00:00.000Z' } }), { decision: 'DENY', opinion: '不行' }, '不予许可的理由不足 4 个字：“不行”'],
    ['COMPLETE', { ...decided(), state: 'COMPLETED' }, { result: 'RETURNED', reason: '退回' }, '退回办结的理由不足 4 个字：“退回”'],
  ] as const)('raises for %s with too short a reason', (action, fact, overrides, message) => {
    const [alert] = refusalWithoutReason(observation(fact, record(3, action, overrides)), rules);
    expect(alert).toMatchObject({ check: 'REFUSAL_WITHOUT_REASON', message, evidence: { minReasonLength: 4 } });
  });

  it('counts characters, not bytes, after trimming, and takes the opinion when there is no reason', () => {
    expect(refusalWithoutReason(observation(rejected, record(3, 'REJECT', { reason: ' 不属于本部门 ' })), rules)).toEqual([]);
    expect(refusalWithoutReason(observation(rejected, record(3, 'REJECT', { reason: null, opinion: '不符合受理条件' })), rules)).toEqual([]);
  });

  it('does not judge approvals or other completions', () => {
    expect(refusalWithoutReason(observation(decided(), decide({ opinion: null })), rules)).toEqual([]);
    expect(refusalWithoutReason(observation({ ...decided(), state: 'COMPLETED' }, record(7, 'COMPLETE', { result: 'CERTIFICATE_ISSUED' })), rules)).toEqual([]);
  });

  it('follows the rule’s minimum length', () => {
    const lenient = defaultBook([ruleVersion({ code: 'L.SHORT', check: 'REFUSAL_WITHOUT_REASON', parameters: { minReasonLength: 2 }, target: { kind: 'GUIDE', value: CODE } })]);
    expect(refusalWithoutReason(observation(rejected, record(3, 'REJECT', { reason: '重复' })), lenient)).toEqual([]);
  });
});

describe('MISSING_MATERIAL', () => {
  it('raises at acceptance for a required material that may not be deferred', () => {
    const [alert] = missingMaterial(observation(caseFact(1, { materialIds: [] }), record(3, 'ACCEPT')), rules);
    expect(alert).toMatchObject({ check: 'MISSING_MATERIAL', message: '受理时缺少必要材料：申请书', evidence: { missing: [{ id: 'M01', name: '申请书' }] } });
  });

  it('accepts a missing 容缺 material and a missing conditional one', () => {
    expect(missingMaterial(observation(caseFact(1, { materialIds: ['M01'] }), record(3, 'ACCEPT')), rules)).toEqual([]);
  });

  it('raises at a decision while 容缺 materials are outstanding, unless the rule looks at acceptance only', () => {
    const outstanding = decided({ deferredMaterials: ['消防安全检查合格证明'] });
    expect(missingMaterial(observation(outstanding, decide()), rules)[0]?.message).toBe('容缺材料未补齐即作出决定：消防安全检查合格证明');
    const acceptanceOnly = defaultBook([ruleVersion({ code: 'C.ACCEPT', check: 'MISSING_MATERIAL', parameters: { atDecision: false }, target: { kind: 'ITEM_TYPE', value: 'LICENSE' } })]);
    expect(missingMaterial(observation(outstanding, decide()), acceptanceOnly)).toEqual([]);
    expect(missingMaterial(observation(decided(), decide()), rules)).toEqual([]);
  });
});

describe('FEE', () => {
  const charged = guide({ fee: { charged: true, maxAmountYuan: 50 } });

  it('raises FEE_NOT_CHARGEABLE for any fee on a guide that charges none', () => {
    const [alert] = feeCompliance(observation(caseFact(1), record(3, 'ACCEPT', { feeYuan: 20 })), rules);
    expect(alert).toMatchObject({ check: 'FEE_NOT_CHARGEABLE', message: '办事指南不收费，办件记录收费 20 元', evidence: { feeYuan: 20, charged: false } });
  });

  it('raises FEE_ABOVE_STANDARD above the standard plus the tolerance, to the fen', () => {
    expect(feeCompliance(observation(caseFact(1), record(3, 'ACCEPT', { feeYuan: 50 }), charged), rules)).toEqual([]);
    expect(feeCompliance(observation(caseFact(1), record(3, 'ACCEPT', { feeYuan: 50.01 }), charged), rules)[0]).toMatchObject({
      check: 'FEE_ABOVE_STANDARD',
      message: '收费 50.01 元超过收费标准 50 元',
      evidence: { toleranceYuan: 0, maxAmountYuan: 50 },
    });
    const tolerant = defaultBook([ruleVersion({ code: 'F.TOL', check: 'FEE_ABOVE_STANDARD', parameters: { toleranceYuan: 0.3 }, target: { kind: 'AGENCY', value: POLICE } })]);
    expect(feeCompliance(observation(caseFact(1), record(3, 'ACCEPT', { feeYuan: 50.3 }), charged), tolerant)).toEqual([]);
  });

  it('judges no fee, a zero fee, and a charged guide without a numeric standard as compliant', () => {
    expect(feeCompliance(observation(caseFact(1), record(3, 'ACCEPT')), rules)).toEqual([]);
    expect(feeCompliance(observation(caseFact(1), record(3, 'ACCEPT', { feeYuan: 0 })), rules)).toEqual([]);
    expect(feeCompliance(observation(caseFact(1), record(3, 'ACCEPT', { feeYuan: 999 }), guide({ fee: { charged: true, maxAmountYuan: null } })), rules)).toEqual([]);
  });
});

describe('evaluateRecord', () => {
  it('gathers every record rule’s verdict on one observation', () => {
    const bad = observation(decided({ completedSteps: [], acceptedAt: null, deferredMaterials: ['消防安全检查合格证明'] }), decide({ feeYuan: 10 }));
    expect(evaluateRecord(bad, rules).map((alert) => alert.check).sort()).toEqual(['DECISION_BEFORE_ACCEPTANCE', 'FEE_NOT_CHARGEABLE', 'MISSING_MATERIAL', 'STEP_SKIPPED']);
  });

  it('finds nothing wrong with a lawful acceptance', () => {
    expect(evaluateRecord(observation(caseFact(1), record(3, 'ACCEPT')), rules)).toEqual([]);
  });
});

describe('an exchange report', () => {
  const target: AlertTarget = { agency: POLICE, region: '610725', implementationCode: CODE, itemType: 'LICENSE' };
  const report = {
    kind: 'EXCHANGE' as const,
    messageId: 'MSG-42',
    caseNumber: `${CODE}26000001`,
    action: 'DECIDE',
    occurredAt: '2026-11-19T08:00:00.000Z',
    receivedAt: '2026-11-19T08:00:05.000Z',
    status: 'HELD' as const,
    reason: 'held for a predecessor: ACCEPT',
    senderAgency: POLICE,
    senderClientId: 'police-system',
    receiptNumber: 'R-7',
  };

  it('raises DECISION_BEFORE_ACCEPTANCE for a pushed decision of a case not accepted, naming the message and receipt', () => {
    const [alert] = evaluateExchangeReport(report, null, target, rules);
    expect(alert).toMatchObject({
      check: 'DECISION_BEFORE_ACCEPTANCE',
      caseNumber: report.caseNumber,
      occasion: 'message:MSG-42',
      message: '部门系统推送的作出决定早于受理（报文 MSG-42）',
      evidence: { messageId: 'MSG-42', receiptNumber: 'R-7', reason: 'held for a predecessor: ACCEPT', status: 'HELD' },
      observedAt: report.occurredAt,
    });
  });

  it('raises for a push dated before a later acceptance, and not after one', () => {
    expect(evaluateExchangeReport(report, '2026-11-20T02:00:00.000Z', target, rules)).toHaveLength(1);
    expect(evaluateExchangeReport(report, '2026-11-18T02:00:00.000Z', target, rules)).toEqual([]);
  });

  it('ignores pushes of actions that need no acceptance', () => {
    expect(evaluateExchangeReport({ ...report, action: 'ACCEPT' }, null, target, rules)).toEqual([]);
  });
});
