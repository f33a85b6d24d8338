import type { RecordedAction } from './actions.ts';
import type {
  CaseKind,
  CaseState,
  Decision,
  ProcessStepKind,
  ResultKind,
  StepStatus,
  SuspensionKind,
} from './states.ts';

/** 证件类型 of applicants and agents. */
export const ID_TYPES = [
  'CITIZEN_ID',
  'USCC',
  'PASSPORT',
  'HK_MACAO_PERMIT',
  'TAIWAN_PERMIT',
  'FOREIGN_PERMANENT_RESIDENT',
  'OTHER',
] as const;
export type IdType = (typeof ID_TYPES)[number];

export const ID_TYPE_NAMES: Readonly<Record<IdType, string>> = {
  CITIZEN_ID: '居民身份证',
  USCC: '统一社会信用代码',
  PASSPORT: '护照',
  HK_MACAO_PERMIT: '港澳居民来往内地通行证',
  TAIWAN_PERMIT: '台湾居民来往大陆通行证',
  FOREIGN_PERMANENT_RESIDENT: '外国人永久居留身份证',
  OTHER: '其他',
};

/** 申请者, or 联系人/代理人. */
export interface Party {
  kind: 'NATURAL_PERSON' | 'LEGAL_PERSON';
  name: string;
  idType: IdType;
  idNumber: string;
}

export interface TimeLimit {
  value: number;
  unit: 'WORKING_DAY' | 'NATURAL_DAY';
}

/** 廉政风险点 of the step, as the item's risk register defines it. */
export interface RiskPoint {
  category: string;
  description: string;
  /** 风险内控的手段 */
  controls: string;
}

export interface Attachment {
  name: string;
  /** Where the file is kept (object key, URL); records never embed file content. */
  reference: string;
}

/** 办件申请方式: how the applicant applied. */
export const APPLICATION_CHANNELS = ['WINDOW', 'ONLINE', 'MOBILE', 'SOAP'] as const;
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];

/**
 * How a record reached Tongban: the window console, the portal, the mobile app, or a departmental
 * system over SOAP. Distinct from the application channel: an online application is often
 * processed at a window, or in a departmental system.
 */
export const RECORD_CHANNELS = ['WINDOW', 'ONLINE', 'MOBILE', 'SOAP'] as const;
export type RecordChannel = (typeof RECORD_CHANNELS)[number];

/** The application as submitted; corrections add materials. */
export interface Application {
  channel: ApplicationChannel;
  /** ISO 8601 with offset. */
  submittedAt: string;
  /** 办件申请表格 */
  forms: string[];
  /** 办件申请提交材料 */
  materials: string[];
}

/** A step an agency has started and not finished. */
export interface OpenStep {
  step: ProcessStepKind;
  agency: string;
  handlerId: string;
  startedAt: string;
}

export interface CompletedStep {
  step: ProcessStepKind;
  agency: string;
  handlerId: string;
  passed: boolean;
  completedAt: string;
}

export interface PendingCorrection {
  /** What the applicant was told to supply, all at once (一次性告知). */
  materials: string[];
  reason: string;
  requestedAt: string;
  /** After this the scheduler may close the case with CORRECTION_TIMEOUT; null: no deadline was set. */
  dueAt: string | null;
}

export interface Suspension {
  kind: SuspensionKind;
  reason: string;
  since: string;
  /** The agency whose step is suspended; it, or the lead agency, resumes. */
  agency: string;
  step: ProcessStepKind;
}

export interface CaseDecision {
  decision: Decision;
  opinion: string;
  agency: string;
  decidedAt: string;
}

/** 办理结果 (seed 001 §6(5)): the agency and item code are the case's own. */
export interface CaseResult {
  kind: ResultKind;
  /** 办结意见 */
  opinion: string | null;
  reason: string | null;
  attachments: Attachment[];
  completedAt: string;
  /** 结果文书 (name and number): what an electronic certificate issued from the case points at. */
  document?: { name: string; number: string } | null;
  /** 送达方式 */
  deliveryMethod?: string | null;
}

/**
 * A case as the state machine sees it. Immutable: a transition returns a new snapshot. `version`
 * starts at 1 on submission and each applied transition increments it, so the store can write the
 * next snapshot only where the row still has the previous version (optimistic locking).
 */
export interface CaseSnapshot {
  caseNumber: string;
  /** 办件名称 */
  name: string;
  kind: CaseKind;
  state: CaseState;
  /** USCC of the agency that owns the case; for a joint case, the lead agency. */
  owningAgency: string;
  /** USCCs of the other agencies of a joint case (empty for any other kind). */
  participatingAgencies: string[];
  applicant: Party;
  agent: Party | null;
  application: Application;
  /** 承诺期限; null where the guide promises none (an immediate case). */
  promisedLimit: TimeLimit | null;
  version: number;
  /**
   * Steps under way. A list, not one current step: the agencies of a joint case work in parallel
   * (并联审批), each on at most one step at a time.
   */
  openSteps: OpenStep[];
  completedSteps: CompletedStep[];
  correction: PendingCorrection | null;
  suspension: Suspension | null;
  decision: CaseDecision | null;
  result: CaseResult | null;
}

/**
 * One entry of the case's history (办理过程信息, seed 001 §6(4)), written by every transition.
 * Records are denormalised on purpose: exchange with provincial and national platforms sends
 * each record whole, and an auditor reading one must not need the case row as it was then.
 * National practice splits these into acceptance, process, special-procedure and result records;
 * `action` says which a record is.
 */
export interface ProcessRecord {
  caseNumber: string;
  /**
   * The version this record produced. Storing records unique on (caseNumber, version) makes
   * two transitions computed from the same snapshot unable to both be stored.
   */
  version: number;
  action: RecordedAction;
  fromState: CaseState | null;
  toState: CaseState;

  /** 办理部门 (USCC) */
  agency: string;
  /** 岗位（环节）名称 */
  stepName: string;
  step: ProcessStepKind | null;
  /** 事项编码: the implementation code. */
  itemCode: string;
  /** 办理业务处室（科室） */
  office: string | null;
  /** 办理人员工号 */
  handlerId: string;
  /** 办理人员姓名 */
  handlerName: string | null;
  /** 岗位（环节）状态 */
  stepStatus: StepStatus;
  /** 办件名称 */
  caseName: string;
  /** 办件摘要 */
  summary: string;
  /** 办件申请方式 */
  applicationChannel: ApplicationChannel;
  channel: RecordChannel;
  /** 办件申请表格 */
  forms: string[];
  /** 办件申请提交材料; on a correction request the materials asked for, on a correction those supplied. */
  materials: string[];
  /** 办件申请时间 */
  appliedAt: string;
  /** 申请者名称、证件类型、证件号码 */
  applicant: Party;
  /** 联系人/代理人姓名、证件类型、证件号码 */
  agent: Party | null;
  /** 办件承诺期限 and 承诺期限单位 */
  promisedLimit: TimeLimit | null;
  /** 风险点类别、风险点描述、风险内控的手段 */
  riskPoint: RiskPoint | null;
  /** 处理意见 */
  opinion: string | null;
  /** 办理附件 */
  attachments: Attachment[];
  /** 处理时间, ISO 8601 with offset: when it happened, which for a SOAP push is not when it arrived. */
  occurredAt: string;

  /** The CaseExchange message id a departmental system pushed this record with; absent otherwise. */
  sourceMessageId?: string | null;
  /** Who drove the transition, which for a departmental system is not the handler it names. */
  actorKind: string;
  actorSubject: string;
  reason: string | null;
  suspension: SuspensionKind | null;
  decision: Decision | null;
  result: ResultKind | null;
  /** 收费金额 charged with this act, in yuan (`120.00`); null when none. Absent from records written before fees were recorded. */
  feeYuan?: string | null;
}
