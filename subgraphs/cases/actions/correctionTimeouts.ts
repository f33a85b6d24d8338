import type { InternalIdentity } from '../../../lib/auth/internalToken.ts';
import { ANONYMOUS } from '../../../lib/auth/principal.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { Actor } from '../domain/actor.ts';
import { applyTransition } from '../domain/applyTransition.ts';
import { commitTransition, type CommitDependencies } from './commit.ts';

/** Tongban's own scheduler: the SYSTEM actor of the state machine, and who the access log names. */
const SCHEDULER: Actor = { kind: 'SYSTEM', agency: null, roles: [], subject: 'cases.scheduler', name: '系统' };
const SCHEDULER_IDENTITY: InternalIdentity = {
  principal: { ...ANONYMOUS, kind: 'SERVICE', subject: 'cases.scheduler', name: '系统' },
  meta: { clientIp: null, purpose: '补正超时驳回' },
};

/**
 * 补正超时驳回: closes the cases whose applicant did not hand in the correction by the deadline
 * the agency set. The case is closed as of its deadline (the record's 处理时间), not of the run,
 * so a late run does not move the history. A case corrected or acted on meanwhile is left alone:
 * the write is conditional on its version like any other transition.
 */
export async function closeOverdueCorrections(dependencies: CommitDependencies, now: Date, logger: Logger): Promise<number> {
  const due = await dependencies.repository.overdueCorrections(now.toISOString(), 100);
  let closed = 0;
  for (const row of due) {
    const dueAt = row.snapshot.correction?.dueAt;
    if (!dueAt) continue;
    const outcome = applyTransition(row.snapshot, 'CORRECTION_TIMEOUT', SCHEDULER, { occurredAt: dueAt, opinion: '逾期未补正，补正超时驳回' });
    if (!outcome.ok) {
      logger.warn({ caseNumber: row.caseNumber, reason: outcome.reason }, 'correction timeout refused');
      continue;
    }
    if (await commitTransition(dependencies, SCHEDULER_IDENTITY, row, 'CORRECTION_TIMEOUT', outcome)) closed += 1;
  }
  return closed;
}

/** Runs closeOverdueCorrections every `intervalMs`; one run at a time. */
export function scheduleCorrectionTimeouts(dependencies: CommitDependencies, logger: Logger, intervalMs: number, now: () => Date = () => new Date()) {
  let running: Promise<unknown> | null = null;
  const run = () => {
    running ??= closeOverdueCorrections(dependencies, now(), logger)
      .then((closed) => closed > 0 && logger.info({ closed }, 'cases closed after the correction deadline'))
      .catch((error: Error) => logger.warn({ err: error.message }, 'correction timeout run failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    run,
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
