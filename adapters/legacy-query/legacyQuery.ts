import { createClientAsync, type Client } from 'soap';
import type { Logger } from '../../lib/logger.ts';
import { faultCodeOf } from '../departments/deliver.ts';
import { CircuitBreaker, type BreakerState } from './breaker.ts';
import { TtlCache } from './cache.ts';
import type { LegacyQueryConfig } from './config.ts';
import { cappedHttpClient, TransportError, type CappedHttpClient } from './transport.ts';

/**
 * One wrapped legacy query service: node-soap's client built from the WSDL in the repo, its
 * HTTP replaced by a capped undici transport (timeout, size cap), behind a circuit breaker and a
 * short cache of successful answers.
 */

export type LegacyFailure =
  /** No complete answer within timeoutMs. */
  | 'TIMEOUT'
  /** The answer is larger than maxResponseBytes. */
  | 'TOO_LARGE'
  /** Connection refused, reset, DNS. */
  | 'UNREACHABLE'
  /** A Server.* fault, an HTTP error, an unparseable answer, a WSDL that does not load. */
  | 'SERVER'
  /** The breaker is open: refused without calling. */
  | 'CIRCUIT_OPEN'
  /** A Client.* fault: the question was refused (the service itself is fine). */
  | 'CLIENT_FAULT';

export class LegacyQueryError extends Error {
  override name = 'LegacyQueryError';
  constructor(
    readonly service: string,
    readonly failure: LegacyFailure,
    message: string,
    readonly details: { retryAfterMs?: number; faultCode?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface LegacyQueryStats {
  /** SOAP requests sent to the department. */
  requests: number;
  /** Answers served from the cache. */
  cacheHits: number;
  /** Calls refused by the open breaker. */
  shortCircuited: number;
  breaker: BreakerState;
}

export interface LegacyQueryServiceOptions {
  logger?: Logger;
  /** Milliseconds clock for the breaker and the cache (tests). */
  now?: () => number;
}

export class LegacyQueryService {
  readonly breaker: CircuitBreaker;
  private readonly cache: TtlCache<unknown>;
  private readonly http: CappedHttpClient;
  private client: Promise<Client> | undefined;
  private cacheHits = 0;
  private shortCircuited = 0;

  constructor(
    readonly config: LegacyQueryConfig,
    private readonly options: LegacyQueryServiceOptions = {},
  ) {
    const now = options.now ?? Date.now;
    this.breaker = new CircuitBreaker({ ...config.breaker, now });
    this.cache = new TtlCache({ ttlSeconds: config.cacheTtlSeconds, now });
    this.http = cappedHttpClient({ timeoutMs: config.timeoutMs, maxResponseBytes: config.maxResponseBytes });
  }

  stats(): LegacyQueryStats {
    return { requests: this.http.requests, cacheHits: this.cacheHits, shortCircuited: this.shortCircuited, breaker: this.breaker.state };
  }

  private soapClient(): Promise<Client> {
    if (!this.client) {
      // The WSDL is a local file: nothing is fetched from the department.
      const created = createClientAsync(this.config.wsdl, { disableCache: true, httpClient: this.http }, this.config.endpoint);
      created.catch(() => {
        if (this.client === created) this.client = undefined;
      });
      this.client = created;
    }
    return this.client;
  }

  /**
   * Calls `operation` with `args` (the body element's children): from the cache if a fresh
   * successful answer is there, else through the breaker. Throws LegacyQueryError.
   */
  async call(operation: string, args: Record<string, unknown>): Promise<unknown> {
    const key = TtlCache.key(operation, args);
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.cacheHits += 1;
      return cached;
    }
    const permit = this.breaker.acquire();
    if (!permit.allowed) {
      this.shortCircuited += 1;
      throw new LegacyQueryError(this.config.name, 'CIRCUIT_OPEN', `${this.config.name} is failing; not called (circuit open, retry in ${Math.ceil(permit.retryAfterMs / 1000)} s)`, {
        retryAfterMs: permit.retryAfterMs,
      });
    }
    let result: unknown;
    try {
      const client = await this.soapClient();
      const method = (client as unknown as Record<string, unknown>)[`${operation}Async`];
      if (typeof method !== 'function') throw new LegacyQueryError(this.config.name, 'SERVER', `${this.config.name}: the WSDL has no operation ${operation}`);
      [result] = await (method as (a: unknown) => Promise<[unknown]>).call(client, args);
    } catch (error) {
      const failure = this.classify(error);
      if (failure.failure === 'CLIENT_FAULT') this.breaker.success();
      else this.breaker.failure();
      this.options.logger?.warn({ service: this.config.name, operation, failure: failure.failure, err: error }, 'legacy query failed');
      throw failure;
    }
    this.breaker.success();
    this.cache.set(key, result ?? null);
    return result ?? null;
  }

  private classify(error: unknown): LegacyQueryError {
    const name = this.config.name;
    if (error instanceof LegacyQueryError) return error;
    if (error instanceof TransportError) return new LegacyQueryError(name, error.failure, `${name}: ${error.message}`, {}, { cause: error });
    const e = error as { root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } }; response?: { status?: number } };
    const fault = e?.root?.Envelope?.Body?.Fault;
    if (fault) {
      const code = faultCodeOf(fault) ?? 'unknown';
      const client = /^(Client|Sender)(\.|$)/i.test(code);
      return new LegacyQueryError(name, client ? 'CLIENT_FAULT' : 'SERVER', `${name} answered a SOAP Fault ${code}`, { faultCode: code }, { cause: error });
    }
    const status = e?.response?.status;
    return new LegacyQueryError(name, 'SERVER', `${name}: ${status ? `HTTP ${status}` : 'an answer that could not be read'}`, {}, { cause: error });
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}

/**
 * The wrapped services, by agency. The list is read through a getter on every call, so a service
 * whose endpoint is known only later (the simulator, started after the exchange service) joins
 * when it is configured; a service object is built once per configuration entry.
 */
export class LegacyQueries {
  private readonly services = new WeakMap<LegacyQueryConfig, LegacyQueryService>();
  private readonly built = new Set<LegacyQueryService>();

  constructor(
    private readonly configs: () => readonly LegacyQueryConfig[],
    private readonly options: LegacyQueryServiceOptions = {},
  ) {}

  /** The service of `agency`, or undefined when it has none wrapped. */
  forAgency(agency: string): LegacyQueryService | undefined {
    const config = this.configs().find((entry) => entry.agency === agency);
    return config ? this.serviceFor(config) : undefined;
  }

  /** The service named `name` (tests, operations). */
  byName(name: string): LegacyQueryService | undefined {
    const config = this.configs().find((entry) => entry.name === name);
    return config ? this.serviceFor(config) : undefined;
  }

  private serviceFor(config: LegacyQueryConfig): LegacyQueryService {
    let service = this.services.get(config);
    if (!service) {
      service = new LegacyQueryService(config, this.options);
      this.services.set(config, service);
      this.built.add(service);
    }
    return service;
  }

  async close(): Promise<void> {
    for (const service of this.built) await service.close();
    this.built.clear();
  }
}
