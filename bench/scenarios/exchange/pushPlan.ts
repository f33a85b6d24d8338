import type { LoadRequest } from '../../lib/measure.ts';
import { isFault, processFields, pushEnvelope, pushHeaders, readReceipt } from './envelopes.ts';

/**
 * Which push goes next, so that every push under load is a legal transition with a message id of
 * its own: the accepted cases in turn, each alternating START_STEP REVIEW and COMPLETE_STEP, and a
 * case never carries two pushes at once (the second would arrive before the first is applied and
 * be HELD). A case is busy from the request built for it until its receipt comes back; only an
 * APPLIED receipt moves it on. Pushes whose answer autocannon abandoned at the end of a run are
 * settled from the inbox afterwards (`settle`).
 */

export type Step = 'START_STEP' | 'COMPLETE_STEP';

interface PlannedCase {
  caseNumber: string;
  next: Step;
  /** The message id in flight, or null. */
  inFlight: string | null;
  /** Pushes applied to this case under load. */
  applied: number;
}

export interface Outcomes {
  /** Requests built. */
  sent: number;
  /** Receipts with Status APPLIED whose message id was the one in flight for its case. */
  applied: number;
  /** Other receipts (DUPLICATE, HELD), unknown message ids. */
  otherReceipts: number;
  /** SOAP Faults (and any other body). */
  faults: number;
  /** Abandoned at the end of a run (no answer read) and found applied in the inbox afterwards. */
  settledApplied: number;
  /** Abandoned and not in the inbox: never reached the service, free to go again. */
  settledAbsent: number;
}

export class PushPlan {
  private readonly cases: PlannedCase[];
  private readonly byMessage = new Map<string, PlannedCase>();
  private cursor = 0;
  private sequence = 0;
  readonly outcomes: Outcomes = { sent: 0, applied: 0, otherReceipts: 0, faults: 0, settledApplied: 0, settledAbsent: 0 };
  /** The first few answers that were not APPLIED, kept to report what the service said. */
  readonly refusals: string[] = [];

  constructor(
    caseNumbers: readonly string[],
    private readonly messagePrefix: string,
  ) {
    this.cases = caseNumbers.map((caseNumber) => ({ caseNumber, next: 'START_STEP', inFlight: null, applied: 0 }));
  }

  get size(): number {
    return this.cases.length;
  }

  /** Message ids of fixed width, so every envelope of one action has the same size. */
  private messageId(): string {
    return `${this.messagePrefix}-${String(this.sequence++).padStart(9, '0')}`;
  }

  /** The next push: the next idle case in turn, its next step, a new message id and nonce. */
  next(): { body: string; headers: Record<string, string>; messageId: string; step: Step } {
    for (let tried = 0; tried < this.cases.length; tried++) {
      const candidate = this.cases[this.cursor]!;
      this.cursor = (this.cursor + 1) % this.cases.length;
      if (candidate.inFlight !== null) continue;
      const messageId = this.messageId();
      candidate.inFlight = messageId;
      this.byMessage.set(messageId, candidate);
      this.outcomes.sent += 1;
      return { body: pushEnvelope('PushProcess', processFields(messageId, candidate.caseNumber, candidate.next)), headers: pushHeaders('PushProcess'), messageId, step: candidate.next };
    }
    // Cannot happen while there are more cases than connections (checked when the load is built).
    throw new Error(`all ${this.cases.length} cases have a push in flight`);
  }

  private applied(planned: PlannedCase, messageId: string): void {
    this.byMessage.delete(messageId);
    planned.inFlight = null;
    planned.next = planned.next === 'START_STEP' ? 'COMPLETE_STEP' : 'START_STEP';
    planned.applied += 1;
  }

  /** autocannon's per-response check: true only for an APPLIED receipt of the push in flight. */
  readonly verify = (body: string): boolean => {
    const receipt = readReceipt(body);
    const planned = receipt.messageId === null ? undefined : this.byMessage.get(receipt.messageId);
    if (!isFault(body) && receipt.status === 'APPLIED' && planned && planned.inFlight === receipt.messageId) {
      this.applied(planned, receipt.messageId!);
      this.outcomes.applied += 1;
      return true;
    }
    // The case stays busy for good: its state is not known any more, so nothing more is sent to it.
    if (planned && receipt.messageId !== null) {
      this.byMessage.delete(receipt.messageId);
      planned.inFlight = `refused:${receipt.messageId}`;
    }
    if (isFault(body)) this.outcomes.faults += 1;
    else this.outcomes.otherReceipts += 1;
    if (this.refusals.length < 3) this.refusals.push(body.slice(0, 800));
    return false;
  };

  /** The load for one target: the same plan, another URL. */
  load(url: string, connections: number): LoadRequest {
    if (connections * 2 > this.cases.length) throw new Error(`${this.cases.length} cases are too few for ${connections} connections`);
    return {
      url,
      method: 'POST',
      headers: {},
      next: () => {
        const { body, headers } = this.next();
        return { body, headers };
      },
      verifyBody: this.verify,
    };
  }

  /** Message ids sent whose answer was never read (a run ends with requests in flight). */
  unanswered(): string[] {
    return [...this.byMessage.keys()];
  }

  /**
   * After a run: each unanswered push is APPLIED in the inbox (the case moved on), or absent (it
   * never arrived; the case did not move). Anything else (HELD, REJECTED) is returned to fail on.
   */
  settle(inbox: ReadonlyMap<string, string>): string[] {
    const wrong: string[] = [];
    for (const messageId of this.unanswered()) {
      const planned = this.byMessage.get(messageId)!;
      const status = inbox.get(messageId);
      if (status === 'APPLIED') {
        this.applied(planned, messageId);
        this.outcomes.settledApplied += 1;
      } else if (status === undefined) {
        this.byMessage.delete(messageId);
        planned.inFlight = null;
        this.outcomes.settledAbsent += 1;
      } else {
        wrong.push(`${messageId}: ${status}`);
      }
    }
    return wrong;
  }

  /** Per case: how many pushes were applied under load (min, max). */
  spread(): { min: number; max: number } {
    const counts = this.cases.map((planned) => planned.applied);
    return { min: Math.min(...counts), max: Math.max(...counts) };
  }
}
