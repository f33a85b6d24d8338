import type { JSONWebKeySet, JWK } from 'jose';
import { ConfigError, type Config } from '../config.ts';
import { createInternalSigner, createInternalVerifier, type InternalSigner, type InternalVerifier } from './internalToken.ts';

/**
 * Where the internal-token keys come from: passed in by a launcher that runs gateway and subgraphs
 * together (npm start, tests, bench — it generates a fresh pair), or configured for services that
 * run as separate processes (INTERNAL_SIGNING_KEY on the gateway, INTERNAL_VERIFY_KEYS on subgraphs).
 */
export function internalVerifierFor(config: Config, publicJwks?: JSONWebKeySet): InternalVerifier {
  const keys = publicJwks ?? (config.internalVerifyKeys as JSONWebKeySet | undefined);
  if (!keys || !Array.isArray(keys.keys) || keys.keys.length === 0) {
    throw new ConfigError('INTERNAL_VERIFY_KEYS', "required: the gateway's public JWKS, so this subgraph can verify who is asking");
  }
  return createInternalVerifier(keys);
}

export function internalSignerFor(config: Config, privateJwk?: JWK): Promise<InternalSigner> {
  const key = privateJwk ?? (config.internalSigningKey as JWK | undefined);
  if (!key || typeof key['d'] !== 'string') {
    throw new ConfigError('INTERNAL_SIGNING_KEY', 'required: a private EC P-256 JWK with a kid, to sign internal tokens');
  }
  return createInternalSigner(key, config.internalTokenTtlSeconds);
}
