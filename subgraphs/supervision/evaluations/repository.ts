import type { Queryable } from '../../../lib/db/store.ts';
import type { EvaluationChannel, EvaluationLevel, RectificationState } from '../generated/resolvers-types.ts';
import { iso, isoOrNull, textOrNull, type Row } from '../../../lib/db/rows.ts';
import { Conditions } from '../workflow/sql.ts';
import type { AppealModel, EvaluationModel, RectificationDeadlineModel, RectificationModel } from './model.ts';

/** The 好差评 tables, in parameterised SQL; every write runs inside the caller's transaction. */

/** The violation of one named unique constraint: what a race the checks before it lost looks like. */
export const isUniqueViolation = (error: unknown, constraint: string) =>
  (error as { code?: string } | null)?.code === '23505' && (error as { constraint?: string }).constraint === constraint;

export const EVALUATION_COLUMNS = `id, case_number, channel, level, efficiency, guide_accuracy, convenience, operability, comment, agency,
  implementation_code, region, applicant_id, agent_id, evaluated_by, evaluated_at, counted`;

export function toEvaluation(row: Row): EvaluationModel {
  return {
    id: String(row['id']),
    caseNumber: String(row['case_number']),
    channel: row['channel'] as EvaluationChannel,
    level: row['level'] as EvaluationLevel,
    indicators:
      row['efficiency'] === null
        ? null
        : { efficiency: Number(row['efficiency']), guideAccuracy: Number(row['guide_accuracy']), convenience: Number(row['convenience']), operability: Number(row['operability']) },
    comment: textOrNull(row['comment']),
    agency: String(row['agency']),
    implementationCode: String(row['implementation_code']),
    region: String(row['region']),
    applicantId: String(row['applicant_id']),
    agentId: textOrNull(row['agent_id']),
    evaluatedBy: String(row['evaluated_by']),
    evaluatedAt: iso(row['evaluated_at']),
    counted: Boolean(row['counted']),
  };
}

export const TASK_COLUMNS = `id, evaluation_id, case_number, agency, region, implementation_code, state, working_days, due_on::text AS due_on,
  calendar_version, opened_at, rectification, reply, answered_at, answered_by, closed_at, closed_by, close_note, cancelled_at, cancelled_by,
  overdue_alerted, version`;

export function toTask(row: Row): RectificationModel {
  return {
    id: String(row['id']),
    evaluationId: String(row['evaluation_id']),
    caseNumber: String(row['case_number']),
    agency: String(row['agency']),
    region: String(row['region']),
    implementationCode: String(row['implementation_code']),
    state: row['state'] as RectificationState,
    workingDays: Number(row['working_days']),
    dueOn: String(row['due_on']),
    calendarVersion: String(row['calendar_version']),
    openedAt: iso(row['opened_at']),
    rectification: textOrNull(row['rectification']),
    reply: textOrNull(row['reply']),
    answeredAt: isoOrNull(row['answered_at']),
    answeredBy: textOrNull(row['answered_by']),
    closedAt: isoOrNull(row['closed_at']),
    closedBy: textOrNull(row['closed_by']),
    closeNote: textOrNull(row['close_note']),
    cancelledAt: isoOrNull(row['cancelled_at']),
    cancelledBy: textOrNull(row['cancelled_by']),
    alerted: Boolean(row['overdue_alerted']),
    version: Number(row['version']),
  };
}

export const APPEAL_COLUMNS = 'evaluation_id, case_number, agency, reason, appealed_by, appealed_at, state, decided_by, decided_at, decision';

export function toAppeal(row: Row): AppealModel {
  return {
    evaluationId: String(row['evaluation_id']),
    caseNumber: String(row['case_number']),
    agency: String(row['agency']),
    reason: String(row['reason']),
    appealedBy: String(row['appealed_by']),
    appealedAt: iso(row['appealed_at']),
    state: row['state'] as AppealModel['state'],
    decidedBy: textOrNull(row['decided_by']),
    decidedAt: isoOrNull(row['decided_at']),
    decision: textOrNull(row['decision']),
  };
}

const toDeadline = (row: Row): RectificationDeadlineModel => ({
  region: String(row['region']),
  workingDays: Number(row['working_days']),
  setBy: String(row['set_by']),
  setAt: iso(row['set_at']),
});

export async function insertEvaluation(tx: Queryable, evaluation: EvaluationModel): Promise<void> {
  const { indicators } = evaluation;
  await tx.query(
    `INSERT INTO evaluation (${EVALUATION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      evaluation.id, evaluation.caseNumber, evaluation.channel, evaluation.level,
      indicators?.efficiency ?? null, indicators?.guideAccuracy ?? null, indicators?.convenience ?? null, indicators?.operability ?? null,
      evaluation.comment, evaluation.agency, evaluation.implementationCode, evaluation.region, evaluation.applicantId, evaluation.agentId,
      evaluation.evaluatedBy, evaluation.evaluatedAt, evaluation.counted,
    ],
  );
}

export async function insertTask(tx: Queryable, task: RectificationModel): Promise<void> {
  await tx.query(
    `INSERT INTO rectification_task (id, evaluation_id, case_number, agency, region, implementation_code, state, working_days, due_on, calendar_version, opened_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10, $11)`,
    [task.id, task.evaluationId, task.caseNumber, task.agency, task.region, task.implementationCode, task.state, task.workingDays, task.dueOn, task.calendarVersion, task.openedAt],
  );
}

export async function evaluationOnChannel(db: Queryable, caseNumber: string, channel: EvaluationChannel): Promise<EvaluationModel | null> {
  const { rows } = await db.query(`SELECT ${EVALUATION_COLUMNS} FROM evaluation WHERE case_number = $1 AND channel = $2`, [caseNumber, channel]);
  return rows[0] ? toEvaluation(rows[0]) : null;
}

/** One evaluation, locked for the rest of the transaction when `forUpdate`. */
export async function evaluationById(db: Queryable, id: string, forUpdate = false): Promise<EvaluationModel | null> {
  const { rows } = await db.query(`SELECT ${EVALUATION_COLUMNS} FROM evaluation WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toEvaluation(rows[0]) : null;
}

export async function taskById(db: Queryable, id: string, forUpdate = false): Promise<RectificationModel | null> {
  const { rows } = await db.query(`SELECT ${TASK_COLUMNS} FROM rectification_task WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toTask(rows[0]) : null;
}

export async function taskOfEvaluation(db: Queryable, evaluationId: string, forUpdate = false): Promise<RectificationModel | null> {
  const { rows } = await db.query(`SELECT ${TASK_COLUMNS} FROM rectification_task WHERE evaluation_id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [evaluationId]);
  return rows[0] ? toTask(rows[0]) : null;
}

export async function appealOf(db: Queryable, evaluationId: string): Promise<AppealModel | null> {
  const { rows } = await db.query(`SELECT ${APPEAL_COLUMNS} FROM evaluation_appeal WHERE evaluation_id = $1`, [evaluationId]);
  return rows[0] ? toAppeal(rows[0]) : null;
}

/** What a task transition writes: its new state, the columns it fills, and the next version. */
export async function updateTask(tx: Queryable, id: string, state: RectificationState, fields: Partial<Record<'rectification' | 'reply' | 'answered_at' | 'answered_by' | 'closed_at' | 'closed_by' | 'close_note' | 'cancelled_at' | 'cancelled_by', string | null>>): Promise<RectificationModel> {
  const columns = Object.keys(fields);
  const sets = columns.map((column, index) => `${column} = $${index + 3}`);
  const { rows } = await tx.query(
    `UPDATE rectification_task SET state = $2, version = version + 1${sets.length ? `, ${sets.join(', ')}` : ''} WHERE id = $1 RETURNING ${TASK_COLUMNS}`,
    [id, state, ...columns.map((column) => fields[column as keyof typeof fields])],
  );
  return toTask(rows[0]!);
}

export async function insertAppeal(tx: Queryable, appeal: AppealModel): Promise<void> {
  await tx.query(
    `INSERT INTO evaluation_appeal (evaluation_id, case_number, agency, reason, appealed_by, appealed_at, state) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [appeal.evaluationId, appeal.caseNumber, appeal.agency, appeal.reason, appeal.appealedBy, appeal.appealedAt, appeal.state],
  );
}

export async function decideAppeal(tx: Queryable, evaluationId: string, state: 'UPHELD' | 'DISMISSED', decidedBy: string, decidedAt: string, decision: string): Promise<void> {
  await tx.query('UPDATE evaluation_appeal SET state = $2, decided_by = $3, decided_at = $4, decision = $5 WHERE evaluation_id = $1', [evaluationId, state, decidedBy, decidedAt, decision]);
}

export async function setUncounted(tx: Queryable, evaluationId: string): Promise<void> {
  await tx.query('UPDATE evaluation SET counted = false WHERE id = $1', [evaluationId]);
}

/** The jurisdiction's own working days: the longest of the region's 2-, 4- and 6-digit prefixes that has one. */
export async function deadlineForRegion(db: Queryable, region: string): Promise<RectificationDeadlineModel | null> {
  const prefixes = [region.slice(0, 6), region.slice(0, 4), region.slice(0, 2)];
  const { rows } = await db.query('SELECT region, working_days, set_by, set_at FROM rectification_deadline WHERE region = ANY($1::text[]) ORDER BY length(region) DESC LIMIT 1', [prefixes]);
  return rows[0] ? toDeadline(rows[0]) : null;
}

export async function listDeadlines(db: Queryable): Promise<RectificationDeadlineModel[]> {
  const { rows } = await db.query('SELECT region, working_days, set_by, set_at FROM rectification_deadline ORDER BY region');
  return rows.map(toDeadline);
}

export async function upsertDeadline(tx: Queryable, deadline: RectificationDeadlineModel): Promise<RectificationDeadlineModel> {
  const { rows } = await tx.query(
    `INSERT INTO rectification_deadline (region, working_days, set_by, set_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (region) DO UPDATE SET working_days = EXCLUDED.working_days, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
     RETURNING region, working_days, set_by, set_at`,
    [deadline.region, deadline.workingDays, deadline.setBy, deadline.setAt],
  );
  return toDeadline(rows[0]!);
}

export interface TaskListFilter {
  agency: string | null;
  states: readonly RectificationState[] | null;
  limit: number;
}

/** Tasks oldest due first (the agency's worklist, the auditors' overview). */
export async function listTasks(db: Queryable, filter: TaskListFilter): Promise<RectificationModel[]> {
  const conditions = new Conditions()
    .add(filter.agency, (agency) => `agency = ${agency}`)
    .add(filter.states === null ? null : [...filter.states], (states) => `state = ANY(${states}::text[])`);
  const { rows } = await db.query(
    `SELECT ${TASK_COLUMNS} FROM rectification_task ${conditions.where} ORDER BY due_on, opened_at, id LIMIT ${conditions.param(filter.limit)}`,
    conditions.params,
  );
  return rows.map(toTask);
}

/** An applicant's evaluations, newest first: as the applicant, whoever acts for it, or the agent who applied. */
export async function evaluationsOfApplicant(db: Queryable, codes: readonly string[], limit: number): Promise<EvaluationModel[]> {
  const { rows } = await db.query(
    `SELECT ${EVALUATION_COLUMNS} FROM evaluation WHERE applicant_id = ANY($1::text[]) OR agent_id = ANY($1::text[]) ORDER BY evaluated_at DESC, id LIMIT $2`,
    [[...codes], limit],
  );
  return rows.map(toEvaluation);
}
