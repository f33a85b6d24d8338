import type { StepRole } from '../../../lib/auth/principal.ts';
import type { Action } from './actions.ts';
import type { CaseKind, CaseState, Decision, ProcessStepKind, ResultKind } from './states.ts';

/**
 * Who may take a transition. A step role is held by staff of the agency; `STEP` means the role of
 * the step concerned (STEP_ROLE_OF below); `APPLICANT` the applicant or the agent on the case;
 * `SYSTEM` Tongban's scheduler. A departmental system of the agency stands in for its staff
 * without roles: it has applied its own.
 */
export type TransitionRole = StepRole | 'STEP' | 'APPLICANT' | 'SYSTEM';

/** Input a transition cannot do without; a missing one is refused naming the field. */
export type Requirement = 'opinion' | 'reason' | 'result' | 'materials' | 'step' | 'suspension' | 'decision';

export interface Transition {
  action: Action;
  from: readonly CaseState[];
  to: CaseState;
  role: TransitionRole;
  requires?: readonly Requirement[];
  /** Participating agencies of a joint case may take it too, on their own steps. */
  participants?: true;
  /** Only cases of these kinds. */
  caseKinds?: readonly CaseKind[];
  /** Only a case whose decision was this. */
  decision?: Decision;
  /** COMPLETE: the result kinds the row accepts as input. */
  results?: readonly ResultKind[];
  /** The result the transition itself sets. */
  fixedResult?: ResultKind;
  /** 说明 */
  description: string;
}

/** 审查 and 审核 are for reviewers (审核岗), 决定 for approvers (审批岗). */
export const STEP_ROLE_OF: Readonly<Record<ProcessStepKind, StepRole>> = {
  REVIEW: 'REVIEW',
  VERIFY: 'REVIEW',
  DECIDE: 'APPROVE',
};

const BEFORE_ACCEPTANCE: readonly CaseState[] = ['SUBMITTED', 'PRE_REVIEW'];

/** Every state a case can be in before a decision has legal effect. */
const BEFORE_DECISION: readonly CaseState[] = [
  'SUBMITTED',
  'PRE_REVIEW',
  'CORRECTION_REQUESTED',
  'ACCEPTED',
  'IN_PROCESS',
  'SUSPENDED',
];

/**
 * The state machine. An action may have several rows (COMPLETE has one per way a case can end);
 * a transition is legal when a row matches the action, the state, the case kind, the decision and
 * the result kind, and the actor holds the row's role.
 */
export const TRANSITIONS: readonly Transition[] = [
  {
    action: 'PRE_REVIEW',
    from: ['SUBMITTED'],
    to: 'PRE_REVIEW',
    role: 'ACCEPT',
    description: '窗口签收并预审申请材料',
  },
  {
    action: 'ACCEPT',
    from: BEFORE_ACCEPTANCE,
    to: 'ACCEPTED',
    role: 'ACCEPT',
    // From SUBMITTED too: a window takes an application and accepts it on the spot (当场受理).
    description: '材料齐全、符合法定形式，予以受理',
  },
  {
    action: 'REJECT',
    from: BEFORE_ACCEPTANCE,
    to: 'NOT_ACCEPTED',
    role: 'ACCEPT',
    requires: ['reason'],
    description: '不属于受理范围或不符合受理条件，不予受理并说明理由',
  },
  {
    action: 'REQUEST_CORRECTION',
    from: BEFORE_ACCEPTANCE,
    to: 'CORRECTION_REQUESTED',
    role: 'ACCEPT',
    requires: ['materials', 'reason'],
    // Before acceptance only (行政许可法 art. 32): once accepted, a case is decided on its materials.
    description: '材料不齐全或不符合法定形式，一次性告知需补正的全部内容',
  },
  {
    action: 'SUBMIT_CORRECTION',
    from: ['CORRECTION_REQUESTED'],
    to: 'PRE_REVIEW',
    role: 'APPLICANT',
    requires: ['materials'],
    description: '申请人提交补正材料',
  },
  {
    action: 'SUBMIT_CORRECTION',
    from: ['CORRECTION_REQUESTED'],
    to: 'PRE_REVIEW',
    role: 'ACCEPT',
    requires: ['materials'],
    // Corrections are handed in at the window as often as online; the window records them.
    description: '窗口代收申请人提交的补正材料',
  },
  {
    action: 'CORRECTION_TIMEOUT',
    from: ['CORRECTION_REQUESTED'],
    to: 'COMPLETED',
    role: 'SYSTEM',
    fixedResult: 'CORRECTION_TIMEOUT',
    description: '逾期未补正，补正超时驳回',
  },
  {
    action: 'START_STEP',
    from: ['ACCEPTED', 'IN_PROCESS'],
    to: 'IN_PROCESS',
    role: 'STEP',
    requires: ['step'],
    participants: true,
    description: '开始审查、审核或决定环节',
  },
  {
    action: 'COMPLETE_STEP',
    from: ['IN_PROCESS'],
    to: 'IN_PROCESS',
    role: 'STEP',
    requires: ['opinion'],
    participants: true,
    description: '完成审查或审核环节并签署意见',
  },
  {
    action: 'SUSPEND',
    from: ['IN_PROCESS'],
    to: 'SUSPENDED',
    role: 'STEP',
    requires: ['suspension', 'reason'],
    participants: true,
    description: '进入特别程序（听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审）或挂起',
  },
  {
    action: 'RESUME',
    from: ['SUSPENDED'],
    to: 'IN_PROCESS',
    role: 'STEP',
    requires: ['opinion'],
    participants: true,
    description: '特别程序结束或挂起解除，恢复办理并记录结果',
  },
  {
    action: 'DECIDE',
    from: ['IN_PROCESS'],
    to: 'DECIDED',
    role: 'APPROVE',
    requires: ['decision', 'opinion'],
    description: '作出准予或不予的决定',
  },
  {
    action: 'COMPLETE',
    from: ['DECIDED'],
    to: 'COMPLETED',
    role: 'ACCEPT',
    requires: ['result'],
    decision: 'APPROVE',
    results: ['CERTIFICATE_ISSUED', 'COMPLETED'],
    description: '准予后出证办结或办结',
  },
  {
    action: 'COMPLETE',
    from: ['DECIDED'],
    to: 'COMPLETED',
    role: 'ACCEPT',
    requires: ['result', 'reason'],
    decision: 'DENY',
    results: ['RETURNED'],
    description: '不予许可，退回办结并说明理由',
  },
  {
    action: 'COMPLETE',
    from: ['ACCEPTED'],
    to: 'COMPLETED',
    role: 'ACCEPT',
    requires: ['result', 'opinion'],
    caseKinds: ['IMMEDIATE'],
    results: ['CERTIFICATE_ISSUED', 'COMPLETED'],
    description: '即办件当场办结',
  },
  {
    action: 'COMPLETE',
    from: ['ACCEPTED'],
    to: 'COMPLETED',
    role: 'ACCEPT',
    requires: ['result', 'opinion', 'reason'],
    caseKinds: ['IMMEDIATE'],
    results: ['RETURNED'],
    description: '即办件当场不予办理，退回办结并说明理由',
  },
  {
    action: 'COMPLETE',
    from: ['ACCEPTED', 'IN_PROCESS'],
    to: 'COMPLETED',
    role: 'APPROVE',
    requires: ['result', 'opinion'],
    caseKinds: ['ESCALATED'],
    results: ['FORWARDED'],
    description: '上报件签署初审意见后转报上级机关',
  },
  {
    action: 'COMPLETE',
    from: ['IN_PROCESS'],
    to: 'COMPLETED',
    role: 'APPROVE',
    requires: ['result', 'reason'],
    caseKinds: ['ESCALATED'],
    results: ['RETURNED'],
    // The higher authority decides an escalated case, so a county's refusal is a return, after review.
    description: '上报件初审不通过，退回办结并说明理由',
  },
  {
    action: 'COMPLETE',
    from: BEFORE_DECISION,
    to: 'COMPLETED',
    role: 'APPROVE',
    requires: ['result', 'reason'],
    results: ['VOIDED'],
    // Not after a decision: that has legal effect, and undoing it is revocation (撤销), not a case result.
    // From SUSPENDED too, so a case whose applicant ceased to exist is not resumed just to be voided.
    description: '重复、误建或失去办理基础的办件作废',
  },
  {
    action: 'WITHDRAW',
    from: BEFORE_DECISION,
    to: 'WITHDRAWN',
    role: 'APPLICANT',
    description: '申请人在作出决定前撤回申请',
  },
];
