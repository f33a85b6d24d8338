import type { CaseFact, CaseObservation, DeadlineFact, GuideFact, RecordFact } from '../../supervision/observations/observation.ts';
import type { GuideFee, GuideTerms } from '../datasources/catalog.ts';
import type { CaseSnapshot, ProcessRecord } from '../domain/processRecord.ts';
import { PROCESS_STEPS, isOneOf } from '../domain/states.ts';
import type { StoredDeadline, StoredDeadlines } from '../deadlines/index.ts';
import { deferredMaterials } from '../submission/materials.ts';

/**
 * What the cases subgraph tells supervision (电子监察) of every case write: the submission and each
 * transition, whoever drove it (staff, applicants, departmental systems, the scheduler). Queued in
 * the outbox in the transaction of the write, so supervision sees every write that committed and
 * none that did not; supervision records it idempotently on the message key, `<caseNumber>:<version>`.
 * The contract is subgraphs/supervision/observations/observation.ts.
 */
export const SUPERVISION_TOPIC = 'case.supervision';

export const observationKey = (caseNumber: string, version: number) => `${caseNumber}:${version}`;

/** One committed write, as commitTransition and submitApplication hold it. */
export interface ObservedWrite {
  guideTerms: GuideTerms;
  /** The case after the write. */
  snapshot: CaseSnapshot;
  /** The record the write produced, and when the store recorded it. */
  record: ProcessRecord;
  recordedAt: string;
  /** 受理时间: the case row's, or this record's when it is the acceptance. */
  acceptedAt: string | null;
  /** The due dates stored with the write (null before acceptance). */
  deadlines: StoredDeadlines | null;
}

/**
 * Guide terms stored before fees were captured carry none. They read as charged with no numeric
 * standard: a fee recorded on such a case then raises no fee alert (neither "charged on a free
 * item" nor "above the standard"), where assuming "free" would accuse every old case that charged.
 */
export const UNKNOWN_FEE: GuideFee = { charged: true, maxAmountYuan: null };

export function caseObservation(write: ObservedWrite): CaseObservation {
  return { kind: 'CASE', case: caseFact(write), record: recordFact(write.record, write.recordedAt), guide: guideFact(write.guideTerms) };
}

function caseFact({ snapshot, guideTerms, acceptedAt, deadlines }: ObservedWrite): CaseFact {
  const materialNames = new Set(snapshot.application.materials);
  return {
    caseNumber: snapshot.caseNumber,
    name: snapshot.name,
    kind: snapshot.kind,
    state: snapshot.state,
    implementationCode: guideTerms.implementationCode,
    agency: snapshot.owningAgency,
    participatingAgencies: [...snapshot.participatingAgencies],
    // 行政区划: the implementation code starts with the six-digit region code.
    region: guideTerms.implementationCode.slice(0, 6),
    channel: snapshot.application.channel,
    applicant: { ...snapshot.applicant },
    agent: snapshot.agent === null ? null : { ...snapshot.agent },
    submittedAt: snapshot.application.submittedAt,
    acceptedAt,
    // Cases keep material names (as their records do); the guide maps them back to its ids.
    materialIds: guideTerms.materials.filter((material) => materialNames.has(material.name)).map((material) => material.id),
    deferredMaterials: deferredMaterials(snapshot.application.materials, guideTerms.materials),
    completedSteps: snapshot.completedSteps.map((done) => ({ step: done.step, agency: done.agency, passed: done.passed, completedAt: done.completedAt })),
    decision: snapshot.decision === null ? null : { decision: snapshot.decision.decision, decidedAt: snapshot.decision.decidedAt },
    result: snapshot.result === null ? null : { kind: snapshot.result.kind, completedAt: snapshot.result.completedAt },
    deadlines:
      deadlines === null
        ? null
        : {
            legal: deadlineFact(deadlines.legal),
            promised: deadlineFact(deadlines.promised),
            steps: deadlines.steps.map((step) => ({ step: step.step, agency: step.agency, startedAt: step.startedAt, deadline: deadlineFact(step.deadline)! })),
          },
  };
}

function deadlineFact(deadline: StoredDeadline | null): DeadlineFact | null {
  if (deadline === null) return null;
  return {
    limit: { ...deadline.limit },
    startedOn: deadline.startedOn,
    due: deadline.due,
    finishedOn: deadline.finishedOn,
    suspendedDays: deadline.suspendedDays,
    calendarVersion: deadline.calendarVersion,
  };
}

function recordFact(record: ProcessRecord, recordedAt: string): RecordFact {
  return {
    version: record.version,
    action: record.action,
    fromState: record.fromState,
    toState: record.toState,
    occurredAt: record.occurredAt,
    recordedAt,
    actorKind: record.actorKind,
    handlerId: record.handlerId,
    handlerName: record.handlerName,
    channel: record.channel,
    sourceMessageId: record.sourceMessageId ?? null,
    step: record.step,
    // The record keeps the step's outcome as its status (通过 / 不通过).
    passed: record.action === 'COMPLETE_STEP' ? record.stepStatus === 'PASSED' : null,
    decision: record.decision,
    result: record.result,
    reason: record.reason,
    opinion: record.opinion,
    feeYuan: record.feeYuan === undefined || record.feeYuan === null ? null : Number(record.feeYuan),
  };
}

/**
 * The guide terms the case is handled under. `steps` are the case's step kinds the guide's process
 * gives a limit, in process order: the catalog names 审核 REVIEW and 决定 DECIDE; its other kinds
 * (受理, 办结, 送达 …) are not steps of a case.
 */
function guideFact(guide: GuideTerms): GuideFact {
  return {
    implementationCode: guide.implementationCode,
    name: guide.name,
    version: guide.version,
    itemType: guide.itemType,
    caseKind: guide.caseKind,
    legalLimit: guide.legalLimit === null ? null : { ...guide.legalLimit },
    promisedLimit: guide.promisedLimit === null ? null : { ...guide.promisedLimit },
    steps: Object.keys(guide.stepLimits).filter((kind) => isOneOf(PROCESS_STEPS, kind)),
    materials: guide.materials.map((material) => ({ id: material.id, name: material.name, requirement: material.requirement, deferrable: material.deferrable })),
    fee: { ...(guide.fee ?? UNKNOWN_FEE) },
  };
}
