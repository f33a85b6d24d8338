import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { Agent, fetch as undiciFetch } from 'undici';
import { ERROR_CODES } from '../../lib/errors.ts';

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

/**
 * A subgraph that cannot be reached (refused, reset, timed out) becomes one SUBGRAPH_UNAVAILABLE
 * error naming it. The gateway would otherwise pass the socket error through, and the client
 * would see either internals or a masked, unexplained failure.
 */
export function fetcherFor(name: string, agent: Agent, timeoutMs: number): Fetcher {
  return (async (url: string, init?: Parameters<Fetcher>[1]) => {
    try {
      return await undiciFetch(url, {
        method: init?.method ?? 'POST',
        headers: init?.headers ?? {},
        body: init?.body ?? null,
        signal: init?.signal ?? AbortSignal.timeout(timeoutMs),
        dispatcher: agent,
      });
    } catch (cause) {
      throw new GraphQLError(`The ${name} service is unavailable`, {
        extensions: { code: ERROR_CODES.SUBGRAPH_UNAVAILABLE, serviceName: name },
        originalError: cause as Error,
      });
    }
  }) as unknown as Fetcher;
}

export class BoundedRemoteDataSource extends RemoteGraphQLDataSource {
  constructor(name: string, url: string, agent: Agent, timeoutMs: number) {
    super({ url, fetcher: fetcherFor(name, agent, timeoutMs) });
  }
}
