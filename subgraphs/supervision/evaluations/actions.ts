import { appendAccess, type AccessRecord } from '../../../lib/audit/accessLog.ts';
import { authorize } from '../../../lib/auth/authorize.ts';
import type { Principal } from '../../../lib/auth/principal.ts';
import type { Queryable } from '../../../lib/db/store.ts';
import { badUserInput, duplicate, forbidden, versionConflict } from '../../../lib/errors.ts';
import type { RectificationAnswerInput } from '../generated/resolvers-types.ts';
import type { EvaluationModel, RectificationDeadlineModel, RectificationModel } from './model.ts';
import { appealOf, decideAppeal, evaluationById, insertAppeal, isUniqueViolation, setUncounted, taskById, taskOfEvaluation, updateTask, upsertDeadline } from './repository.ts';
import { illegalTransition, isBadReview, LEVEL_NAMES, MAX_TEXT, optionalText, requiredText } from './rules.ts';
import type { EvaluationContext } from './submit.ts';

/**
 * The rectification task and appeal state machines:
 *   task   OPEN → ANSWERED (the agency's staff) → CLOSED (an auditor); OPEN or ANSWERED → CANCELLED (appeal upheld)
 *   appeal PENDING → UPHELD | DISMISSED (an auditor); one appeal per evaluation, on a counted bad review.
 * Each write locks the row it moves, checks, writes and logs in one transaction: nothing of a
 * refused request is stored.
 */

/** supervision.act for one kind of principal only: the policy lets staff and auditors act, the machine says which of them does what. */
function actor(principal: Principal, kind: 'STAFF' | 'AUDITOR', what: string): void {
  authorize(principal, 'supervision.act');
  if (principal.kind !== kind) throw forbidden(`${what}: ${kind === 'STAFF' ? "the agency's staff" : 'auditors'} only`);
}

async function write<T>(context: EvaluationContext, record: AccessRecord, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return context.store.transaction(async (tx) => {
    const result = await work(tx);
    await appendAccess(tx, context.identity, record, context.now);
    return result;
  });
}

async function lockedTask(tx: Queryable, id: string): Promise<RectificationModel> {
  const task = await taskById(tx, id, true);
  if (task === null) throw badUserInput('id', 'no such rectification task');
  return task;
}

function checkVersion(task: RectificationModel, expectedVersion: number): void {
  if (task.version !== expectedVersion) throw versionConflict('expectedVersion', task.version, expectedVersion);
}

/** 整改反馈: the agency says what it rectified and answers the applicant. */
export async function answerRectification(context: EvaluationContext, id: string, input: RectificationAnswerInput): Promise<RectificationModel> {
  const { principal } = context.identity;
  actor(principal, 'STAFF', 'a rectification task is answered by its agency');
  const rectification = requiredText('input.rectification', input.rectification, MAX_TEXT);
  const reply = requiredText('input.reply', input.reply, MAX_TEXT);
  return write(context, { action: 'WRITE', resourceType: 'rectification_task', resourceId: id, fields: ['rectification', 'reply'] }, async (tx) => {
    const task = await lockedTask(tx, id);
    authorize(principal, 'supervision.act', { agency: task.agency });
    checkVersion(task, input.expectedVersion);
    if (task.state !== 'OPEN') throw illegalTransition('answerRectification', task.state, 'only an open task is answered');
    return updateTask(tx, id, 'ANSWERED', { rectification, reply, answered_at: context.now().toISOString(), answered_by: principal.subject });
  });
}

/** An auditor checks the answer and closes the task. */
export async function closeRectification(context: EvaluationContext, id: string, expectedVersion: number, note: string | null | undefined): Promise<RectificationModel> {
  const { principal } = context.identity;
  actor(principal, 'AUDITOR', 'a rectification task is closed after checking');
  const closeNote = optionalText('note', note, MAX_TEXT);
  return write(context, { action: 'WRITE', resourceType: 'rectification_task', resourceId: id, fields: ['state', 'closeNote'] }, async (tx) => {
    const task = await lockedTask(tx, id);
    checkVersion(task, expectedVersion);
    if (task.state !== 'ANSWERED') throw illegalTransition('closeRectification', task.state, 'only an answered task is closed');
    return updateTask(tx, id, 'CLOSED', { closed_at: context.now().toISOString(), closed_by: principal.subject, close_note: closeNote });
  });
}

async function lockedEvaluation(tx: Queryable, id: string): Promise<EvaluationModel> {
  const evaluation = await evaluationById(tx, id, true);
  if (evaluation === null) throw badUserInput('id', 'no such evaluation');
  return evaluation;
}

const alreadyAppealed = (state: string) => duplicate('id', `the evaluation has been appealed already (${state}): one appeal per evaluation`);

/** 申诉: the agency evaluated holds a bad review mistaken or malicious. */
export async function appealEvaluation(context: EvaluationContext, id: string, reason: string): Promise<EvaluationModel> {
  const { principal } = context.identity;
  actor(principal, 'STAFF', 'an evaluation is appealed by the agency evaluated');
  const why = requiredText('reason', reason, MAX_TEXT);
  try {
    return await write(context, { action: 'WRITE', resourceType: 'evaluation', resourceId: id, fields: ['appeal'] }, async (tx) => {
      const evaluation = await lockedEvaluation(tx, id);
      authorize(principal, 'supervision.act', { agency: evaluation.agency });
      const earlier = await appealOf(tx, id);
      if (earlier !== null) throw alreadyAppealed(earlier.state);
      if (!isBadReview(evaluation.level)) throw illegalTransition('appealEvaluation', evaluation.level, `only a bad review (不满意, 非常不满意) is appealed, not ${LEVEL_NAMES[evaluation.level]}`);
      if (!evaluation.counted) throw illegalTransition('appealEvaluation', 'SET_ASIDE', 'the review no longer counts');
      await insertAppeal(tx, {
        evaluationId: id,
        caseNumber: evaluation.caseNumber,
        agency: evaluation.agency,
        reason: why,
        appealedBy: principal.subject,
        appealedAt: context.now().toISOString(),
        state: 'PENDING',
        decidedBy: null,
        decidedAt: null,
        decision: null,
      });
      return evaluation;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'evaluation_appeal_pkey')) throw alreadyAppealed('PENDING');
    throw error;
  }
}

/** An auditor decides an appeal; upheld sets the review aside and cancels its unfinished task. */
export async function decideEvaluationAppeal(context: EvaluationContext, id: string, uphold: boolean, decision: string): Promise<EvaluationModel> {
  const { principal } = context.identity;
  actor(principal, 'AUDITOR', 'an appeal is decided by an auditor');
  const decided = requiredText('decision', decision, MAX_TEXT);
  return write(context, { action: 'WRITE', resourceType: 'evaluation', resourceId: id, fields: ['appeal', 'counted'] }, async (tx) => {
    const evaluation = await lockedEvaluation(tx, id);
    const appeal = await appealOf(tx, id);
    if (appeal === null) throw illegalTransition('decideEvaluationAppeal', 'NOT_APPEALED', 'the evaluation has no appeal to decide');
    if (appeal.state !== 'PENDING') throw illegalTransition('decideEvaluationAppeal', appeal.state, 'the appeal is decided already');
    const at = context.now().toISOString();
    await decideAppeal(tx, id, uphold ? 'UPHELD' : 'DISMISSED', principal.subject, at, decided);
    if (!uphold) return evaluation;
    await setUncounted(tx, id);
    const task = await taskOfEvaluation(tx, id, true);
    // A closed task stays closed: the agency did rectify, whatever the review was worth.
    if (task !== null && (task.state === 'OPEN' || task.state === 'ANSWERED')) await updateTask(tx, task.id, 'CANCELLED', { cancelled_at: at, cancelled_by: principal.subject });
    return { ...evaluation, counted: false };
  });
}

const REGION_PREFIX = /^\d{2}(?:\d{2}){0,2}$/;

/** The working days a jurisdiction (province 2, city 4, county 6 digits) allows for rectifications. */
export async function setRectificationDeadline(context: EvaluationContext, region: string, workingDays: number): Promise<RectificationDeadlineModel> {
  const { principal } = context.identity;
  authorize(principal, 'supervision.rules.write');
  if (!REGION_PREFIX.test(region)) throw badUserInput('region', 'must be a region code of 2, 4 or 6 digits (province, city, county)', '2, 4 or 6 digits');
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > 60) throw badUserInput('workingDays', 'must be 1 to 60 working days', '1–60');
  return write(context, { action: 'WRITE', resourceType: 'rectification_deadline', resourceId: region, fields: [] }, (tx) =>
    upsertDeadline(tx, { region, workingDays, setBy: principal.subject, setAt: context.now().toISOString() }),
  );
}
