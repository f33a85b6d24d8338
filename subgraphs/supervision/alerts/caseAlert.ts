import { ACTION_NAMES, type RecordedAction } from '../../cases/domain/actions.ts';
import { STEP_KIND_NAMES, type StepKind } from '../../cases/domain/states.ts';
import type { CaseFact, CaseObservation, GuideFact } from '../observations/observation.ts';
import type { AlertInput, AlertTarget } from './types.ts';

/** A case as the evaluators read it: the facts of one version and the guide terms. */
export interface CaseView {
  caseNumber: string;
  version: number;
  facts: CaseFact;
  guide: GuideFact;
}

export const viewOf = (observation: CaseObservation): CaseView => ({
  caseNumber: observation.case.caseNumber,
  version: observation.record.version,
  facts: observation.case,
  guide: observation.guide,
});

/** Whom a case's alerts are about: its agency (or the agency of one of its steps) and its item. */
export function caseTarget(view: CaseView, agency = view.facts.agency): AlertTarget {
  return { agency, region: view.facts.region, implementationCode: view.facts.implementationCode, itemType: view.guide.itemType };
}

/** The evidence every alert raised by an observation carries: which version and record of the case. */
export function recordEvidence(observation: CaseObservation): Record<string, unknown> {
  return { caseVersion: observation.record.version, recordAction: observation.record.action, sourceMessageId: observation.record.sourceMessageId, occurredAt: observation.record.occurredAt };
}

/** An alert about a case (not about a supervision order or task). */
export function caseAlert(
  view: CaseView,
  fields: { check: string; slot?: string; occasion: string; message: string; evidence: Record<string, unknown>; observedAt: string; target?: AlertTarget },
): AlertInput {
  return {
    check: fields.check,
    ...(fields.slot ? { slot: fields.slot } : {}),
    target: fields.target ?? caseTarget(view),
    caseNumber: view.caseNumber,
    subject: null,
    occasion: fields.occasion,
    message: fields.message,
    evidence: fields.evidence,
    observedAt: fields.observedAt,
  };
}

export const actionName = (action: string) => ACTION_NAMES[action as RecordedAction] ?? action;
export const stepName = (step: string) => STEP_KIND_NAMES[step as StepKind] ?? step;


const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Small counts the way a notice writes them (一个工作日); larger ones in digits. */
export const chineseCount = (n: number) => DIGITS[n] ?? String(n);
