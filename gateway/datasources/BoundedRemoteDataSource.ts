import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { Agent, fetch as undiciFetch } from 'undici';

export interface SubgraphPoolOptions {
  /** Upper bound of open sockets to this subgraph; requests beyond it queue instead of piling up sockets. */
  connections: number;
  timeoutMs: number;
}

/**
 * A socket pool per subgraph: keep-alive on (no TCP handshake per request), a hard bound on open
 * connections, and a deadline for every request. The gateway's default fetcher has neither bound.
 */
export function createSubgraphAgent(options: SubgraphPoolOptions): Agent {
  return new Agent({
    connections: options.connections,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connectTimeout: Math.min(options.timeoutMs, 5_000),
  });
}

export function fetcherFor(agent: Agent, timeoutMs: number): Fetcher {
  return ((url: string, init?: Parameters<Fetcher>[1]) =>
    undiciFetch(url, {
      method: init?.method ?? 'POST',
      headers: init?.headers ?? {},
      body: init?.body ?? null,
      signal: init?.signal ?? AbortSignal.timeout(timeoutMs),
      dispatcher: agent,
    })) as unknown as Fetcher;
}

export class BoundedRemoteDataSource extends RemoteGraphQLDataSource {
  constructor(url: string, agent: Agent, timeoutMs: number) {
    super({ url, fetcher: fetcherFor(agent, timeoutMs) });
  }
}
