/**
 * The vocabulary of a case's life (办件): its states, kinds, result kinds and steps. Identifiers are
 * English; the Chinese names are what staff and applicants see and what national exchange uses.
 */

export const CASE_STATES = [
  'SUBMITTED',
  'PRE_REVIEW',
  'CORRECTION_REQUESTED',
  'ACCEPTED',
  'NOT_ACCEPTED',
  'IN_PROCESS',
  'SUSPENDED',
  'DECIDED',
  'COMPLETED',
  'WITHDRAWN',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_NAMES: Readonly<Record<CaseState, string>> = {
  SUBMITTED: '已申报',
  PRE_REVIEW: '预审中',
  CORRECTION_REQUESTED: '待补正',
  ACCEPTED: '已受理',
  NOT_ACCEPTED: '不予受理',
  IN_PROCESS: '办理中',
  SUSPENDED: '暂停（特别程序或挂起）',
  DECIDED: '已决定',
  COMPLETED: '已办结',
  /**
   * A state of its own rather than a result kind: withdrawal (撤回申请) is the applicant's act,
   * and none of the national result kinds says so — 退回办结 is the agency's refusal, 作废 an
   * invalid case. Supervision excludes withdrawn cases from timeliness figures, so they must be
   * told apart.
   */
  WITHDRAWN: '已撤回',
};

/** States no action leaves. */
export const TERMINAL_STATES: ReadonlySet<CaseState> = new Set(['NOT_ACCEPTED', 'COMPLETED', 'WITHDRAWN']);

/** 办件类型 (seed 001 §5(1)). */
export const CASE_KINDS = ['IMMEDIATE', 'PROMISED', 'SUPPLEMENTARY', 'ESCALATED', 'JOINT'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_KIND_NAMES: Readonly<Record<CaseKind, string>> = {
  IMMEDIATE: '即办件',
  PROMISED: '承诺件',
  SUPPLEMENTARY: '补办件',
  ESCALATED: '上报件',
  JOINT: '联办件',
};

/** 办结类型 of national exchange practice. */
export const RESULT_KINDS = ['CERTIFICATE_ISSUED', 'RETURNED', 'VOIDED', 'FORWARDED', 'CORRECTION_TIMEOUT', 'COMPLETED'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

export const RESULT_KIND_NAMES: Readonly<Record<ResultKind, string>> = {
  CERTIFICATE_ISSUED: '出证办结',
  RETURNED: '退回办结',
  VOIDED: '作废',
  FORWARDED: '转报',
  CORRECTION_TIMEOUT: '补正超时驳回',
  COMPLETED: '办结',
};

/** The agency's in-process steps (办理环节). */
export const PROCESS_STEPS = ['REVIEW', 'VERIFY', 'DECIDE'] as const;
export type ProcessStepKind = (typeof PROCESS_STEPS)[number];

/** Special procedures whose time does not count against the time limit (行政许可法 art. 45). */
export const SPECIAL_PROCEDURES = [
  'HEARING',
  'TENDER',
  'AUCTION',
  'INSPECTION',
  'TESTING',
  'QUARANTINE',
  'APPRAISAL',
  'EXPERT_REVIEW',
] as const;
export type SpecialProcedure = (typeof SPECIAL_PROCEDURES)[number];

/** Why a case is suspended: a special procedure, or a hold (挂起) for any other cause. */
export const SUSPENSION_KINDS = [...SPECIAL_PROCEDURES, 'HOLD'] as const;
export type SuspensionKind = (typeof SUSPENSION_KINDS)[number];

export const STEP_KINDS = [...PROCESS_STEPS, ...SUSPENSION_KINDS] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_KIND_NAMES: Readonly<Record<StepKind, string>> = {
  REVIEW: '审查',
  VERIFY: '审核',
  DECIDE: '决定',
  HEARING: '听证',
  TENDER: '招标',
  AUCTION: '拍卖',
  INSPECTION: '检验',
  TESTING: '检测',
  QUARANTINE: '检疫',
  APPRAISAL: '鉴定',
  EXPERT_REVIEW: '专家评审',
  HOLD: '挂起',
};

/**
 * Suspensions the law itself takes out of the time limit. A hold is not among them: whether a
 * 挂起 stops the clock is the deadline policy's call, not the state machine's.
 */
export const TIME_NOT_COUNTED: ReadonlySet<SuspensionKind> = new Set(SPECIAL_PROCEDURES);

export const DECISIONS = ['APPROVE', 'DENY'] as const;
export type Decision = (typeof DECISIONS)[number];

export const DECISION_NAMES: Readonly<Record<Decision, string>> = { APPROVE: '准予', DENY: '不予' };

/** 岗位（环节）状态: what a process record did to its step. */
export const STEP_STATUSES = ['OPENED', 'PASSED', 'NOT_PASSED', 'CORRECTION', 'SUSPENDED', 'RESUMED', 'CLOSED'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const STEP_STATUS_NAMES: Readonly<Record<StepStatus, string>> = {
  OPENED: '开始办理',
  PASSED: '通过',
  NOT_PASSED: '不通过',
  CORRECTION: '补正告知',
  SUSPENDED: '暂停',
  RESUMED: '恢复办理',
  CLOSED: '结束',
};

/** Narrows untrusted input (GraphQL enums arrive checked, SOAP strings do not) to one of `values`. */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
