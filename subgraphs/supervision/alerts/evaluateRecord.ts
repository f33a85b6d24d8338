import type { CaseObservation } from '../observations/observation.ts';
import type { RuleBook } from '../rules/resolve.ts';
import { actionName, caseAlert, caseTarget, recordEvidence, stepName, viewOf } from './caseAlert.ts';
import type { AlertInput } from './types.ts';

/**
 * What one process record says about the law and the guide, judged from the observation alone (the
 * case as that record left it), so the verdict is the same whatever order observations arrive in.
 * Pure: the rules in force come in, AlertInputs go out; raising them is raise.ts's.
 * Each alert's occasion is the record (`record:<version>`): one alert per rule and record.
 */
export type RecordEvaluator = (observation: CaseObservation, rules: RuleBook) => AlertInput[];

const occasion = (observation: CaseObservation) => `record:${observation.record.version}`;

/** 流程合法性: a decision (or completion) with a 处理时间 before the acceptance, or with no acceptance at all. */
export const decisionBeforeAcceptance: RecordEvaluator = (observation, rules) => {
  const { record, case: fact } = observation;
  if (record.action !== 'DECIDE' && record.action !== 'COMPLETE') return [];
  const view = viewOf(observation);
  if (!rules.applicable('DECISION_BEFORE_ACCEPTANCE', caseTarget(view))) return [];
  const early = fact.acceptedAt !== null && Date.parse(record.occurredAt) < Date.parse(fact.acceptedAt);
  if (fact.acceptedAt !== null && !early) return [];
  return [
    caseAlert(view, {
      check: 'DECISION_BEFORE_ACCEPTANCE',
      occasion: occasion(observation),
      message: early ? `${actionName(record.action)}的处理时间早于受理时间` : `案件未受理即${actionName(record.action)}`,
      evidence: { ...recordEvidence(observation), acceptedAt: fact.acceptedAt },
      observedAt: record.occurredAt,
    }),
  ];
};

/** 流程合法性: a decision while a step of the process before it (the guide's, or the rule's list) was never completed. */
export const stepSkipped: RecordEvaluator = (observation, rules) => {
  const { record, case: fact, guide } = observation;
  if (record.action !== 'DECIDE') return [];
  const view = viewOf(observation);
  const rule = rules.applicable('STEP_SKIPPED', caseTarget(view));
  if (!rule) return [];
  const decideAt = guide.steps.indexOf('DECIDE');
  const required = rule.parameters.steps ?? (decideAt < 0 ? guide.steps : guide.steps.slice(0, decideAt)).filter((step) => step !== 'DECIDE');
  const completed = new Set(fact.completedSteps.map((step) => step.step));
  const skipped = required.filter((step) => !completed.has(step));
  if (skipped.length === 0) return [];
  return [
    caseAlert(view, {
      check: 'STEP_SKIPPED',
      occasion: occasion(observation),
      message: `未完成${skipped.map(stepName).join('、')}环节即作出决定`,
      evidence: { ...recordEvidence(observation), skippedSteps: skipped, requiredSteps: required },
      observedAt: record.occurredAt,
    }),
  ];
};

/** What kind of refusal a record is (不予受理, 不予许可, 退回), or null when it refuses nothing. */
function refusalOf(observation: CaseObservation): string | null {
  const { record } = observation;
  if (record.action === 'REJECT') return '不予受理';
  if (record.action === 'DECIDE' && record.decision === 'DENY') return '不予许可';
  if (record.action === 'COMPLETE' && record.result === 'RETURNED') return '退回办结';
  return null;
}

/** 流程合法性: a refusal or return whose reason (or, lacking one, opinion) is shorter than the rule asks. */
export const refusalWithoutReason: RecordEvaluator = (observation, rules) => {
  const refusal = refusalOf(observation);
  if (refusal === null) return [];
  const view = viewOf(observation);
  const rule = rules.applicable('REFUSAL_WITHOUT_REASON', caseTarget(view));
  if (!rule) return [];
  const { record } = observation;
  const reason = record.reason?.trim() || record.opinion?.trim() || '';
  const length = [...reason].length;
  if (length >= rule.parameters.minReasonLength) return [];
  return [
    caseAlert(view, {
      check: 'REFUSAL_WITHOUT_REASON',
      occasion: occasion(observation),
      message: length === 0 ? `${refusal}未说明理由` : `${refusal}的理由不足 ${rule.parameters.minReasonLength} 个字：“${reason}”`,
      evidence: { ...recordEvidence(observation), refusal, reason, minReasonLength: rule.parameters.minReasonLength },
      observedAt: record.occurredAt,
    }),
  ];
};

/**
 * 内容完整性: accepted without a material the guide requires and does not allow to defer (容缺), or
 * (when the rule says atDecision) decided with 容缺 materials still outstanding.
 */
export const missingMaterial: RecordEvaluator = (observation, rules) => {
  const { record, case: fact, guide } = observation;
  if (record.action !== 'ACCEPT' && record.action !== 'DECIDE') return [];
  const view = viewOf(observation);
  const rule = rules.applicable('MISSING_MATERIAL', caseTarget(view));
  if (!rule) return [];
  if (record.action === 'ACCEPT') {
    const handedIn = new Set(fact.materialIds);
    const missing = guide.materials.filter((material) => material.requirement === 'REQUIRED' && !material.deferrable && !handedIn.has(material.id));
    if (missing.length === 0) return [];
    return [
      caseAlert(view, {
        check: 'MISSING_MATERIAL',
        occasion: occasion(observation),
        message: `受理时缺少必要材料：${missing.map((material) => material.name).join('、')}`,
        evidence: { ...recordEvidence(observation), missing: missing.map(({ id, name }) => ({ id, name })) },
        observedAt: record.occurredAt,
      }),
    ];
  }
  if (!rule.parameters.atDecision || fact.deferredMaterials.length === 0) return [];
  return [
    caseAlert(view, {
      check: 'MISSING_MATERIAL',
      occasion: occasion(observation),
      message: `容缺材料未补齐即作出决定：${fact.deferredMaterials.join('、')}`,
      evidence: { ...recordEvidence(observation), deferredMaterials: fact.deferredMaterials },
      observedAt: record.occurredAt,
    }),
  ];
};

/** 收费合规性: a fee on an item whose guide charges none, or above the guide's standard (plus the rule's tolerance). */
export const feeCompliance: RecordEvaluator = (observation, rules) => {
  const { record, guide } = observation;
  const fee = record.feeYuan;
  if (fee === null || fee <= 0) return [];
  const view = viewOf(observation);
  const target = caseTarget(view);
  const evidence = { ...recordEvidence(observation), feeYuan: fee, charged: guide.fee.charged, maxAmountYuan: guide.fee.maxAmountYuan };
  if (!guide.fee.charged) {
    if (!rules.applicable('FEE_NOT_CHARGEABLE', target)) return [];
    return [caseAlert(view, { check: 'FEE_NOT_CHARGEABLE', occasion: occasion(observation), message: `办事指南不收费，办件记录收费 ${fee} 元`, evidence, observedAt: record.occurredAt })];
  }
  const rule = rules.applicable('FEE_ABOVE_STANDARD', target);
  if (!rule || guide.fee.maxAmountYuan === null) return [];
  const tolerance = rule.parameters.toleranceYuan;
  // In fen, so 0.1 + 0.2 is not above 0.3.
  if (Math.round(fee * 100) <= Math.round(guide.fee.maxAmountYuan * 100) + Math.round(tolerance * 100)) return [];
  return [
    caseAlert(view, {
      check: 'FEE_ABOVE_STANDARD',
      occasion: occasion(observation),
      message: `收费 ${fee} 元超过收费标准 ${guide.fee.maxAmountYuan} 元`,
      evidence: { ...evidence, toleranceYuan: tolerance },
      observedAt: record.occurredAt,
    }),
  ];
};

const RECORD_EVALUATORS: readonly RecordEvaluator[] = [decisionBeforeAcceptance, stepSkipped, refusalWithoutReason, missingMaterial, feeCompliance];

/** Every record rule's verdict on one observation. */
export function evaluateRecord(observation: CaseObservation, rules: RuleBook): AlertInput[] {
  return RECORD_EVALUATORS.flatMap((evaluate) => evaluate(observation, rules));
}
