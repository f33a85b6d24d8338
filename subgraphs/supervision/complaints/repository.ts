import type { Queryable } from '../../../lib/db/store.ts';
import { iso, isoOrNull, textOrNull, type Row } from '../../../lib/db/rows.ts';
import { Conditions } from '../workflow/sql.ts';
import { COMPLAINT_STEPS, insertStep, stepsOf } from '../workflow/steps.ts';
import type { StepModel } from '../workflow/machine.ts';
import { COMPLAINT_ACTION_NAMES, type ComplaintChange } from './machine.ts';
import type { ComplaintChannel, ComplaintModel, ComplaintState, ComplaintStepModel, ComplaintSubjectKind } from './model.ts';

/** Parameterised SQL over complaint and its steps; writes run inside the caller's transaction. */

export const COMPLAINT_COLUMNS = `id, number, channel, subject_kind, case_number, agency, region, implementation_code, item_type, complainant_subject,
  complainant_codes, complainant_name, complainant_phone, content, recorded_by, received_at, state, answer_due_on::text AS answer_due_on,
  calendar_version, answer, answered_at, satisfied, closed_at, version`;

export function toComplaint(row: Row): ComplaintModel {
  return {
    id: String(row['id']),
    number: String(row['number']),
    channel: row['channel'] as ComplaintChannel,
    subjectKind: row['subject_kind'] as ComplaintSubjectKind,
    caseNumber: textOrNull(row['case_number']),
    agency: String(row['agency']),
    region: String(row['region']),
    implementationCode: textOrNull(row['implementation_code']),
    itemType: textOrNull(row['item_type']),
    complainantSubject: textOrNull(row['complainant_subject']),
    complainantCodes: (row['complainant_codes'] as string[] | null) ?? [],
    complainantName: String(row['complainant_name']),
    complainantPhone: textOrNull(row['complainant_phone']),
    content: String(row['content']),
    recordedBy: String(row['recorded_by']),
    receivedAt: iso(row['received_at']),
    state: row['state'] as ComplaintState,
    answerDueOn: textOrNull(row['answer_due_on']),
    calendarVersion: textOrNull(row['calendar_version']),
    answer: textOrNull(row['answer']),
    answeredAt: isoOrNull(row['answered_at']),
    satisfied: row['satisfied'] === null || row['satisfied'] === undefined ? null : Boolean(row['satisfied']),
    closedAt: isoOrNull(row['closed_at']),
    version: Number(row['version']),
  };
}

/** Stores a new complaint (version 1) and its first step. */
export async function insertComplaint(tx: Queryable, complaint: ComplaintModel, step: StepModel): Promise<void> {
  await tx.query(
    `INSERT INTO complaint (id, number, channel, subject_kind, case_number, agency, region, implementation_code, item_type, complainant_subject,
       complainant_codes, complainant_name, complainant_phone, content, recorded_by, received_at, state, version, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text[], $12, $13, $14, $15, $16::timestamptz, $17, $18, $16::timestamptz)`,
    [
      complaint.id,
      complaint.number,
      complaint.channel,
      complaint.subjectKind,
      complaint.caseNumber,
      complaint.agency,
      complaint.region,
      complaint.implementationCode,
      complaint.itemType,
      complaint.complainantSubject,
      complaint.complainantCodes,
      complaint.complainantName,
      complaint.complainantPhone,
      complaint.content,
      complaint.recordedBy,
      complaint.receivedAt,
      complaint.state,
      complaint.version,
    ],
  );
  await insertStep(tx, COMPLAINT_STEPS, complaint.id, complaint.version, step);
}

/**
 * Writes an action's change and step where the complaint still has the version it was computed
 * from; false when another action won. A routing starts a new answer period, so the overdue flag of
 * the previous one is cleared with it.
 */
export async function updateComplaint(tx: Queryable, id: string, fromVersion: number, change: ComplaintChange, step: StepModel): Promise<boolean> {
  const { rows } = await tx.query(
    `UPDATE complaint SET state = $3::text, answer_due_on = $4::date, calendar_version = $5, answer = $6, answered_at = $7::timestamptz,
       satisfied = $8, closed_at = $9::timestamptz, version = $10, updated_at = $11::timestamptz,
       overdue_alerted = CASE WHEN $3::text = 'ROUTED' THEN false ELSE overdue_alerted END
      WHERE id = $1 AND version = $2 RETURNING id`,
    [id, fromVersion, change.state, change.answerDueOn, change.calendarVersion, change.answer, change.answeredAt, change.satisfied, change.closedAt, change.version, step.at],
  );
  if (rows.length === 0) return false;
  await insertStep(tx, COMPLAINT_STEPS, id, change.version, step);
  return true;
}

export async function complaintsById(db: Queryable, ids: readonly string[]): Promise<ComplaintModel[]> {
  const { rows } = await db.query<Row>(`SELECT ${COMPLAINT_COLUMNS} FROM complaint WHERE id = ANY($1::text[])`, [[...ids]]);
  return rows.map(toComplaint);
}

/** The complaints about these cases, oldest first. One statement. */
export async function complaintsOfCases(db: Queryable, caseNumbers: readonly string[]): Promise<ComplaintModel[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COMPLAINT_COLUMNS} FROM complaint WHERE case_number = ANY($1::text[]) ORDER BY received_at, id`,
    [[...caseNumbers]],
  );
  return rows.map(toComplaint);
}

export interface ComplaintListFilter {
  agency: string | null;
  /** A person's own: complaints belonging to any of these identity codes. */
  owners: readonly string[] | null;
  states: readonly ComplaintState[] | null;
  channel: ComplaintChannel | null;
}

/** Complaints newest first. */
export async function listComplaints(db: Queryable, filter: ComplaintListFilter, limit: number): Promise<ComplaintModel[]> {
  const conditions = new Conditions()
    .add(filter.agency, (p) => `agency = ${p}`)
    .add(filter.owners && [...filter.owners], (p) => `complainant_codes && ${p}::text[]`)
    .add(filter.states && [...filter.states], (p) => `state = ANY(${p}::text[])`)
    .add(filter.channel, (p) => `channel = ${p}`);
  const { rows } = await db.query<Row>(
    `SELECT ${COMPLAINT_COLUMNS} FROM complaint ${conditions.where} ORDER BY received_at DESC, id DESC LIMIT ${conditions.param(limit)}`,
    conditions.params,
  );
  return rows.map(toComplaint);
}

export function complaintSteps(db: Queryable, ids: readonly string[]): Promise<Map<string, ComplaintStepModel[]>> {
  return stepsOf<ComplaintState>(db, COMPLAINT_STEPS, ids, COMPLAINT_ACTION_NAMES);
}
