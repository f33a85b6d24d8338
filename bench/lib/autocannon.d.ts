/**
 * The slice of autocannon 9's programmatic API the bench uses. Hand-written because
 * @types/autocannon is not a dependency and package.json belongs to the rest of the project.
 */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export interface Options {
    url: string;
    method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
    headers?: Record<string, string>;
    body?: string | Buffer;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Seconds a request may take before it counts as a timeout (an error). */
    timeout?: number;
    pipelining?: number;
    workers?: number;
    title?: string;
    /** A falsy result counts the response in `mismatches`. In workers mode: a path to a module exporting it. */
    verifyBody?: ((body: string) => boolean) | string;
    /** Cycled through by every connection; setupRequest may rewrite each request before it is sent. */
    requests?: RequestSpec[];
  }

  export interface RequestSpec {
    method?: Options['method'];
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** Called for every request built from this spec; a falsy result restarts the sequence. */
    setupRequest?: (request: RequestSpec, context: Record<string, unknown>) => RequestSpec | null | undefined;
  }

  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
    p99_9: number;
  }

  export interface Result {
    title?: string;
    url: string;
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    /** Seconds. */
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    connections: number;
    statusCodeStats: Record<string, { count: number }>;
  }

  export interface Instance extends EventEmitter, PromiseLike<Result> {
    stop(): void;
  }

  function autocannon(options: Options): Instance;
  export default autocannon;
}
