import { decodeJwt, type JWK } from 'jose';
import { createInternalSigner } from '../../../lib/auth/internalToken.ts';
import { principalFromClaims, type Principal } from '../../../lib/auth/principal.ts';

/**
 * Internal tokens for a target that calls a subgraph directly, as the gateway would: the principal
 * the gateway builds from each access token, signed with the gateway's key. Internal tokens live
 * INTERNAL_TOKEN_TTL_SECONDS (60 s by default), less than a long measurement, so they are re-signed
 * in the background and `current(i)` always hands out a valid one without waiting.
 */
export interface InternalTokens {
  readonly count: number;
  current(index: number): string;
  close(): Promise<void>;
}

/** What the gateway's authentication makes of a verified access token (claims → principal). */
export const principalOfAccessToken = (accessToken: string): Principal => principalFromClaims(decodeJwt(accessToken) as Record<string, unknown>);

export async function internalTokensFor(privateJwk: JWK, ttlSeconds: number, principals: readonly Principal[]): Promise<InternalTokens> {
  const signer = await createInternalSigner(privateJwk, ttlSeconds);
  // The meta the gateway sends for a client on this machine.
  const sign = () => Promise.all(principals.map((principal) => signer.sign({ principal, meta: { clientIp: '127.0.0.1', purpose: null } })));
  let tokens = await sign();
  // The signer hands out a new token once half the lifetime has passed; asking 4 times per lifetime catches it.
  const timer = setInterval(() => {
    sign().then((fresh) => (tokens = fresh), () => {});
  }, Math.max(1_000, (ttlSeconds * 1000) / 4));
  timer.unref();
  return {
    count: principals.length,
    current: (index) => tokens[index % tokens.length]!,
    close: async () => clearInterval(timer),
  };
}
