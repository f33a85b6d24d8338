import type { RecordedAction } from './actions.ts';
import type { Actor } from './actor.ts';
import { normalFeeYuan, type TransitionInput } from './input.ts';
import type { CaseSnapshot, ProcessRecord, RecordChannel } from './processRecord.ts';
import { DECISION_NAMES, RESULT_KIND_NAMES, STEP_KIND_NAMES } from './states.ts';
import type { ProcessStepKind, ResultKind, StepStatus } from './states.ts';

export interface RecordContext {
  /** The snapshot before the transition (null on submission) and after it. */
  before: CaseSnapshot | null;
  after: CaseSnapshot;
  action: RecordedAction;
  actor: Actor;
  input: TransitionInput;
  agency: string;
  step: ProcessStepKind | null;
  result: ResultKind | null;
}

/** A departmental system pushes over SOAP; staff work at the window console; applicants online. */
function defaultChannel(actor: Actor): RecordChannel {
  switch (actor.kind) {
    case 'DEPARTMENT_SYSTEM':
      return 'SOAP';
    case 'STAFF':
      return 'WINDOW';
    default:
      return 'ONLINE';
  }
}

/** The process record a transition writes: seed 001 §6(4)'s fields, and what the transition decided. */
export function buildRecord(context: RecordContext): ProcessRecord {
  const { before, after, action, actor, input, agency, step, result } = context;
  const handler = input.handler ?? { id: actor.subject, name: actor.name ?? null };
  return {
    caseNumber: after.caseNumber,
    version: after.version,
    action,
    fromState: before?.state ?? null,
    toState: after.state,
    agency,
    stepName: stepName(action, step),
    step,
    itemCode: after.caseNumber.slice(0, 24),
    office: input.office ?? null,
    handlerId: handler.id,
    handlerName: handler.name,
    stepStatus: stepStatus(action, input),
    caseName: after.name,
    summary: input.summary ?? summary(action, input, step, result),
    applicationChannel: after.application.channel,
    channel: input.channel ?? defaultChannel(actor),
    forms: [...after.application.forms],
    materials: [...(input.materials ?? after.application.materials)],
    appliedAt: after.application.submittedAt,
    applicant: { ...after.applicant },
    agent: after.agent === null ? null : { ...after.agent },
    promisedLimit: after.promisedLimit === null ? null : { ...after.promisedLimit },
    riskPoint: input.riskPoint == null ? null : { ...input.riskPoint },
    opinion: input.opinion ?? null,
    attachments: (input.attachments ?? []).map((attachment) => ({ ...attachment })),
    occurredAt: input.occurredAt,
    actorKind: actor.kind,
    actorSubject: actor.subject,
    reason: input.reason ?? null,
    suspension: action === 'SUSPEND' ? input.suspension! : null,
    decision: action === 'DECIDE' ? input.decision! : null,
    result,
    feeYuan: input.feeYuan === undefined ? null : normalFeeYuan(input.feeYuan),
  };
}

function stepName(action: RecordedAction, step: ProcessStepKind | null): string {
  if (step !== null) return STEP_KIND_NAMES[step];
  switch (action) {
    case 'SUBMIT':
      return '申报';
    case 'PRE_REVIEW':
      return '预审';
    case 'ACCEPT':
    case 'REJECT':
    case 'REQUEST_CORRECTION':
      return '受理';
    case 'SUBMIT_CORRECTION':
    case 'CORRECTION_TIMEOUT':
      return '补正';
    case 'WITHDRAW':
      return '撤回';
    default:
      return '办结';
  }
}

function stepStatus(action: RecordedAction, input: TransitionInput): StepStatus {
  switch (action) {
    case 'SUBMIT':
    case 'PRE_REVIEW':
    case 'START_STEP':
      return 'OPENED';
    case 'ACCEPT':
      return 'PASSED';
    case 'REJECT':
      return 'NOT_PASSED';
    case 'REQUEST_CORRECTION':
      return 'CORRECTION';
    case 'SUBMIT_CORRECTION':
    case 'RESUME':
      return 'RESUMED';
    case 'COMPLETE_STEP':
      return input.passed === false ? 'NOT_PASSED' : 'PASSED';
    case 'DECIDE':
      return input.decision === 'APPROVE' ? 'PASSED' : 'NOT_PASSED';
    case 'SUSPEND':
      return 'SUSPENDED';
    case 'CORRECTION_TIMEOUT':
    case 'COMPLETE':
    case 'WITHDRAW':
      return 'CLOSED';
  }
}

/** 办件摘要 when the caller gives none: what happened, in the words a case history shows. */
function summary(action: RecordedAction, input: TransitionInput, step: ProcessStepKind | null, result: ResultKind | null): string {
  const materials = (input.materials ?? []).join('、');
  const because = input.reason === undefined ? '' : `：${input.reason}`;
  switch (action) {
    case 'SUBMIT':
      return '提交申请';
    case 'PRE_REVIEW':
      return '签收预审';
    case 'ACCEPT':
      return '予以受理';
    case 'REJECT':
      return `不予受理${because}`;
    case 'REQUEST_CORRECTION':
      return `一次性告知补正：${materials}${input.reason === undefined ? '' : `（${input.reason}）`}`;
    case 'SUBMIT_CORRECTION':
      return `提交补正材料：${materials}`;
    case 'CORRECTION_TIMEOUT':
      return '逾期未补正，补正超时驳回';
    case 'START_STEP':
      return `开始${STEP_KIND_NAMES[step!]}`;
    case 'COMPLETE_STEP':
      return `${STEP_KIND_NAMES[step!]}${input.passed === false ? '不通过' : '通过'}`;
    case 'SUSPEND':
      return `暂停办理（${STEP_KIND_NAMES[input.suspension!]}）${because}`;
    case 'RESUME':
      return '恢复办理';
    case 'DECIDE':
      return `作出${DECISION_NAMES[input.decision!]}决定`;
    case 'COMPLETE':
      return `${RESULT_KIND_NAMES[result!]}${because}`;
    case 'WITHDRAW':
      return `申请人撤回申请${because}`;
  }
}
