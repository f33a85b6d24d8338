import type { Queryable } from '../../../lib/db/store.ts';
import type { AppealModel, EvaluationModel, RectificationModel } from './model.ts';
import { APPEAL_COLUMNS, EVALUATION_COLUMNS, TASK_COLUMNS, toAppeal, toEvaluation, toTask } from './repository.ts';
import { CHANNEL_NAMES, LEVEL_NAMES } from './rules.ts';

/** One 好差评 event of a case's complete history (CaseHistoryEntry, with the case it belongs to). */
export interface EvaluationEvent {
  caseNumber: string;
  at: string;
  kind: 'EVALUATION' | 'RECTIFICATION' | 'APPEAL';
  title: string;
  actor: string | null;
  /** The evaluation's id (evaluation, appeal) or the task's (rectification). */
  reference: string;
  detail: string | null;
}

/**
 * The order of what can happen in one instant (a review and the task it opens, an upheld appeal and
 * the cancellation it causes): the cause before its effect.
 */
const STEP = { evaluated: 0, opened: 1, answered: 2, appealed: 3, decided: 4, closed: 5, cancelled: 6 } as const;

type Ranked = { event: EvaluationEvent; step: number };

function evaluationEvents(evaluation: EvaluationModel): Ranked[] {
  const event: EvaluationEvent = {
    caseNumber: evaluation.caseNumber,
    at: evaluation.evaluatedAt,
    kind: 'EVALUATION',
    title: `评价 · ${LEVEL_NAMES[evaluation.level]}（${CHANNEL_NAMES[evaluation.channel]}）`,
    actor: evaluation.evaluatedBy,
    reference: evaluation.id,
    detail: evaluation.comment,
  };
  return [{ event, step: STEP.evaluated }];
}

function taskEvents(task: RectificationModel): Ranked[] {
  const ranked = (step: number, at: string, title: string, actor: string | null, detail: string | null): Ranked => ({
    event: { caseNumber: task.caseNumber, at, kind: 'RECTIFICATION', title, actor, reference: task.id, detail },
    step,
  });
  const events = [ranked(STEP.opened, task.openedAt, `整改任务开启 · ${task.workingDays} 个工作日内反馈（${task.dueOn} 前）`, 'SYSTEM', null)];
  if (task.answeredAt !== null) events.push(ranked(STEP.answered, task.answeredAt, '整改反馈', task.answeredBy, task.reply));
  if (task.closedAt !== null) events.push(ranked(STEP.closed, task.closedAt, '整改办结', task.closedBy, task.closeNote));
  if (task.cancelledAt !== null) events.push(ranked(STEP.cancelled, task.cancelledAt, '整改任务撤销 · 申诉成立', task.cancelledBy, null));
  return events;
}

function appealEvents(appeal: AppealModel): Ranked[] {
  const ranked = (step: number, at: string, title: string, actor: string | null, detail: string | null): Ranked => ({
    event: { caseNumber: appeal.caseNumber, at, kind: 'APPEAL', title, actor, reference: appeal.evaluationId, detail },
    step,
  });
  const events = [ranked(STEP.appealed, appeal.appealedAt, '差评申诉', appeal.appealedBy, appeal.reason)];
  if (appeal.decidedAt !== null) events.push(ranked(STEP.decided, appeal.decidedAt, appeal.state === 'UPHELD' ? '申诉成立 · 评价不计入' : '申诉驳回', appeal.decidedBy, appeal.decision));
  return events;
}

/**
 * Every 好差评 event of the cases, for the complete reconstruction (全过程再现): evaluations given,
 * rectification tasks opened, answered, closed or cancelled, appeals made and decided. In time
 * order; three statements whatever the number of cases.
 */
export async function evaluationEventsOfCases(store: Queryable, caseNumbers: readonly string[]): Promise<EvaluationEvent[]> {
  if (caseNumbers.length === 0) return [];
  const cases = [[...caseNumbers]];
  const [evaluations, tasks, appeals] = await Promise.all([
    store.query(`SELECT ${EVALUATION_COLUMNS} FROM evaluation WHERE case_number = ANY($1::text[])`, cases),
    store.query(`SELECT ${TASK_COLUMNS} FROM rectification_task WHERE case_number = ANY($1::text[])`, cases),
    store.query(`SELECT ${APPEAL_COLUMNS} FROM evaluation_appeal WHERE case_number = ANY($1::text[])`, cases),
  ]);
  return [
    ...evaluations.rows.map(toEvaluation).flatMap(evaluationEvents),
    ...tasks.rows.map(toTask).flatMap(taskEvents),
    ...appeals.rows.map(toAppeal).flatMap(appealEvents),
  ]
    .sort((a, b) => a.event.at.localeCompare(b.event.at) || a.step - b.step)
    .map(({ event }) => event);
}
