import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, createLocalJWKSet, type JWK, type JSONWebKeySet, type CryptoKey } from 'jose';
import { createHash } from 'node:crypto';
import { ANONYMOUS, PRINCIPAL_KINDS, type Principal } from './principal.ts';

/**
 * The gateway's word to a subgraph about who is asking. The client's own token never reaches a
 * subgraph: the gateway verifies it, then signs a short-lived token of its own (ES256) carrying the
 * principal and the request's context. Subgraphs hold only the public keys, so a subgraph cannot
 * mint identities, and a client that bypasses the gateway has nothing a subgraph will accept.
 */

export const INTERNAL_ISSUER = 'tongban-gateway';
export const INTERNAL_AUDIENCE = 'tongban-subgraphs';
const TYP = 'tongban-internal+jwt';
const ALG = 'ES256';

/** What travels with the principal: where the request came from and why (access audit). */
export interface RequestMeta {
  clientIp: string | null;
  /** The purpose the client stated (X-Access-Purpose), for the access audit log. */
  purpose: string | null;
}

export interface InternalIdentity {
  principal: Principal;
  meta: RequestMeta;
}

export interface InternalKeyPair {
  privateJwk: JWK;
  publicJwks: JSONWebKeySet;
}

/**
 * A fresh ES256 pair. With `service`, the pair is a subgraph's own: its public JWK carries
 * `svc: <service>`, and verifiers accept tokens under that kid only for the principal
 * { kind: SERVICE, subject: <service> } — a subgraph's key can vouch for the subgraph, never for a user.
 */
export async function generateInternalKeyPair(service?: string): Promise<InternalKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const publicJwk = await exportJWK(publicKey);
  const kid = createHash('sha256').update(JSON.stringify(publicJwk)).digest('base64url').slice(0, 16);
  const svc = service === undefined ? {} : { svc: service };
  return {
    privateJwk: { ...privateJwk, kid, alg: ALG, use: 'sig', ...svc },
    publicJwks: { keys: [{ ...publicJwk, kid, alg: ALG, use: 'sig', ...svc }] },
  };
}

/** The principal a subgraph's service key signs for. */
export function servicePrincipal(service: string): Principal {
  return { ...ANONYMOUS, subject: service, kind: 'SERVICE', name: service };
}

export interface InternalSigner {
  sign(identity: InternalIdentity): Promise<string>;
}

/**
 * Signs internal tokens, reusing one for the same identity until half its lifetime has passed:
 * most requests come from a few principals, and signing is the costliest step of forwarding.
 */
export async function createInternalSigner(privateJwk: JWK, ttlSeconds: number, now: () => number = Date.now): Promise<InternalSigner> {
  if (!privateJwk.kid) throw new Error('the internal signing key needs a kid');
  const key = (await importJWK(privateJwk, ALG)) as CryptoKey;
  const cache = new Map<string, { token: string; renewAt: number }>();
  return {
    async sign(identity) {
      const cacheKey = JSON.stringify(identity);
      const at = now();
      const cached = cache.get(cacheKey);
      if (cached && cached.renewAt > at) return cached.token;
      const issuedAt = Math.floor(at / 1000);
      const token = await new SignJWT({ p: identity.principal, m: identity.meta })
        .setProtectedHeader({ alg: ALG, kid: privateJwk.kid!, typ: TYP })
        .setIssuer(INTERNAL_ISSUER)
        .setAudience(INTERNAL_AUDIENCE)
        .setSubject(identity.principal.subject)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(key);
      if (cache.size > 10_000) cache.clear();
      cache.set(cacheKey, { token, renewAt: at + (ttlSeconds * 1000) / 2 });
      return token;
    },
  };
}

export class InternalTokenError extends Error {}

export interface InternalVerifier {
  verify(token: string): Promise<InternalIdentity>;
}

/** Verifies internal tokens against the gateway's public keys; verified tokens are remembered until they expire. */
export function createInternalVerifier(publicJwks: JSONWebKeySet, now: () => number = Date.now): InternalVerifier {
  const keys = createLocalJWKSet(publicJwks);
  // kid → the service a subgraph's own key speaks for; absent for the gateway's keys.
  const services = new Map(
    publicJwks.keys.flatMap((key) => {
      const svc = (key as Record<string, unknown>)['svc'];
      return typeof svc === 'string' && key.kid ? [[key.kid, svc] as const] : [];
    }),
  );
  const verified = new Map<string, { identity: InternalIdentity; expiresAt: number }>();
  return {
    async verify(token) {
      const hit = verified.get(token);
      if (hit && hit.expiresAt > now()) return hit.identity;
      let payload: Record<string, unknown>;
      let kid: string | undefined;
      try {
        ({ payload, protectedHeader: { kid } } = await jwtVerify(token, keys, {
          issuer: INTERNAL_ISSUER,
          audience: INTERNAL_AUDIENCE,
          algorithms: [ALG],
          typ: TYP,
          requiredClaims: ['exp', 'iat', 'sub'],
          currentDate: new Date(now()),
        }));
      } catch (error) {
        throw new InternalTokenError((error as Error).message);
      }
      const identity = identityOf(payload);
      const service = kid === undefined ? undefined : services.get(kid);
      // Each key vouches for its own kind of principal only: the gateway's for users, a service key for its service.
      if (service !== undefined && (identity.principal.kind !== 'SERVICE' || identity.principal.subject !== service)) {
        throw new InternalTokenError(`a service key of ${service} may only sign for that service`);
      }
      if (service === undefined && identity.principal.kind === 'SERVICE') {
        throw new InternalTokenError('a SERVICE principal needs its service key');
      }
      if (verified.size > 10_000) verified.clear();
      verified.set(token, { identity, expiresAt: (payload['exp'] as number) * 1000 });
      return identity;
    },
  };
}

function identityOf(payload: Record<string, unknown>): InternalIdentity {
  const principal = payload['p'] as Principal | undefined;
  const meta = payload['m'] as RequestMeta | undefined;
  if (!principal || typeof principal !== 'object' || !PRINCIPAL_KINDS.includes(principal.kind) || principal.subject !== payload['sub']) {
    throw new InternalTokenError('internal token carries no valid principal');
  }
  return { principal: { ...ANONYMOUS, ...principal }, meta: { clientIp: meta?.clientIp ?? null, purpose: meta?.purpose ?? null } };
}
