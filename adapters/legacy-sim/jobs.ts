import { randomUUID } from 'node:crypto';
import type { Logger } from '../../lib/logger.ts';
import { DeliveryError } from '../departments/deliver.ts';
import type { ExchangeClient, PushOperation } from './exchange.ts';

/**
 * The simulated department's work on one delivered application: six steps, each done after its
 * delay and reported to CaseExchange before the next begins (the department's own order, so the
 * simulator never causes out-of-order arrival itself; retries and lost answers cause duplicates).
 *
 * A step's message — its MessageId, OccurredAt and every field — is built once, when the step is
 * done, and sent unchanged on every retry: the exchange answers a repeated id with its first
 * receipt, and faults the same id with a different payload.
 */

export const STEPS = ['accept', 'startReview', 'completeReview', 'startDecide', 'decide', 'complete'] as const;
export type SimStep = (typeof STEPS)[number];
export type SimDelays = Record<SimStep, number>;

export const DEVELOPMENT_DELAYS: SimDelays = { accept: 500, startReview: 500, completeReview: 800, startDecide: 400, decide: 800, complete: 500 };

export type JobStatus = 'RECEIVED' | 'ACCEPTED' | 'IN_REVIEW' | 'REVIEWED' | 'IN_DECISION' | 'APPROVED' | 'COMPLETED' | 'FAILED';

export const STATUS_NAMES: Record<JobStatus, string> = {
  RECEIVED: '已接收',
  ACCEPTED: '已受理',
  IN_REVIEW: '审查中',
  REVIEWED: '已审查',
  IN_DECISION: '决定中',
  APPROVED: '已准予',
  COMPLETED: '已办结',
  FAILED: '推送失败',
};

const STATUS_AFTER: Record<SimStep, JobStatus> = {
  accept: 'ACCEPTED',
  startReview: 'IN_REVIEW',
  completeReview: 'REVIEWED',
  startDecide: 'IN_DECISION',
  decide: 'APPROVED',
  complete: 'COMPLETED',
};

export interface Staff {
  id: string;
  name: string;
}

/** The department's own staff (工号 of its system); the names match Tongban's seeded staff of 勉县住建局. */
export interface SimStaff {
  accept: Staff;
  review: Staff;
  approve: Staff;
  office: string;
}

export const DEFAULT_STAFF: SimStaff = {
  accept: { id: 'ZJ0301', name: '孙丽' },
  review: { id: 'ZJ0302', name: '周强' },
  approve: { id: 'ZJ0303', name: '吴华' },
  office: '行政审批股',
};

export interface Application {
  messageId: string;
  caseNumber: string;
  implementationCode: string;
  itemName: string;
  submittedAt: string;
  applicant: { kind: string; name: string; idType: string; idNumber: string };
}

export interface Push {
  step: SimStep;
  operation: PushOperation;
  messageId: string;
  body: Record<string, unknown>;
  attempts: number;
  acknowledgedAt: string | null;
}

export interface License {
  licenseNumber: string;
  name: string;
  holderName: string;
  holderCode: string;
  issuedAt: string;
  status: 'VALID' | 'REVOKED' | 'EXPIRED';
  caseNumber?: string;
  implementationCode?: string;
}

export interface Job {
  receipt: string;
  application: Application;
  receivedAt: string;
  updatedAt: string;
  status: JobStatus;
  /** Index in STEPS of the step to do next (STEPS.length when done). */
  next: number;
  /** The step done but not yet acknowledged by the exchange. */
  pending: Push | null;
  /** Every step acknowledged, in order. */
  pushed: Push[];
  error: string | null;
  licenseNumber: string | null;
}

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

export interface JobRunnerOptions {
  exchange: ExchangeClient;
  delays: SimDelays;
  failureRate: number;
  retry: RetryPolicy;
  staff: SimStaff;
  /** Implementation code → the certificate (证照) its approval issues; others complete as COMPLETED. */
  certificates: Readonly<Record<string, string>>;
  logger: Logger;
  random: () => number;
  now: () => Date;
  /** Called when a certificate is issued, for the registry. */
  onLicense: (license: License) => void;
}

/** ISO 8601 in China time with its offset, to the second: how the department's clock reads. */
export function chinaIso(at: Date): string {
  // Milliseconds kept: a step worked within the second of the submission must not read as before it.
  return new Date(at.getTime() + 8 * 3600_000).toISOString().replace(/Z$/, '+08:00');
}

class InjectedFailure extends Error {
  override name = 'InjectedFailure';
}

export class JobRunner {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly waiters = new Set<() => void>();
  private stopped = false;
  private licenseSeq = 0;

  constructor(private readonly options: JobRunnerOptions) {}

  /** Starts working a newly received job. */
  start(job: Job): void {
    this.schedule(job, this.options.delays[STEPS[job.next]!]);
  }

  /** Resolves when no job has work left (done or failed) — tests and demos. */
  idle(jobs: () => Iterable<Job>): Promise<void> {
    const busy = () => [...jobs()].some((job) => job.status !== 'FAILED' && job.next < STEPS.length);
    if (!busy()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!busy() || this.stopped) {
          this.waiters.delete(check);
          resolve();
        }
      };
      this.waiters.add(check);
    });
  }

  /** Cancels every timer and waits for pushes on the wire; no new work starts afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
    for (const waiter of [...this.waiters]) waiter();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private schedule(job: Job, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = this.advance(job).catch((error: unknown) => {
        // advance handles push failures itself; anything here is a bug in the simulator.
        job.status = 'FAILED';
        job.error = `simulator error: ${(error as Error).message}`;
        this.options.logger.error({ err: error, caseNumber: job.application.caseNumber }, 'legacy-sim: job stopped by an unexpected error');
        this.notify();
      });
      this.inFlight.add(run);
      void run.finally(() => this.inFlight.delete(run));
    }, Math.max(0, delayMs));
    this.timers.add(timer);
  }

  private async advance(job: Job): Promise<void> {
    if (this.stopped || job.next >= STEPS.length || job.status === 'FAILED') return;
    const push = (job.pending ??= this.build(job, STEPS[job.next]!));
    push.attempts += 1;
    const { logger } = this.options;
    try {
      await this.send(push);
    } catch (error) {
      const retryable = !(error instanceof DeliveryError) || error.retryable;
      const message = (error as Error).message;
      if (!retryable || push.attempts >= this.options.retry.maxAttempts) {
        job.status = 'FAILED';
        job.error = `${push.operation} ${push.body.Action} (${push.messageId}) ${retryable ? `failed ${push.attempts} times` : 'was refused'}: ${message}`;
        job.updatedAt = chinaIso(this.options.now());
        logger.error({ caseNumber: job.application.caseNumber, messageId: push.messageId, attempts: push.attempts, err: message }, 'legacy-sim: giving up on a push');
        this.notify();
        return;
      }
      const { baseMs, maxMs } = this.options.retry;
      const backoff = Math.min(maxMs, baseMs * 2 ** (push.attempts - 1));
      const delay = backoff / 2 + (backoff / 2) * this.options.random();
      logger.warn({ caseNumber: job.application.caseNumber, messageId: push.messageId, attempt: push.attempts, retryInMs: Math.round(delay), err: message }, 'legacy-sim: push failed, will retry');
      this.schedule(job, delay);
      return;
    }
    if (this.stopped) return;
    push.acknowledgedAt = chinaIso(this.options.now());
    job.pushed.push(push);
    job.pending = null;
    job.status = STATUS_AFTER[push.step];
    job.updatedAt = push.body.OccurredAt as string;
    job.next += 1;
    logger.info({ caseNumber: job.application.caseNumber, operation: push.operation, action: push.body.Action, messageId: push.messageId, attempts: push.attempts }, 'legacy-sim: pushed');
    if (push.step === 'complete' && push.body.Result === 'CERTIFICATE_ISSUED') {
      const document = push.body.ResultDocument as { Name: string; Number: string };
      job.licenseNumber = document.Number;
      this.options.onLicense({
        licenseNumber: document.Number,
        name: document.Name,
        holderName: job.application.applicant.name,
        holderCode: job.application.applicant.idNumber,
        issuedAt: push.body.OccurredAt as string,
        status: 'VALID',
        caseNumber: job.application.caseNumber,
        implementationCode: job.application.implementationCode,
      });
    }
    if (job.next < STEPS.length) this.schedule(job, this.options.delays[STEPS[job.next]!]);
    this.notify();
  }

  /**
   * One attempt. The failure rate stands for an unreliable network: half the injected failures
   * lose the request (nothing reaches the exchange), half lose the answer (the exchange commits,
   * the simulator does not know and sends again — a true duplicate).
   */
  private async send(push: Push): Promise<void> {
    const { failureRate, random, exchange } = this.options;
    const fails = failureRate > 0 && random() < failureRate;
    const losesAnswer = fails && random() < 0.5;
    if (fails && !losesAnswer) throw new InjectedFailure('injected failure: the request was lost');
    await exchange.push(push.operation, push.body);
    if (losesAnswer) throw new InjectedFailure('injected failure: the answer was lost');
  }

  private build(job: Job, step: SimStep): Push {
    const { staff, certificates } = this.options;
    const application = job.application;
    const handler = (who: Staff) => ({ Id: who.id, Name: who.name });
    // Never before the application itself, whatever the two clocks say.
    const occurredAt = chinaIso(new Date(Math.max(this.options.now().getTime(), Date.parse(application.submittedAt))));
    const common = { MessageId: randomUUID(), CaseNumber: application.caseNumber, ImplementationCode: application.implementationCode };
    let operation: PushOperation;
    let fields: Record<string, unknown>;
    switch (step) {
      case 'accept':
        operation = 'PushAcceptance';
        fields = { Action: 'ACCEPT', Handler: handler(staff.accept), Office: staff.office, Opinion: '申请材料齐全，符合法定形式，予以受理。' };
        break;
      case 'startReview':
        operation = 'PushProcess';
        fields = { Action: 'START_STEP', Handler: handler(staff.review), Office: staff.office, Step: 'REVIEW' };
        break;
      case 'completeReview':
        operation = 'PushProcess';
        fields = { Action: 'COMPLETE_STEP', Handler: handler(staff.review), Office: staff.office, Opinion: '经审查，申请材料真实有效，符合法定条件，建议准予许可。', Step: 'REVIEW' };
        break;
      case 'startDecide':
        operation = 'PushProcess';
        fields = { Action: 'START_STEP', Handler: handler(staff.approve), Office: staff.office, Step: 'DECIDE' };
        break;
      case 'decide':
        operation = 'PushProcess';
        fields = { Action: 'DECIDE', Handler: handler(staff.approve), Office: staff.office, Opinion: '同意，准予许可。', Decision: 'APPROVE' };
        break;
      case 'complete': {
        operation = 'PushResult';
        const certificate = certificates[application.implementationCode];
        fields = certificate
          ? {
              Action: 'COMPLETE',
              Handler: handler(staff.accept),
              Office: staff.office,
              Opinion: '准予许可，出证办结。',
              Result: 'CERTIFICATE_ISSUED',
              ResultDocument: { Name: certificate, Number: this.licenseNumber() },
              DeliveryMethod: 'WINDOW',
            }
          : { Action: 'COMPLETE', Handler: handler(staff.accept), Office: staff.office, Opinion: '准予办理，办结。', Result: 'COMPLETED', DeliveryMethod: 'WINDOW' };
        break;
      }
    }
    // Keys in the national field order; the exchange client reorders to the WSDL anyway.
    return { step, operation, messageId: common.MessageId, body: { ...common, Action: fields.Action, OccurredAt: occurredAt, ...fields }, attempts: 0, acknowledgedAt: null };
  }

  private licenseNumber(): string {
    this.licenseSeq += 1;
    const year = chinaIso(this.options.now()).slice(0, 4);
    return `勉住建许〔${year}〕第${String(this.licenseSeq).padStart(4, '0')}号`;
  }
}
