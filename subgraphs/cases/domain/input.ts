import { isIsoDate } from '../../../lib/time.ts';
import type { Attachment, RecordChannel, RiskPoint } from './processRecord.ts';
import { RECORD_CHANNELS } from './processRecord.ts';
import type { Decision, ProcessStepKind, ResultKind, SuspensionKind } from './states.ts';
import { DECISIONS, PROCESS_STEPS, RESULT_KINDS, SUSPENSION_KINDS, isOneOf } from './states.ts';
import type { Requirement } from './transitions.ts';

/**
 * What the caller says about a transition. One shape for every action because the callers
 * (GraphQL mutations, SOAP messages) map loosely typed payloads onto it; every field is checked
 * at run time, and the transition table says which ones an action cannot do without.
 */
export interface TransitionInput {
  /** 处理时间, ISO 8601 with offset. Given, not read from a clock: a SOAP push reports the past. */
  occurredAt: string;
  /** Defaults by actor: SOAP for a departmental system, WINDOW for staff, ONLINE otherwise. */
  channel?: RecordChannel;
  /** 办理人员: required from a departmental system, which acts for a named official; staff default to themselves. */
  handler?: { id: string; name: string | null };
  /** 办理业务处室（科室） */
  office?: string | null;
  summary?: string;
  /** 处理意见 */
  opinion?: string;
  reason?: string;
  /** Materials asked for (REQUEST_CORRECTION) or supplied (SUBMIT_CORRECTION). */
  materials?: string[];
  attachments?: Attachment[];
  riskPoint?: RiskPoint | null;
  /** START_STEP: which step. */
  step?: ProcessStepKind;
  /** SUSPEND: the special procedure, or HOLD. */
  suspension?: SuspensionKind;
  /** DECIDE */
  decision?: Decision;
  /** COMPLETE */
  result?: ResultKind;
  /** COMPLETE_STEP: whether the step's check passed; defaults to true. */
  passed?: boolean;
  /** REQUEST_CORRECTION: the correction deadline told to the applicant, ISO 8601 with offset. */
  dueAt?: string;
  /** 收费金额: what was charged with this act, in yuan as decimal text (`120.00`); supervision checks it against the guide. */
  feeYuan?: string;
}

/** Long enough for a reasoned opinion, short enough that one record cannot bloat a case. */
export const MAX_TEXT = 2000;
const MAX_LIST = 200;

export interface InputProblem {
  field: string;
  reason: string;
}

/** Yuan with at most two decimals, below a billion: text, so no binary fraction ever touches money. */
const FEE_YUAN = /^\d{1,9}(\.\d{1,2})?$/;

/** The amount as stored: no leading zeros, two decimals (`0120.5` → `120.50`). */
export function normalFeeYuan(text: string): string {
  const [whole, fraction = ''] = text.split('.');
  return `${String(Number(whole))}.${fraction.padEnd(2, '0')}`;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Milliseconds since the epoch, or null when `value` is not an ISO 8601 timestamp with an offset. */
export function timestampMillis(value: unknown): number | null {
  // Date.parse rolls 2025-02-30 over into March; a record must not silently move a day.
  if (typeof value !== 'string' || !TIMESTAMP.test(value) || !isIsoDate(value.slice(0, 10))) return null;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? null : millis;
}

function text(field: string, value: unknown, required: boolean): InputProblem | null {
  if (value === undefined || value === null) return required ? { field, reason: 'is required' } : null;
  if (typeof value !== 'string') return { field, reason: 'should be text' };
  if (value.trim() === '') return { field, reason: required ? 'is required' : 'should not be blank' };
  if (value.length > MAX_TEXT) return { field, reason: `should be at most ${MAX_TEXT} characters` };
  return null;
}

function textList(field: string, value: unknown, required: boolean): InputProblem | null {
  if (value === undefined) return required ? { field, reason: 'is required' } : null;
  if (!Array.isArray(value)) return { field, reason: 'should be a list' };
  if (required && value.length === 0) return { field, reason: 'should name at least one item' };
  if (value.length > MAX_LIST) return { field, reason: `should have at most ${MAX_LIST} items` };
  for (const [i, item] of value.entries()) {
    const problem = text(`${field}[${i}]`, item, true);
    if (problem !== null) return problem;
  }
  return null;
}

function oneOf(field: string, values: readonly string[], value: unknown, required: boolean): InputProblem | null {
  if (value === undefined) return required ? { field, reason: 'is required' } : null;
  return isOneOf(values, value) ? null : { field, reason: `should be one of ${values.join(', ')}` };
}

/** The requirements of the transition chosen, in the table's order. */
export function checkRequired(requires: readonly Requirement[], input: TransitionInput): InputProblem | null {
  for (const requirement of requires) {
    const problem = checkRequirement(requirement, input);
    if (problem !== null) return problem;
  }
  return null;
}

function checkRequirement(requirement: Requirement, input: TransitionInput): InputProblem | null {
  switch (requirement) {
    case 'opinion':
    case 'reason':
      return text(requirement, input[requirement], true);
    case 'materials':
      return textList('materials', input.materials, true);
    case 'step':
      return oneOf('step', PROCESS_STEPS, input.step, true);
    case 'suspension':
      return oneOf('suspension', SUSPENSION_KINDS, input.suspension, true);
    case 'decision':
      return oneOf('decision', DECISIONS, input.decision, true);
    case 'result':
      return oneOf('result', RESULT_KINDS, input.result, true);
  }
}

/** Fields any transition may carry: present ones must be well formed whatever the action. */
export function checkOptional(input: TransitionInput): InputProblem | null {
  return (
    oneOf('channel', RECORD_CHANNELS, input.channel, false) ??
    checkHandler(input.handler) ??
    text('office', input.office, false) ??
    text('summary', input.summary, false) ??
    text('opinion', input.opinion, false) ??
    text('reason', input.reason, false) ??
    textList('materials', input.materials, false) ??
    checkAttachments(input.attachments) ??
    checkRiskPoint(input.riskPoint) ??
    (input.passed === undefined || typeof input.passed === 'boolean' ? null : { field: 'passed', reason: 'should be true or false' }) ??
    (input.dueAt === undefined || timestampMillis(input.dueAt) !== null
      ? null
      : { field: 'dueAt', reason: 'should be an ISO 8601 timestamp with an offset' }) ??
    (input.feeYuan === undefined || (typeof input.feeYuan === 'string' && FEE_YUAN.test(input.feeYuan))
      ? null
      : { field: 'feeYuan', reason: 'should be an amount in yuan with at most two decimals, e.g. 120.00' })
  );
}

function checkHandler(handler: TransitionInput['handler']): InputProblem | null {
  if (handler === undefined) return null;
  if (typeof handler !== 'object' || handler === null) return { field: 'handler', reason: 'should name the handler' };
  return text('handler.id', handler.id, true) ?? text('handler.name', handler.name, false);
}

function checkAttachments(attachments: unknown): InputProblem | null {
  if (attachments === undefined) return null;
  if (!Array.isArray(attachments)) return { field: 'attachments', reason: 'should be a list' };
  if (attachments.length > MAX_LIST) return { field: 'attachments', reason: `should have at most ${MAX_LIST} items` };
  for (const [i, attachment] of attachments.entries()) {
    if (typeof attachment !== 'object' || attachment === null) return { field: `attachments[${i}]`, reason: 'should name a file' };
    const problem = text(`attachments[${i}].name`, attachment.name, true) ?? text(`attachments[${i}].reference`, attachment.reference, true);
    if (problem !== null) return problem;
  }
  return null;
}

function checkRiskPoint(riskPoint: unknown): InputProblem | null {
  if (riskPoint === undefined || riskPoint === null) return null;
  if (typeof riskPoint !== 'object') return { field: 'riskPoint', reason: 'should give category, description and controls' };
  const point = riskPoint as Record<string, unknown>;
  return (
    text('riskPoint.category', point['category'], true) ??
    text('riskPoint.description', point['description'], true) ??
    text('riskPoint.controls', point['controls'], true)
  );
}
