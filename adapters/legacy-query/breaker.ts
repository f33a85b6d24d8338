/**
 * A circuit breaker for one wrapped legacy service.
 *
 * - CLOSED: calls go through. `failureThreshold` consecutive failures (errors or timeouts), the
 *   first of them no longer ago than `windowMs`, open it. A success resets the count; a failure
 *   after a quiet spell longer than the window starts a new count.
 * - OPEN: calls are refused at once, without calling, for `coolDownMs`.
 * - HALF_OPEN: after the cool-down exactly one trial call is let through; its success closes the
 *   breaker, its failure opens it for another cool-down. Others are refused while it runs.
 *
 * The clock is injected (milliseconds), so tests need no timers.
 */

export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface BreakerOptions {
  /** Consecutive failures that open the breaker (≥ 1). */
  failureThreshold: number;
  /** The consecutive failures must fall within this many milliseconds. */
  windowMs: number;
  /** How long the breaker stays open before a trial call. */
  coolDownMs: number;
  now?: () => number;
}

export type Permit = { allowed: true; trial: boolean } | { allowed: false; retryAfterMs: number };

export class CircuitBreaker {
  private state_: BreakerState = 'CLOSED';
  private consecutive = 0;
  private firstFailureAt = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    if (!(options.failureThreshold >= 1)) throw new RangeError('failureThreshold must be at least 1');
    this.now = options.now ?? Date.now;
  }

  /** The state as of now (an OPEN breaker whose cool-down is over reads HALF_OPEN). */
  get state(): BreakerState {
    if (this.state_ === 'OPEN' && this.now() - this.openedAt >= this.options.coolDownMs) return 'HALF_OPEN';
    return this.state_;
  }

  /** Asks to make a call. A refused call must not be made; an allowed one must be reported with success() or failure(). */
  acquire(): Permit {
    const state = this.state;
    if (state === 'CLOSED') return { allowed: true, trial: false };
    if (state === 'HALF_OPEN' && !this.trialInFlight) {
      this.state_ = 'HALF_OPEN';
      this.trialInFlight = true;
      return { allowed: true, trial: true };
    }
    const retryAfterMs = state === 'OPEN' ? Math.max(0, this.openedAt + this.options.coolDownMs - this.now()) : this.options.coolDownMs;
    return { allowed: false, retryAfterMs };
  }

  /** The service answered (a Client fault counts: the service is up, the question was wrong). */
  success(): void {
    this.trialInFlight = false;
    this.state_ = 'CLOSED';
    this.consecutive = 0;
  }

  /** The service failed, timed out, or answered too much. */
  failure(): void {
    const now = this.now();
    if (this.state_ === 'HALF_OPEN') {
      this.trialInFlight = false;
      this.open(now);
      return;
    }
    if (this.state_ === 'OPEN') return; // a call begun before it opened
    if (this.consecutive === 0 || now - this.firstFailureAt > this.options.windowMs) {
      this.consecutive = 1;
      this.firstFailureAt = now;
    } else {
      this.consecutive += 1;
    }
    if (this.consecutive >= this.options.failureThreshold) this.open(now);
  }

  private open(now: number): void {
    this.state_ = 'OPEN';
    this.openedAt = now;
    this.consecutive = 0;
  }
}
