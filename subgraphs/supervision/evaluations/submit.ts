import { randomUUID } from 'node:crypto';
import { appendAccess } from '../../../lib/audit/accessLog.ts';
import { authorize } from '../../../lib/auth/authorize.ts';
import { decide } from '../../../lib/auth/policy.ts';
import type { WorkingCalendar } from '../../../lib/calendar/workingDays.ts';
import type { Queryable } from '../../../lib/db/store.ts';
import { badUserInput, duplicate, forbidden } from '../../../lib/errors.ts';
import { chinaDate } from '../../../lib/time.ts';
import type { Context } from '../context.ts';
import type { CaseFacts } from '../datasources/cases.ts';
import type { EvaluationInput } from '../generated/resolvers-types.ts';
import { dueAfter } from '../workflow/input.ts';
import type { EvaluationModel, RectificationModel } from './model.ts';
import { deadlineForRegion, evaluationOnChannel, insertEvaluation, insertTask, isUniqueViolation } from './repository.ts';
import { CHANNEL_NAMES, illegalTransition, isBadReview, ownersOf, partiesOf, validateEvaluation, type ValidEvaluation } from './rules.ts';

/** What the 好差评 writes need of a request's context (unit tests build just this). */
export type EvaluationContext = Pick<Context, 'identity' | 'store' | 'sources' | 'settings' | 'now'>;

/**
 * 好差评: the applicant evaluates a completed case, once per channel. Who applied and whether the case
 * completed are asked of the cases subgraph at the moment of evaluating (never a copy that may be
 * stale); the agency and the implementation are taken from the same answer. A bad review opens its
 * rectification task in the same transaction, so a review never exists without its task.
 */
export async function evaluateCase(context: EvaluationContext, input: EvaluationInput): Promise<{ evaluation: EvaluationModel; task: RectificationModel | null }> {
  const { identity } = context;
  authorize(identity.principal, 'evaluation.submit');
  const valid = validateEvaluation(input);
  const facts = await context.sources.cases.caseFacts(valid.caseNumber);
  if (facts === null) throw badUserInput('input.caseNumber', 'no such case');
  if (!decide(identity.principal, 'evaluation.submit', { owners: ownersOf(partiesOf(facts)) }).allowed) {
    throw forbidden('only the applicant of the case, or whoever applied for it, evaluates it');
  }
  if (facts.state !== 'COMPLETED') {
    throw illegalTransition('evaluateCase', facts.state, 'a case is evaluated after it completes, not before completion');
  }
  const now = context.now();
  const evaluation = evaluationOf(valid, facts, identity.principal.subject, now);
  // Read before the transaction: holding it open across an HTTP call would hold its locks too.
  const calendar = isBadReview(valid.level) ? await context.sources.calendar.current() : null;
  try {
    return await context.store.transaction(async (tx) => {
      const earlier = await evaluationOnChannel(tx, valid.caseNumber, valid.channel);
      if (earlier !== null) throw alreadyEvaluated(valid);
      await insertEvaluation(tx, evaluation);
      const task = calendar === null ? null : await openTask(tx, context, evaluation, calendar, now);
      await appendAccess(tx, identity, { action: 'WRITE', resourceType: 'evaluation', resourceId: evaluation.id, fields: ['level', 'indicators', 'comment'] }, context.now);
      return { evaluation, task };
    });
  } catch (error) {
    // Two submissions on one channel at once: both passed the check above, the unique index stops the second.
    if (isUniqueViolation(error, 'evaluation_case_channel_key')) throw alreadyEvaluated(valid);
    throw error;
  }
}

const alreadyEvaluated = (valid: ValidEvaluation) =>
  duplicate('input.channel', `case ${valid.caseNumber} has been evaluated on ${valid.channel} (${CHANNEL_NAMES[valid.channel]}) already: one evaluation per channel`);

function evaluationOf(valid: ValidEvaluation, facts: CaseFacts, subject: string, now: Date): EvaluationModel {
  const parties = partiesOf(facts);
  return {
    id: randomUUID(),
    caseNumber: valid.caseNumber,
    channel: valid.channel,
    level: valid.level,
    indicators: valid.indicators,
    comment: valid.comment,
    agency: facts.owningAgency,
    implementationCode: facts.implementationCode,
    region: facts.implementationCode.slice(0, 6),
    applicantId: parties.applicantId,
    agentId: parties.agentId,
    evaluatedBy: subject,
    evaluatedAt: now.toISOString(),
    counted: true,
  };
}

/**
 * The working days of the jurisdiction (the longest region prefix an auditor set, else
 * RECTIFICATION_WORKING_DAYS), counted from today in China on the calendar in force.
 */
async function openTask(tx: Queryable, context: EvaluationContext, evaluation: EvaluationModel, calendar: WorkingCalendar, now: Date): Promise<RectificationModel> {
  const workingDays = (await deadlineForRegion(tx, evaluation.region))?.workingDays ?? context.settings.rectificationWorkingDays;
  const task: RectificationModel = {
    id: randomUUID(),
    evaluationId: evaluation.id,
    caseNumber: evaluation.caseNumber,
    agency: evaluation.agency,
    region: evaluation.region,
    implementationCode: evaluation.implementationCode,
    state: 'OPEN',
    workingDays,
    dueOn: dueAfter(calendar, chinaDate(now), workingDays).dueOn,
    calendarVersion: calendar.version,
    openedAt: now.toISOString(),
    rectification: null,
    reply: null,
    answeredAt: null,
    answeredBy: null,
    closedAt: null,
    closedBy: null,
    closeNote: null,
    cancelledAt: null,
    cancelledBy: null,
    alerted: false,
    version: 1,
  };
  await insertTask(tx, task);
  return task;
}
