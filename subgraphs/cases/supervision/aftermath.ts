import type { Context } from '../context.ts';
import { observationKey, SUPERVISION_TOPIC } from './observation.ts';

/**
 * After a committed write, waits (at most SUPERVISION_SYNC_WAIT_MS) for the outbox to deliver the
 * write's observation to supervision, then lets the caller answer anyway: an alert the write
 * causes exists by the time its response arrives, and a slow or absent supervision subgraph only
 * delays the answer, never fails it (the outbox keeps delivering in the background). It waits for
 * that observation alone (and the case's earlier ones, in its lane), not for other cases' messages
 * or the department delivery of the same case.
 */
export async function awaitSupervision(context: Pick<Context, 'outbox' | 'supervisionSyncWaitMs'>, caseNumber: string, version: number): Promise<void> {
  await context.outbox.flush(context.supervisionSyncWaitMs, { topic: SUPERVISION_TOPIC, messageKey: observationKey(caseNumber, version) });
}
