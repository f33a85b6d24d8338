import type { AlertInput, AlertTarget, ClockContext, ClockTask } from '../alerts/types.ts';
import { chinaDate, chinaMidnight } from '../../../lib/time.ts';
import type { Row } from '../../../lib/db/rows.ts';

/** Answered after the due day (a China date): a late answer stays late. */
export function answeredLate(answeredAt: string | null, dueOn: string): boolean {
  return answeredAt !== null && chinaDate(new Date(answeredAt)) > dueOn;
}

/** What an overdue order, complaint or rectification task raises. */
export interface OverdueAlert {
  id: string;
  dueOn: string;
  /** The working-day calendar the due day was counted with (a grace period counts on it too). */
  calendarVersion: string;
  kind: 'ORDER' | 'COMPLAINT' | 'RECTIFICATION';
  target: AlertTarget;
  caseNumber: string | null;
  message: string;
  evidence: Record<string, unknown>;
}

export interface OverdueSpec {
  table: 'supervision_order' | 'complaint' | 'rectification_task';
  dueColumn: 'due_on' | 'answer_due_on';
  /**
   * The SQL predicate of "still with the agency", exactly as the partial index on the due column
   * states it (with `AND NOT overdue_alerted`), so the planner reads only that index.
   */
  awaiting: string;
  columns: string;
  toAlert(row: Row): OverdueAlert;
}

/** Rows per read: one run's memory stays bounded however many went overdue at once. */
const BATCH = 500;

/** The first moment past a day, in China: when an overdue condition arose. */
function firstMomentPast(day: string): string {
  return chinaMidnight(day, 1).toISOString();
}

/**
 * The last day the agency is still on time: the due day plus the rule's grace working days, counted
 * on the calendar the due day was counted with; null when the check is switched off for the target.
 * Throws when that calendar cannot be had.
 */
async function lastDayOnTime(context: ClockContext, alert: OverdueAlert): Promise<string | null> {
  const rule = context.rule('SUPERVISION_OVERDUE', alert.target);
  if (rule === null) return null;
  const grace = Number(rule.parameters['graceWorkingDays'] ?? 0);
  if (!Number.isInteger(grace) || grace <= 0) return alert.dueOn;
  return (await context.calendar.version(alert.calendarVersion)).addWorkingDays(alert.dueOn, grace);
}

/**
 * A clock task for orders, complaints or rectification tasks: reads, through the partial index, only those still with the
 * agency, not yet alerted, whose due day is before today; for each, in one transaction, marks it
 * alerted (only if it is still awaiting the agency, so an answer committed meanwhile wins) and raises
 * the SUPERVISION_OVERDUE alert of occasion `due:<day>`. A check switched off for the target raises
 * nothing and still marks the row: that due day has been judged. Within the rule's grace working
 * days the row is left unmarked and not counted, for a later run; so is a row whose calendar cannot
 * be had (the grace cannot be counted without it).
 */
export function overdueTask(spec: OverdueSpec): ClockTask {
  const pending = `${spec.awaiting} AND NOT overdue_alerted`;
  return async (context) => {
    let examined = 0;
    let raised = 0;
    let after: { due: string; id: string } | null = null;
    for (;;) {
      const params: unknown[] = [context.today, BATCH];
      const keyset = after === null ? '' : `AND (${spec.dueColumn}, id) > ($3::date, $4)`;
      if (after !== null) params.push(after.due, after.id);
      const { rows }: { rows: Row[] } = await context.store.query<Row>(
        `SELECT ${spec.columns} FROM ${spec.table}
          WHERE ${pending} AND ${spec.dueColumn} < $1::date ${keyset}
          ORDER BY ${spec.dueColumn}, id LIMIT $2`,
        params,
      );
      for (const row of rows) {
        const alert = spec.toAlert(row);
        const lastDay = await lastDayOnTime(context, alert).catch((error: unknown) => {
          context.logger.warn({ err: error, id: alert.id }, 'supervision clock: calendar unavailable for an overdue grace period; left for the next run');
          return undefined;
        });
        if (lastDay === undefined) continue;
        if (lastDay !== null && context.today <= lastDay) continue;
        examined += 1;
        const outcome = await context.store.transaction(async (tx) => {
          const marked = await tx.query(`UPDATE ${spec.table} SET overdue_alerted = true WHERE id = $1 AND ${pending} AND ${spec.dueColumn} = $2::date RETURNING id`, [
            alert.id,
            alert.dueOn,
          ]);
          if (marked.rows.length === 0 || lastDay === null) return null;
          const input: AlertInput = {
            check: 'SUPERVISION_OVERDUE',
            target: alert.target,
            caseNumber: alert.caseNumber,
            subject: { kind: alert.kind, id: alert.id },
            occasion: `due:${alert.dueOn}`,
            message: alert.message,
            evidence: alert.evidence,
            observedAt: firstMomentPast(lastDay),
          };
          return context.raise(tx, input);
        });
        if (outcome?.raised) raised += 1;
      }
      if (rows.length < BATCH) break;
      const last = spec.toAlert(rows[rows.length - 1]!);
      after = { due: last.dueOn, id: last.id };
    }
    return { examined, raised };
  };
}
