import type { Context } from '../context.ts';

/**
 * After a committed write, waits (at most SUPERVISION_SYNC_WAIT_MS) for the outbox to deliver what
 * it queued, the observation for supervision first of all, then lets the caller answer anyway: an
 * alert the write causes exists by the time its response arrives, and a slow or absent supervision
 * subgraph only delays the answer, never fails it (the outbox keeps delivering in the background).
 */
export async function awaitSupervision(context: Pick<Context, 'outbox' | 'supervisionSyncWaitMs'>): Promise<void> {
  await context.outbox.flush(context.supervisionSyncWaitMs);
}
