import type { InternalIdentity } from '../../../lib/auth/internalToken.ts';
import { appendAccess } from '../../../lib/audit/accessLog.ts';
import { enqueue } from '../../../lib/outbox/outbox.ts';
import type { Context } from '../context.ts';
import type { Action } from '../domain/actions.ts';
import type { CaseSnapshot, ProcessRecord } from '../domain/processRecord.ts';
import { RESULT_KIND_NAMES } from '../domain/states.ts';
import { computeDeadlines, queueDueOn } from '../deadlines/index.ts';
import type { CaseRow, MaterialFile } from '../repository.ts';
import { caseObservation, observationKey, SUPERVISION_TOPIC } from '../supervision/observation.ts';
import { deadlineFacts, deadlineTerms } from './deadlineFacts.ts';

export const RESULT_TOPIC = 'case.result';

/** What the results subgraph records (its recordCaseResult input). */
export interface ResultMessage {
  caseNumber: string;
  implementationCode: string;
  agency: string;
  caseName: string;
  itemName: string;
  itemType: string;
  publish: boolean;
  applicantName: string;
  kind: string;
  status: string;
  opinion: string | null;
  reason: string | null;
  attachments: Array<{ name: string; reference: string }>;
  completedAt: string;
  documentName: string | null;
  documentNumber: string | null;
  deliveryMethod: string | null;
}

/** COMPLETE: the result document (结果文书) and how it reaches the applicant. */
export interface ResultDocuments {
  document: { name: string; number: string } | null;
  delivery: string | null;
}

export type CommitDependencies = Pick<Context, 'store' | 'repository' | 'calendar' | 'outbox'>;

/**
 * Writes a transition the state machine computed: the case (only where it still has the version
 * the transition was computed from), the process record, files handed in, due dates recomputed on
 * the working-day calendar, and in the outbox (same transaction) the observation for supervision
 * and, when the case just completed, the result for the results subgraph; then the access-log
 * entry. False when another transition won. Shared by staff and applicants' actOnCase, departmental
 * systems' exchangeCaseRecord and the scheduler's correction timeouts.
 */
export async function commitTransition(
  dependencies: CommitDependencies,
  identity: InternalIdentity,
  row: CaseRow,
  action: Action,
  outcome: { next: CaseSnapshot; record: ProcessRecord },
  options: { files?: MaterialFile[]; documents?: ResultDocuments } = {},
): Promise<boolean> {
  const { next, record } = outcome;
  const history = (await dependencies.repository.recordsOf([row.caseNumber])).get(row.caseNumber) ?? [];
  const records = [...history.map((entry) => entry.record), record];
  const beforeAcceptance = next.state === 'SUBMITTED' || next.state === 'PRE_REVIEW' || next.state === 'CORRECTION_REQUESTED';
  const deadlines = beforeAcceptance
    ? null
    : computeDeadlines(deadlineTerms(row.guideTerms), deadlineFacts(next, records), await dependencies.calendar.current(), row.deadlines);
  const acceptedAt = action === 'ACCEPT' ? record.occurredAt : null;
  const stored = await dependencies.store.transaction(async (tx) => {
    const recordedAt = await dependencies.repository.updateCase(tx, {
      before: row.snapshot,
      next,
      record,
      deadlines,
      dueOn: queueDueOn(deadlines),
      acceptedAt,
      materials: options.files ?? [],
    });
    if (recordedAt === null) return false;
    await enqueue(
      tx,
      SUPERVISION_TOPIC,
      observationKey(row.caseNumber, next.version),
      // The row keeps the first acceptance time (COALESCE in updateCase); so does the observation.
      caseObservation({ guideTerms: row.guideTerms, snapshot: next, record, recordedAt, acceptedAt: row.acceptedAt ?? acceptedAt, deadlines }),
    );
    if (next.result !== null && row.snapshot.result === null) {
      await enqueue(tx, RESULT_TOPIC, row.caseNumber, resultMessage(row, next, options.documents ?? { document: null, delivery: null }));
    }
    await appendAccess(tx, identity, { action: 'WRITE', resourceType: 'case', resourceId: row.caseNumber, fields: [`action:${action}`] });
    return true;
  });
  if (stored) dependencies.outbox.kick();
  return stored;
}

function resultMessage(row: CaseRow, next: CaseSnapshot, documents: ResultDocuments): ResultMessage {
  const result = next.result!;
  return {
    caseNumber: next.caseNumber,
    implementationCode: row.implementationCode,
    agency: next.owningAgency,
    caseName: next.name,
    itemName: row.guideTerms.name,
    itemType: row.guideTerms.itemType,
    // 结果公示 is for licenses whose guide says so (seed 001 §7(3) item 10).
    publish: row.guideTerms.publishResults && row.guideTerms.itemType === 'LICENSE',
    applicantName: next.applicant.name,
    kind: result.kind,
    status: RESULT_KIND_NAMES[result.kind],
    opinion: result.opinion,
    reason: result.reason,
    attachments: result.attachments.map((attachment) => ({ ...attachment })),
    completedAt: result.completedAt,
    documentName: documents.document?.name ?? null,
    documentNumber: documents.document?.number ?? null,
    deliveryMethod: documents.delivery,
  };
}

