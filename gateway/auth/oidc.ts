import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { principalFromClaims, PrincipalError, type Principal } from '../../lib/auth/principal.ts';
import type { Config } from '../../lib/config.ts';
import { createJwksSource, JwksUnavailableError, type JwksSource } from './jwks.ts';

export interface AccessTokenVerifierOptions {
  issuer: string;
  audience: string;
  algorithms: string[];
  clockToleranceSeconds: number;
  jwksCacheSeconds: number;
  jwksCooldownSeconds: number;
  jwksMaxStaleSeconds: number;
}

/** Why a token was refused; the text goes into WWW-Authenticate's error_description. */
export class InvalidTokenError extends Error {}

export interface AccessTokenVerifier {
  verify(token: string): Promise<Principal>;
  /** True when the provider's keys are at hand (for /ready). */
  keysUsable(): boolean;
  /** Discovery and a key fetch, so the first request does not pay for them. */
  warmUp(): Promise<void>;
}

interface DiscoveryDocument {
  issuer: string;
  jwks_uri: string;
}

/**
 * Verifies bearer access tokens from the OIDC issuer: discovery finds the JWKS, signatures are
 * checked with the pinned algorithms only (never `none`, never HMAC — an HS256 token "signed" with
 * the public key is refused because HS256 is not in the list), and `iss`, `aud`, `exp` and `sub`
 * are required. `typ`, where the issuer sets it, must say the token is an access token (RFC 9068),
 * so an ID token cannot be replayed as one.
 */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const issuer = options.issuer.replace(/\/$/, '');
  let discovery: Promise<DiscoveryDocument> | null = null;

  function discover(): Promise<DiscoveryDocument> {
    discovery ??= (async () => {
      const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new JwksUnavailableError(`discovery answered ${response.status}`);
      const document = (await response.json()) as DiscoveryDocument;
      if (document.issuer.replace(/\/$/, '') !== issuer) {
        throw new JwksUnavailableError(`discovery names issuer ${document.issuer}, expected ${issuer}`);
      }
      if (typeof document.jwks_uri !== 'string') throw new JwksUnavailableError('discovery has no jwks_uri');
      return document;
    })().catch((error: unknown) => {
      discovery = null; // try again on the next request
      throw error;
    });
    return discovery;
  }

  const jwks: JwksSource = createJwksSource({
    jwksUri: async () => (await discover()).jwks_uri,
    cacheSeconds: options.jwksCacheSeconds,
    cooldownSeconds: options.jwksCooldownSeconds,
    maxStaleSeconds: options.jwksMaxStaleSeconds,
  });

  // A client sends the same token with every request until it expires; verifying it once is enough.
  // Bounded, and entries leave at the token's own expiry.
  const verified = new Map<string, { principal: Principal; expiresAt: number }>();
  const MAX_VERIFIED = 50_000;

  return {
    keysUsable: () => jwks.usable(),
    async warmUp() {
      await jwks.refresh();
    },
    async verify(token) {
      const hit = verified.get(token);
      if (hit) {
        if (hit.expiresAt > Date.now()) return hit.principal;
        verified.delete(token);
      }
      let header;
      try {
        header = decodeProtectedHeader(token);
      } catch {
        throw new InvalidTokenError('malformed token');
      }
      if (header.typ !== undefined && !['at+jwt', 'application/at+jwt', 'JWT'].includes(header.typ)) {
        throw new InvalidTokenError(`token type ${header.typ} is not an access token`);
      }
      try {
        const { payload } = await jwtVerify(token, jwks.getKey, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: options.algorithms,
          clockTolerance: options.clockToleranceSeconds,
          requiredClaims: ['exp', 'iss', 'aud', 'sub'],
        });
        const principal = principalFromClaims(payload);
        if (verified.size >= MAX_VERIFIED) verified.clear();
        verified.set(token, { principal, expiresAt: (payload.exp as number) * 1000 });
        return principal;
      } catch (error) {
        throw new InvalidTokenError(describe(error));
      }
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'token expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `claim ${error.claim} is not acceptable`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'signature algorithm not allowed';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature does not verify';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'token signed with an unknown key';
  if (error instanceof JwksUnavailableError) return 'signing keys unavailable';
  if (error instanceof PrincipalError) return `identity claims invalid: ${error.message}`;
  return 'token not acceptable';
}

/** The verifier for `issuer` with the OIDC settings of the configuration (the gateway, the CaseExchange bearer path). */
export function accessTokenVerifierFor(config: Config, issuer: string): AccessTokenVerifier {
  return createAccessTokenVerifier({
    issuer,
    audience: config.oidcAudience,
    algorithms: config.oidcAlgorithms,
    clockToleranceSeconds: config.oidcClockToleranceSeconds,
    jwksCacheSeconds: config.oidcJwksCacheSeconds,
    jwksCooldownSeconds: config.oidcJwksCooldownSeconds,
    jwksMaxStaleSeconds: config.oidcJwksMaxStaleSeconds,
  });
}
