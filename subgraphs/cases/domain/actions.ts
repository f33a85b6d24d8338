/** What staff, departmental systems, applicants and the scheduler may do to a case. */
export const ACTIONS = [
  'PRE_REVIEW',
  'ACCEPT',
  'REJECT',
  'REQUEST_CORRECTION',
  'SUBMIT_CORRECTION',
  'CORRECTION_TIMEOUT',
  'START_STEP',
  'COMPLETE_STEP',
  'SUSPEND',
  'RESUME',
  'DECIDE',
  'COMPLETE',
  'WITHDRAW',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Submission creates the case rather than moving one, so it is no Action; its record still names it. */
export type RecordedAction = Action | 'SUBMIT';

export const ACTION_NAMES: Readonly<Record<RecordedAction, string>> = {
  SUBMIT: '申报',
  PRE_REVIEW: '预审',
  ACCEPT: '受理',
  REJECT: '不予受理',
  REQUEST_CORRECTION: '补正告知',
  SUBMIT_CORRECTION: '提交补正材料',
  CORRECTION_TIMEOUT: '补正超时',
  START_STEP: '开始环节',
  COMPLETE_STEP: '完成环节',
  SUSPEND: '暂停办理',
  RESUME: '恢复办理',
  DECIDE: '作出决定',
  COMPLETE: '办结',
  WITHDRAW: '撤回申请',
};
