import type { Queryable } from '../../../lib/db/store.ts';
import type { OrderChange } from './machine.ts';
import { ORDER_ACTION_NAMES } from './machine.ts';
import type { OrderModel, OrderState, OrderStepModel } from './model.ts';
import { iso, isoOrNull, textOrNull, type Row } from '../../../lib/db/rows.ts';
import { Conditions } from '../workflow/sql.ts';
import { insertStep, ORDER_STEPS, stepsOf } from '../workflow/steps.ts';
import type { StepModel } from '../workflow/machine.ts';

/** Parameterised SQL over supervision_order and its steps; writes run inside the caller's transaction. */

export const ORDER_COLUMNS = `id, number, supervising_office, agency, region, item_name, item_code, item_type, case_number, alert_id, subject,
  initiated_by, initiated_by_name, initiated_at, answer_working_days, due_on::text AS due_on, calendar_version, answered_at, closed_at,
  state, result, version`;

export function toOrder(row: Row): OrderModel {
  return {
    id: String(row['id']),
    number: String(row['number']),
    supervisingOffice: String(row['supervising_office']),
    agency: String(row['agency']),
    region: String(row['region']),
    itemName: String(row['item_name']),
    itemCode: String(row['item_code']),
    itemType: textOrNull(row['item_type']),
    caseNumber: textOrNull(row['case_number']),
    alertId: textOrNull(row['alert_id']),
    subject: String(row['subject']),
    initiatedBy: String(row['initiated_by']),
    initiatedByName: textOrNull(row['initiated_by_name']),
    initiatedAt: iso(row['initiated_at']),
    answerWithinWorkingDays: Number(row['answer_working_days']),
    dueOn: String(row['due_on']),
    calendarVersion: String(row['calendar_version']),
    answeredAt: isoOrNull(row['answered_at']),
    closedAt: isoOrNull(row['closed_at']),
    state: row['state'] as OrderState,
    result: textOrNull(row['result']),
    version: Number(row['version']),
  };
}

/** Stores a new order (version 1) and its first step. */
export async function insertOrder(tx: Queryable, order: OrderModel, step: StepModel): Promise<void> {
  await tx.query(
    `INSERT INTO supervision_order (id, number, supervising_office, agency, region, item_name, item_code, item_type, case_number, alert_id,
       subject, initiated_by, initiated_by_name, initiated_at, answer_working_days, due_on, calendar_version, state, version, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::timestamptz, $15, $16::date, $17, $18, $19, $14::timestamptz)`,
    [
      order.id,
      order.number,
      order.supervisingOffice,
      order.agency,
      order.region,
      order.itemName,
      order.itemCode,
      order.itemType,
      order.caseNumber,
      order.alertId,
      order.subject,
      order.initiatedBy,
      order.initiatedByName,
      order.initiatedAt,
      order.answerWithinWorkingDays,
      order.dueOn,
      order.calendarVersion,
      order.state,
      order.version,
    ],
  );
  await insertStep(tx, ORDER_STEPS, order.id, order.version, step);
}

/**
 * Writes an action's change and step where the order still has the version it was computed from;
 * false when another action won.
 */
export async function updateOrder(tx: Queryable, id: string, fromVersion: number, change: OrderChange, step: StepModel): Promise<boolean> {
  const { rows } = await tx.query(
    `UPDATE supervision_order SET state = $3, answered_at = $4::timestamptz, closed_at = $5::timestamptz, result = $6, version = $7,
       updated_at = $8::timestamptz
      WHERE id = $1 AND version = $2 RETURNING id`,
    [id, fromVersion, change.state, change.answeredAt, change.closedAt, change.result, change.version, step.at],
  );
  if (rows.length === 0) return false;
  await insertStep(tx, ORDER_STEPS, id, change.version, step);
  return true;
}

export async function ordersById(db: Queryable, ids: readonly string[]): Promise<OrderModel[]> {
  const { rows } = await db.query<Row>(`SELECT ${ORDER_COLUMNS} FROM supervision_order WHERE id = ANY($1::text[])`, [[...ids]]);
  return rows.map(toOrder);
}

/** The orders on these cases, oldest first. One statement. */
export async function ordersOfCases(db: Queryable, caseNumbers: readonly string[]): Promise<OrderModel[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${ORDER_COLUMNS} FROM supervision_order WHERE case_number = ANY($1::text[]) ORDER BY initiated_at, id`,
    [[...caseNumbers]],
  );
  return rows.map(toOrder);
}

export interface OrderListFilter {
  agency: string | null;
  states: readonly OrderState[] | null;
  caseNumber: string | null;
}

/** Orders newest first. */
export async function listOrders(db: Queryable, filter: OrderListFilter, limit: number): Promise<OrderModel[]> {
  const conditions = new Conditions()
    .add(filter.agency, (p) => `agency = ${p}`)
    .add(filter.states && [...filter.states], (p) => `state = ANY(${p}::text[])`)
    .add(filter.caseNumber, (p) => `case_number = ${p}`);
  const { rows } = await db.query<Row>(
    `SELECT ${ORDER_COLUMNS} FROM supervision_order ${conditions.where} ORDER BY initiated_at DESC, id DESC LIMIT ${conditions.param(limit)}`,
    conditions.params,
  );
  return rows.map(toOrder);
}

export function orderSteps(db: Queryable, ids: readonly string[]): Promise<Map<string, OrderStepModel[]>> {
  return stepsOf<OrderState>(db, ORDER_STEPS, ids, ORDER_ACTION_NAMES);
}

