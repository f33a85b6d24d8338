import { authorize } from '../../lib/auth/authorize.ts';
import { badUserInput } from '../../lib/errors.ts';
import { pageSize } from '../../lib/graphql/pagination.ts';
import { listOutbox, redrive, type OutboxRow, type OutboxState } from '../../lib/outbox/outbox.ts';
import type { Context } from './context.ts';
import { DELIVERY_TOPIC, type ApplicationMessage } from './datasources/departments.ts';

function view(row: OutboxRow) {
  const message = row.payload as ApplicationMessage;
  return {
    caseNumber: row.messageKey,
    agency: { uscc: message.agency },
    state: row.state,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt,
    nextAttemptAt: row.nextAttemptAt,
    deliveredAt: row.deliveredAt,
  };
}

/** The 统一受理 queue as administrators see it. */
export async function applicationDeliveries(context: Context, state: OutboxState | null | undefined, first: number | null | undefined) {
  authorize(context.identity.principal, 'delivery.admin');
  return (await listOutbox(context.store, DELIVERY_TOPIC, state ?? null, pageSize(first))).map(view);
}

export async function redeliverApplication(context: Context, caseNumber: string) {
  authorize(context.identity.principal, 'delivery.admin');
  if (!(await redrive(context.store, DELIVERY_TOPIC, caseNumber))) {
    throw badUserInput('caseNumber', 'has no dead-lettered delivery to redeliver');
  }
  context.outbox.kick();
  const [row] = await listOutbox(context.store, DELIVERY_TOPIC, null, 1, caseNumber);
  return view(row!);
}
