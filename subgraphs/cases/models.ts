/**
 * What the cases resolvers pass around for each GraphQL type (codegen mappers): rows as the
 * repository returns them, resolved into GraphQL fields by resolvers/<Type>.ts.
 */
import type { CaseSnapshot } from './domain/processRecord.ts';
import type { SuspensionKind, ProcessStepKind } from './domain/states.ts';
import type { CaseRow, RecordRow } from './repository.ts';

export type { CaseRow, RecordRow } from './repository.ts';
export type { SubmissionReceipt as SubmissionReceiptModel } from './submission/submit.ts';

export interface CaseConnectionModel {
  rows: CaseRow[];
  total: number;
  hasNextPage: boolean;
  cursorOf(row: CaseRow): string;
}

export interface CaseActionPayloadModel {
  row: CaseRow;
  record: RecordRow['record'];
}

/** A special procedure or hold, paired from its SUSPEND and RESUME records. */
export interface SpecialProcedureModel {
  kind: SuspensionKind;
  reason: string;
  agency: string;
  step: ProcessStepKind;
  startedAt: string;
  endedAt: string | null;
  outcome: string | null;
}

export type SnapshotModel = CaseSnapshot;

export type { AccessLogEntry as AccessLogEntryModel } from '../../lib/audit/accessLog.ts';
export type { AccessLogPage as AccessLogPageModel } from '../../lib/audit/resolvers.ts';
