import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'oidc-provider';

export const SIGNING_ALGORITHM = 'RS256';

/**
 * How many keys the JWKS publishes: the signing key and the ones before it. Tokens live an hour,
 * so a retired key is only needed until the last token it signed expires; a few rotations in
 * quick succession by hand should still not invalidate tokens in use.
 */
export const RETAINED_KEYS = 4;

/** A fresh private signing key as a JWK, its kid the RFC 7638 thumbprint. */
export async function createSigningKey(): Promise<JWK & { kid: string }> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  // alg and use pinned on every key, so oidc-provider ranks them equally and signs with the first.
  return { ...jwk, kty: 'RSA', kid, alg: SIGNING_ALGORITHM, use: 'sig' };
}

/** The key set after a rotation: the new key first, then the newest of the old ones. */
export function rotatedKeySet<K>(newKey: K, keys: readonly K[]): K[] {
  return [newKey, ...keys].slice(0, RETAINED_KEYS);
}
