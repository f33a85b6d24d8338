import type { ResultKind } from '../cases/domain/states.ts';

export type { ResultKind };

export const DELIVERY_METHODS = ['WINDOW', 'POST', 'ELECTRONIC'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** 送达方式 as applicants read it. */
export const DELIVERY_METHOD_NAMES: Readonly<Record<DeliveryMethod, string>> = {
  WINDOW: '窗口领取',
  POST: '邮寄送达',
  ELECTRONIC: '电子送达',
};

export interface AttachmentModel {
  name: string;
  reference: string;
}

/**
 * A result as stored: what recordCaseResult accepted, normalised (the applicant masked, the
 * completion time in UTC with milliseconds). CaseResult, CaseStatusResult and PublicResult are
 * views of it.
 */
export interface ResultRecord {
  caseNumber: string;
  implementationCode: string;
  /** USCC of 办理部门. */
  agency: string;
  caseName: string;
  itemName: string;
  itemType: string;
  publish: boolean;
  /** Masked (王*): the full name is never stored. */
  applicantName: string;
  kind: ResultKind;
  status: string;
  opinion: string | null;
  reason: string | null;
  attachments: AttachmentModel[];
  /** ISO 8601, UTC, milliseconds. */
  completedAt: string;
  documentName: string | null;
  documentNumber: string | null;
  deliveryMethod: DeliveryMethod | null;
}

export interface ResultModel extends ResultRecord {
  /** Granted and public: listed in 结果公示. */
  published: boolean;
  recordedAt: string;
}

/** An entity of the cases subgraph, by key: Case and CaseStatus. */
export interface CaseRefModel {
  caseNumber: string;
}

export interface PublicResultPageModel {
  nodes: ResultModel[];
  hasNextPage: boolean;
  cursorOf(node: ResultModel): string;
  count(): Promise<number>;
}

export type { AccessLogEntry as AccessLogEntryModel } from '../../lib/audit/accessLog.ts';
export type { AccessLogPage as AccessLogPageModel } from '../../lib/audit/resolvers.ts';
