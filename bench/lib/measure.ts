import autocannon, { type RequestSpec, type Result } from 'autocannon';

/**
 * Load is generated in this very process, next to the servers it measures, on a 2-core machine:
 * the load generator takes CPU the servers would otherwise have. Absolute numbers therefore
 * understate what the servers do alone; ratios between targets measured the same way are what
 * to quote.
 */

export interface LoadRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /**
   * Sent in turn instead of `body`, one per request, cycling over all connections: a working set
   * of different keys (guide codes, search terms) instead of one request repeated.
   */
  bodies?: readonly string[];
  /**
   * Called for every request instead of `body` and `bodies`: a body, and headers added to
   * `headers`, built afresh each time, for requests that must all differ (a unique client
   * request id, the token of the next of several principals).
   */
  next?: () => { body: string; headers?: Record<string, string> };
  /** A response body this returns false for counts as a mismatch (e.g. a 200 carrying GraphQL errors). */
  verifyBody?: (body: string) => boolean;
}

export interface LoadShape {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
}

/** One target's figures, flat and JSON-ready. */
export interface Figures {
  /** Mean of the per-second request counts. */
  requestsPerSecond: number;
  latencyMeanMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Responses received during the measurement. */
  requests: number;
  /** Socket errors and timeouts. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Responses verifyBody rejected. */
  mismatches: number;
  durationSeconds: number;
}

/** One request spec whose body is the next of `bodies` each time autocannon builds a request. */
function rotating(bodies: readonly string[]): RequestSpec[] {
  // Encoded once: autocannon would otherwise turn each string into a Buffer per request.
  const encoded = bodies.map((body) => Buffer.from(body));
  let next = 0;
  return [{ setupRequest: (spec) => ({ ...spec, body: encoded[next++ % encoded.length]! }) }];
}

/** One request spec whose body and headers `next` builds each time autocannon builds a request. */
function fresh(next: NonNullable<LoadRequest['next']>): RequestSpec[] {
  return [
    {
      setupRequest: (spec) => {
        const { body, headers } = next();
        return { ...spec, body, ...(headers ? { headers: { ...spec.headers, ...headers } } : {}) };
      },
    },
  ];
}

function run(request: LoadRequest, connections: number, durationSeconds: number): Promise<Result> {
  if (request.bodies?.length === 0) throw new Error('bodies: at least one body is needed');
  if (request.next && (request.body !== undefined || request.bodies)) throw new Error('next: replaces body and bodies, give only one');
  return Promise.resolve(
    autocannon({
      url: request.url,
      method: request.method,
      headers: request.headers,
      connections,
      duration: durationSeconds,
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(request.bodies ? { requests: rotating(request.bodies) } : {}),
      ...(request.next ? { requests: fresh(request.next) } : {}),
      ...(request.verifyBody ? { verifyBody: request.verifyBody } : {}),
    }),
  );
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** A warm-up whose figures are discarded (JIT, connection pools, caches), then the measurement. */
export async function measure(request: LoadRequest, shape: LoadShape): Promise<Figures> {
  if (shape.warmupSeconds > 0) await run(request, shape.connections, shape.warmupSeconds);
  const result = await run(request, shape.connections, shape.durationSeconds);
  return {
    requestsPerSecond: round(result.requests.average),
    latencyMeanMs: round(result.latency.average),
    latencyP50Ms: round(result.latency.p50),
    latencyP99Ms: round(result.latency.p99),
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
    durationSeconds: round(result.duration),
  };
}

/**
 * Figures for work the bench times itself, one call after another in this process (a clock run,
 * not an HTTP request): requestsPerSecond is calls per second of the time they took together,
 * latency is each call's duration, percentiles by nearest rank. `requests` counts the calls.
 */
export function figuresFromDurations(durationsMs: readonly number[]): Figures {
  if (durationsMs.length === 0) throw new Error('figuresFromDurations: nothing was timed');
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, ms) => sum + ms, 0);
  const percentile = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return {
    requestsPerSecond: round((sorted.length * 1000) / total),
    latencyMeanMs: round(total / sorted.length),
    latencyP50Ms: round(percentile(50)),
    latencyP99Ms: round(percentile(99)),
    requests: sorted.length,
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    mismatches: 0,
    durationSeconds: round(total / 1000),
  };
}
