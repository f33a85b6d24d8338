import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './breaker.ts';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures within the window and refuses without calling', () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 3, windowMs: 10_000, coolDownMs: 5_000, now: c.now });
    for (let i = 0; i < 2; i++) {
      expect(breaker.acquire()).toEqual({ allowed: true, trial: false });
      breaker.failure();
    }
    expect(breaker.state).toBe('CLOSED');
    expect(breaker.acquire().allowed).toBe(true);
    breaker.failure();
    expect(breaker.state).toBe('OPEN');
    c.advance(1_000);
    expect(breaker.acquire()).toEqual({ allowed: false, retryAfterMs: 4_000 });
  });

  it('a success resets the count', () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, windowMs: 10_000, coolDownMs: 5_000, now: c.now });
    breaker.failure();
    breaker.success();
    breaker.failure();
    expect(breaker.state).toBe('CLOSED');
    breaker.failure();
    expect(breaker.state).toBe('OPEN');
  });

  it('failures further apart than the window do not add up', () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 3, windowMs: 10_000, coolDownMs: 5_000, now: c.now });
    breaker.failure();
    c.advance(6_000);
    breaker.failure();
    c.advance(6_000); // 12 s after the first: a new run starts here
    breaker.failure();
    expect(breaker.state).toBe('CLOSED');
    c.advance(1_000);
    breaker.failure();
    expect(breaker.state).toBe('CLOSED');
    breaker.failure();
    expect(breaker.state).toBe('OPEN');
  });

  it('half-opens after the cool-down with exactly one trial; its success closes', () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, windowMs: 10_000, coolDownMs: 5_000, now: c.now });
    breaker.failure();
    expect(breaker.state).toBe('OPEN');
    c.advance(4_999);
    expect(breaker.acquire().allowed).toBe(false);
    c.advance(1);
    expect(breaker.state).toBe('HALF_OPEN');
    expect(breaker.acquire()).toEqual({ allowed: true, trial: true });
    // While the trial runs, nobody else is let through.
    expect(breaker.acquire().allowed).toBe(false);
    breaker.success();
    expect(breaker.state).toBe('CLOSED');
    expect(breaker.acquire()).toEqual({ allowed: true, trial: false });
  });

  it('a failed trial opens it for another cool-down', () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, windowMs: 10_000, coolDownMs: 5_000, now: c.now });
    breaker.failure();
    breaker.failure();
    c.advance(5_000);
    expect(breaker.acquire()).toEqual({ allowed: true, trial: true });
    breaker.failure();
    expect(breaker.state).toBe('OPEN');
    expect(breaker.acquire()).toEqual({ allowed: false, retryAfterMs: 5_000 });
    c.advance(5_000);
    expect(breaker.acquire()).toEqual({ allowed: true, trial: true });
  });

  it('late failures of calls begun before it opened do not extend the cool-down', () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, windowMs: 10_000, coolDownMs: 5_000, now: c.now });
    breaker.failure();
    c.advance(3_000);
    breaker.failure();
    c.advance(2_000);
    expect(breaker.state).toBe('HALF_OPEN');
  });
});
