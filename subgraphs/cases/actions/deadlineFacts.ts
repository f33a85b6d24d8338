import type { GuideTerms } from '../datasources/catalog.ts';
import type { CaseSnapshot, ProcessRecord, TimeLimit } from '../domain/processRecord.ts';
import type { ProcessStepKind } from '../domain/states.ts';
import type { DeadlineFacts, DeadlineTerms } from '../deadlines/index.ts';
import { specialProcedures } from '../history.ts';

/**
 * The guide's limits as the deadline arithmetic takes them. The catalog's process names one
 * review step (审核) where the case distinguishes 审查 and 审核: the catalog's REVIEW limit applies
 * to each of the case's REVIEW and VERIFY steps.
 */
export function deadlineTerms(guide: GuideTerms): DeadlineTerms {
  const steps: Partial<Record<ProcessStepKind, TimeLimit>> = {};
  const review = guide.stepLimits['REVIEW'];
  if (review) {
    steps.REVIEW = review;
    steps.VERIFY = review;
  }
  const decide = guide.stepLimits['DECIDE'];
  if (decide) steps.DECIDE = decide;
  return { legal: guide.legalLimit, promised: guide.promisedLimit, steps };
}

/**
 * What happened to the case that the clock cares about, read off its process records (the
 * snapshot keeps only the suspension under way, the records keep them all).
 */
export function deadlineFacts(snapshot: CaseSnapshot, records: readonly ProcessRecord[]): DeadlineFacts {
  const acceptedAt = records.find((record) => record.action === 'ACCEPT')?.occurredAt ?? null;
  // The period ends with the decision; a case closed without one (withdrawn, voided) ends it when it closed.
  const closedAt = snapshot.state === 'WITHDRAWN' ? (records.at(-1)?.occurredAt ?? null) : null;
  const finishedAt = snapshot.decision?.decidedAt ?? snapshot.result?.completedAt ?? closedAt;
  const suspensions: DeadlineFacts['suspensions'] = specialProcedures(records).map((procedure) => ({
    kind: procedure.kind,
    from: procedure.startedAt,
    to: procedure.endedAt,
  }));
  const steps: DeadlineFacts['steps'] = [];
  for (const record of records) {
    switch (record.action) {
      case 'START_STEP':
        steps.push({ step: record.step!, agency: record.agency, startedAt: record.occurredAt, completedAt: null });
        break;
      case 'COMPLETE_STEP':
      case 'DECIDE': {
        const open = steps.findLast((step) => step.agency === record.agency && step.completedAt === null);
        if (open) open.completedAt = record.occurredAt;
        break;
      }
      case 'COMPLETE':
      case 'WITHDRAW': {
        for (const step of steps) if (step.completedAt === null) step.completedAt = record.occurredAt;
        break;
      }
      default:
        break;
    }
  }
  return { acceptedAt, finishedAt, suspensions, steps };
}
