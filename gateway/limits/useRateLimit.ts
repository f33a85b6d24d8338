import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../lib/auth/principal.ts';
import { ipBucket } from './clientIp.ts';
import type { RateLimiter } from './rateLimiter.ts';

export interface RateLimitHookOptions {
  limiter: Pick<RateLimiter, 'hit'>;
  /** Requests per window for a signed-in principal (RATE_LIMIT_PER_PRINCIPAL). */
  perPrincipal: number;
  /** Requests per window for one client IP, or IPv6 /64, without a principal (RATE_LIMIT_PER_IP). */
  perIp: number;
  /** The verified principal of the request, if any; ANONYMOUS, null or undefined means none. */
  principalOf(request: FastifyRequest): Principal | null | undefined | Promise<Principal | null | undefined>;
  /** Usually `(request) => clientIp(request, config.trustProxy)`. */
  ipOf(request: FastifyRequest): string | undefined;
}

/**
 * A Fastify `onRequest`/`preHandler` hook counting each request against one limit: the
 * principal's when signed in, else the client IP's. Signed-in requests are not also counted per
 * IP, because whole offices (乡镇便民服务中心, 政务外网 egress) reach the gateway through one
 * address; a principal is accountable on its own, and real-name accounts are not free to mint.
 *
 * Allowed requests carry RateLimit-Limit/-Remaining/-Reset; refused ones get 429 with
 * Retry-After and a GraphQL-shaped body, so clients handle one error format.
 */
/**
 * A subject may be a citizen ID number (some identity providers use it as `sub`); it must not sit
 * in Redis as plain text, where counters are not guarded like personal data.
 */
export function principalKey(subject: string): string {
  return `principal:${createHash('sha256').update(subject).digest('base64url').slice(0, 22)}`;
}

export function rateLimitHook(options: RateLimitHookOptions) {
  const { limiter, perPrincipal, perIp } = options;
  return async function rateLimit(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const principal = await options.principalOf(request);
    const signedIn = !!principal && principal.kind !== 'ANONYMOUS';
    const limit = signedIn ? perPrincipal : perIp;
    const key = signedIn ? principalKey(principal.subject) : `ip:${ipBucket(options.ipOf(request))}`;
    const decision = await limiter.hit(key, limit);
    reply.header('RateLimit-Limit', String(limit));
    reply.header('RateLimit-Remaining', String(decision.remaining));
    reply.header('RateLimit-Reset', String(decision.resetSeconds));
    if (decision.allowed) return undefined;
    const kind = signedIn ? 'principal' : 'ip';
    return reply
      .status(429)
      .header('Retry-After', String(decision.retryAfterSeconds))
      .header('content-type', 'application/json; charset=utf-8')
      .send({
        errors: [
          {
            message: `Too many requests from this ${kind === 'principal' ? 'user' : 'address'}: the limit is ${limit} per window; retry after ${decision.retryAfterSeconds} seconds.`,
            extensions: { code: 'RATE_LIMITED', limit: kind, retryAfter: decision.retryAfterSeconds },
          },
        ],
      });
  };
}
