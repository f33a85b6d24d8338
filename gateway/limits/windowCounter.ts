/** The outcome of counting one request against a limit. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Requests left in the current window (0 once over). */
  remaining: number;
  /** Seconds until the window ends and the count starts again. */
  resetSeconds: number;
  /** 0 when allowed; otherwise when to try again (whole seconds, at least 1). */
  retryAfterSeconds: number;
}

export interface WindowCounter {
  hit(key: string, limit: number): Promise<RateLimitDecision>;
}

/** Turns a window's count and remaining time into a decision; shared so both stores agree. */
export function decide(count: number, limit: number, msLeft: number): RateLimitDecision {
  const allowed = count <= limit;
  const resetSeconds = Math.max(1, Math.ceil(msLeft / 1_000));
  return { allowed, remaining: Math.max(0, limit - count), resetSeconds, retryAfterSeconds: allowed ? 0 : resetSeconds };
}

export interface InProcessCounterOptions {
  windowSeconds: number;
  /** Milliseconds since the epoch; injected by tests. */
  now?: () => number;
  /** Most keys kept; past it the oldest are forgotten (their clients start a fresh window). */
  maxKeys?: number;
}

/**
 * Fixed windows kept in this process, each starting at a key's first request; the same rule the
 * Redis script applies, so switching between the two during an outage changes where counts
 * live, not what they mean. Expired windows are swept once per window length, so memory follows
 * the number of recently active clients.
 */
export function inProcessCounter(options: InProcessCounterOptions): WindowCounter {
  const now = options.now ?? Date.now;
  const windowMs = options.windowSeconds * 1_000;
  const maxKeys = options.maxKeys ?? 100_000;
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = now() + windowMs;

  const sweep = (at: number) => {
    for (const [key, window] of windows) if (window.resetAt <= at) windows.delete(key);
    nextSweep = at + windowMs;
  };

  return {
    async hit(key, limit) {
      const at = now();
      if (at >= nextSweep) sweep(at);
      let window = windows.get(key);
      if (!window || window.resetAt <= at) {
        windows.delete(key);
        // Map keeps insertion order, so the first key is the one whose window started longest ago.
        if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
        window = { count: 0, resetAt: at + windowMs };
        windows.set(key, window);
      }
      window.count++;
      return decide(window.count, limit, window.resetAt - at);
    },
  };
}
