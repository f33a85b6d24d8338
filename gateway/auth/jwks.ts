import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

/**
 * The identity provider's signing keys, fetched from its JWKS endpoint and kept in memory.
 *
 * - Fresh keys are used for `cacheSeconds`, then refreshed on the next verification.
 * - A token signed with a key id we do not know triggers a refetch — at most once per
 *   `cooldownSeconds`, so a flood of tokens with made-up key ids cannot hammer the provider —
 *   which is how a key rotation at the provider is picked up without a restart.
 * - If the endpoint cannot be reached, the last good keys stay in use for `maxStaleSeconds` past
 *   their freshness (an outage of the identity provider must not lock out everyone whose token is
 *   still valid). After that, verification fails closed: tokens are refused with 401 until the
 *   endpoint answers again, and the gateway's /ready reports the identity provider as down.
 */
export interface JwksSourceOptions {
  jwksUri: () => Promise<string>;
  cacheSeconds: number;
  cooldownSeconds: number;
  maxStaleSeconds: number;
  fetchTimeoutMs?: number;
  now?: () => number;
}

export class JwksUnavailableError extends Error {}

export interface JwksSource {
  getKey: JWTVerifyGetKey;
  /** Whether keys are available (fresh, or stale within the allowance). */
  usable(): boolean;
  /** Forces a fetch (readiness checks). */
  refresh(): Promise<void>;
}

export function createJwksSource(options: JwksSourceOptions): JwksSource {
  const now = options.now ?? Date.now;
  let keys: ReturnType<typeof createLocalJWKSet> | null = null;
  let fetchedAt = 0;
  // Refetches triggered by unknown key ids are rate-limited on their own clock, so the first
  // token after a rotation is never refused merely because a routine fetch happened just before.
  let lastUnknownKidRefetch = -Infinity;
  let inFlight: Promise<void> | null = null;

  const age = () => (now() - fetchedAt) / 1000;
  const usable = () => keys !== null && age() <= options.cacheSeconds + options.maxStaleSeconds;

  async function fetchKeys(): Promise<void> {
    const response = await fetch(await options.jwksUri(), {
      headers: { accept: 'application/json, application/jwk-set+json' },
      signal: AbortSignal.timeout(options.fetchTimeoutMs ?? 5_000),
    });
    if (!response.ok) throw new JwksUnavailableError(`JWKS endpoint answered ${response.status}`);
    const body = (await response.json()) as JSONWebKeySet;
    if (!body || !Array.isArray(body.keys)) throw new JwksUnavailableError('JWKS endpoint did not return a key set');
    keys = createLocalJWKSet(body);
    fetchedAt = now();
  }

  function refresh(): Promise<void> {
    inFlight ??= fetchKeys().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  async function ensureKeys(): Promise<void> {
    if (keys && age() <= options.cacheSeconds) return;
    try {
      await refresh();
    } catch (error) {
      if (!usable()) throw new JwksUnavailableError(`signing keys unavailable: ${(error as Error).message}`);
    }
  }

  return {
    usable,
    refresh,
    async getKey(header, token) {
      await ensureKeys();
      try {
        return await keys!(header, token);
      } catch (error) {
        const unknownKid = (error as { code?: string }).code === 'ERR_JWKS_NO_MATCHING_KEY';
        if (!unknownKid || (now() - lastUnknownKidRefetch) / 1000 < options.cooldownSeconds) throw error;
        lastUnknownKidRefetch = now();
        await refresh().catch(() => {});
        return keys!(header, token);
      }
    },
  };
}
