import { Agent } from 'undici';
import type { JWK } from 'jose';
import { createInternalSigner, servicePrincipal, type InternalSigner } from '../auth/internalToken.ts';

/**
 * A subgraph calling another one over GraphQL, as itself: the call carries an internal token signed
 * with the caller's own service key (principal kind SERVICE), never a user's token, so it works in
 * background jobs (outbox delivery) as well as inside a request, and the callee can tell that the
 * cases subgraph, not a client, is recording a result.
 */
export interface ServiceClient {
  /** The `data` of a successful response; throws ServiceCallError otherwise. */
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Why a call failed. `code` is the callee's error code (BAD_USER_INPUT …) when it answered with
 * errors, SUBGRAPH_UNAVAILABLE when it did not answer at all. `retryable` tells an outbox whether
 * trying again can help: a refusal will be refused again, an outage may pass.
 */
export class ServiceCallError extends Error {
  override name = 'ServiceCallError';
  constructor(
    readonly service: string,
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(`${service}: ${message}`);
  }
}

export interface ServiceClientOptions {
  /** The calling subgraph, e.g. `cases`. */
  caller: string;
  /** The callee's name, for errors. */
  callee: string;
  /** The callee's GraphQL URL. */
  url: string | (() => string);
  /** The caller's private service JWK (with `svc` = caller), or a ready signer. */
  signingKey: JWK | InternalSigner;
  timeoutMs: number;
  tokenTtlSeconds?: number;
  connections?: number;
}

export async function createServiceClient(options: ServiceClientOptions): Promise<ServiceClient> {
  const signer =
    'sign' in options.signingKey
      ? (options.signingKey as InternalSigner)
      : await createInternalSigner(options.signingKey as JWK, options.tokenTtlSeconds ?? 60);
  const agent = new Agent({
    connections: options.connections ?? 16,
    keepAliveTimeout: 30_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: { timeout: Math.min(options.timeoutMs, 5_000) },
  });
  const identity = { principal: servicePrincipal(options.caller), meta: { clientIp: null, purpose: null } };
  const urlOf = typeof options.url === 'function' ? options.url : () => options.url as string;
  const unavailable = (message: string) => new ServiceCallError(options.callee, 'SUBGRAPH_UNAVAILABLE', message, true);

  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const token = await signer.sign(identity);
      let status: number;
      let text: string;
      try {
        const response = await agent.request({
          origin: new URL(urlOf()).origin,
          path: new URL(urlOf()).pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        });
        status = response.statusCode;
        text = await response.body.text();
      } catch (error) {
        throw unavailable((error as Error).message);
      }
      let body: { data?: T | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
      try {
        body = JSON.parse(text);
      } catch {
        throw unavailable(`answered ${status} without JSON`);
      }
      const first = body.errors?.[0];
      if (first !== undefined) {
        const code = typeof first.extensions?.['code'] === 'string' ? (first.extensions['code'] as string) : 'INTERNAL_SERVER_ERROR';
        // Refusals (bad input, conflicts, authorization) are final; anything else may be transient.
        const final = ['BAD_USER_INPUT', 'FORBIDDEN', 'UNAUTHENTICATED', 'VERSION_CONFLICT', 'ILLEGAL_TRANSITION', 'DUPLICATE', 'GRAPHQL_VALIDATION_FAILED'];
        throw new ServiceCallError(options.callee, code, first.message, !final.includes(code), first.extensions ?? {});
      }
      if (status >= 500 || body.data == null) throw unavailable(`answered ${status} without data`);
      return body.data;
    },
    close: () => agent.close(),
  };
}
