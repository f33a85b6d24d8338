import type { OutboxMessage } from '../../lib/outbox/outbox.ts';

/**
 * The cases outbox delivers one lane per receiver and case: what one case tells one service
 * (its observations to supervision, its result, its application to the department) arrives in
 * the order it happened, while other cases, and the other receivers of the same case, go on
 * beside it. Before lanes, a department's slow system or a burst of pushes made every receipt
 * wait for all the observations queued ahead of its own (docs/supervision.md, "Lanes").
 *
 * Every topic keys its messages by case number, observations by `caseNumber:version`.
 */
export function caseLane(message: Pick<OutboxMessage, 'topic' | 'messageKey'>): string {
  const caseNumber = message.messageKey.split(':', 1)[0];
  return `${message.topic} ${caseNumber}`;
}

/** Lanes delivered at a time: enough to keep supervision's ingest busy without crowding the store. */
export const PARALLEL_LANES = 8;
