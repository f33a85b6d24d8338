import type { Queryable } from '../../../lib/db/store.ts';
import type { CaseHistoryKind } from '../generated/resolvers-types.ts';
import type { SupervisionEvent } from '../history/merge.ts';
import { iso, textOrNull, type Row } from '../../../lib/db/rows.ts';
import type { StepModel } from './machine.ts';

/**
 * The step tables (supervision_order_step, complaint_step), which both repositories write and read
 * alike. Table and key names are this module's constants, never input.
 */
export interface StepTable {
  table: 'supervision_order_step' | 'complaint_step';
  key: 'order_id' | 'complaint_id';
  /** The table of what the steps move, and the SQL of whom its entries belong to (history visibility). */
  parent: 'supervision_order' | 'complaint';
  owners: string;
  /** The SQL of the person whose own steps are shown without their name (a complainant online). */
  complainant: string;
}

export const ORDER_STEPS: StepTable = { table: 'supervision_order_step', key: 'order_id', parent: 'supervision_order', owners: "'{}'::text[]", complainant: 'NULL::text' };
export const COMPLAINT_STEPS: StepTable = { table: 'complaint_step', key: 'complaint_id', parent: 'complaint', owners: 'complainant_codes', complainant: 'complainant_subject' };

const STEP_COLUMNS = 'version, action, from_state, to_state, handler_id, handler_name, opinion, at';

/** A step row; `names` gives the action's Chinese name (动作名称). */
export function toStep<S extends string>(row: Row, names: Readonly<Record<string, string>>): StepModel<S> {
  const action = String(row['action']);
  return {
    action,
    actionName: names[action] ?? action,
    fromState: textOrNull(row['from_state']) as S | null,
    toState: String(row['to_state']) as S,
    handlerId: String(row['handler_id']),
    handlerName: textOrNull(row['handler_name']),
    opinion: textOrNull(row['opinion']),
    at: iso(row['at']),
  };
}

/** Appends the step that brought the order or complaint `id` to `version`. */
export async function insertStep(tx: Queryable, steps: StepTable, id: string, version: number, step: StepModel): Promise<void> {
  await tx.query(
    `INSERT INTO ${steps.table} (${steps.key}, ${STEP_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz)`,
    [id, version, step.action, step.fromState, step.toState, step.handlerId, step.handlerName, step.opinion, step.at],
  );
}

/** The steps of many orders or complaints in one statement, oldest first, by id. */
export async function stepsOf<S extends string>(
  db: Queryable,
  steps: StepTable,
  ids: readonly string[],
  names: Readonly<Record<string, string>>,
): Promise<Map<string, StepModel<S>[]>> {
  const { rows } = await db.query<Row>(`SELECT ${steps.key} AS owner, ${STEP_COLUMNS} FROM ${steps.table} WHERE ${steps.key} = ANY($1::text[]) ORDER BY ${steps.key}, version`, [
    [...ids],
  ]);
  const found = new Map<string, StepModel<S>[]>(ids.map((id) => [id, []]));
  for (const row of rows) found.get(String(row['owner']))?.push(toStep<S>(row, names));
  return found;
}

/**
 * The steps of every order or complaint on these cases as entries of the cases' complete history
 * (全过程再现), in one statement: `督办 DB… · 签收 · 张伟`, with the agency and the owners that decide
 * who reads them (history/merge.ts visibleEvents). Oldest first per case.
 */
export async function stepEventsOfCases(
  db: Queryable,
  steps: StepTable,
  caseNumbers: readonly string[],
  entry: { kind: CaseHistoryKind; label: string; names: Readonly<Record<string, string>> },
): Promise<Map<string, SupervisionEvent[]>> {
  const events = new Map<string, SupervisionEvent[]>(caseNumbers.map((caseNumber) => [caseNumber, []]));
  if (caseNumbers.length === 0) return events;
  const { rows } = await db.query<Row>(
    `SELECT p.id AS owner, p.number, p.case_number, p.agency, ${steps.owners} AS owners, ${steps.complainant} AS complainant, s.${STEP_COLUMNS.split(', ').join(', s.')}
       FROM ${steps.parent} p JOIN ${steps.table} s ON s.${steps.key} = p.id
      WHERE p.case_number = ANY($1::text[])
      ORDER BY s.at, p.id, s.version`,
    [[...caseNumbers]],
  );
  for (const row of rows) {
    const step = toStep(row, entry.names);
    const handler = step.handlerId === row['complainant'] ? '投诉人' : (step.handlerName ?? step.handlerId);
    events.get(String(row['case_number']))?.push({
      entry: {
        at: step.at,
        kind: entry.kind,
        title: `${entry.label} ${String(row['number'])} · ${step.actionName} · ${handler}`,
        actor: step.handlerId,
        reference: String(row['owner']),
        detail: step.opinion,
      },
      agency: String(row['agency']),
      owners: (row['owners'] as string[] | null) ?? [],
    });
  }
  return events;
}
