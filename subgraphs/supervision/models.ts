/** A Case as supervision sees it: the key, and the process records the gateway brings along for `history` (@requires). */
export interface CaseRefModel {
  caseNumber: string;
  records?: Array<{
    version: number;
    occurredAt: string;
    recordedAt: string;
    action: string;
    actionName: string;
    stepName: string;
    handlerId: string;
    handlerName: string | null;
    opinion: string | null;
    reason: string | null;
    actorKind: string;
    sourceMessageId: string | null;
  }>;
}

export type { AccessLogEntry as AccessLogEntryModel } from '../../lib/audit/accessLog.ts';
export type { AccessLogPage as AccessLogPageModel } from '../../lib/audit/resolvers.ts';
