import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks a WS-Security UsernameToken with PasswordDigest, as the `soap` server hands it over
 * (the parsed Security header): digest = Base64(SHA-1(nonce bytes + Created + password)), Created
 * within `maxSkewMs` of now, a nonce not seen within that window. Enough for a simulated
 * department to refuse a wrong password; the exchange service has its own, stricter check.
 */

export interface Credentials {
  username: string;
  password: string;
}

export interface UsernameTokenVerifier {
  verify(security: unknown): { ok: true; username: string } | { ok: false; reason: string };
}

const DIGEST_TYPE = /#PasswordDigest$/;

function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && '$value' in node) {
    const value = (node as { $value: unknown }).$value;
    return typeof value === 'string' ? value : value === undefined ? undefined : String(value);
  }
  return undefined;
}

export function passwordDigest(nonceBase64: string, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(nonceBase64, 'base64'), Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');
}

export function usernameTokenVerifier(accounts: readonly Credentials[], options: { now?: () => Date; maxSkewMs?: number } = {}): UsernameTokenVerifier {
  const now = options.now ?? (() => new Date());
  const maxSkewMs = options.maxSkewMs ?? 5 * 60_000;
  const seen = new Map<string, number>();
  return {
    verify(security) {
      const token = (security as { UsernameToken?: Record<string, unknown> } | undefined)?.UsernameToken;
      if (!token) return { ok: false, reason: 'no WS-Security UsernameToken' };
      const username = textOf(token.Username);
      const password = token.Password as { attributes?: { Type?: string } } | undefined;
      const digest = textOf(password);
      const nonce = textOf(token.Nonce);
      const created = textOf(token.Created);
      if (!username || !digest || !nonce || !created) return { ok: false, reason: 'the UsernameToken needs Username, Password, Nonce and Created' };
      if (!DIGEST_TYPE.test(password?.attributes?.Type ?? '')) return { ok: false, reason: 'only PasswordDigest is accepted' };
      const account = accounts.find((candidate) => candidate.username === username);
      if (!account) return { ok: false, reason: 'unknown username or wrong password' };
      const expected = Buffer.from(passwordDigest(nonce, created, account.password));
      const given = Buffer.from(digest);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'unknown username or wrong password' };
      const at = Date.parse(created);
      const current = now().getTime();
      if (Number.isNaN(at) || Math.abs(current - at) > maxSkewMs) return { ok: false, reason: 'Created is not within the accepted clock skew' };
      for (const [key, expires] of seen) if (expires < current) seen.delete(key);
      const key = `${username}\u0000${nonce}`;
      if (seen.has(key)) return { ok: false, reason: 'the nonce was used already (replay)' };
      seen.set(key, current + 2 * maxSkewMs);
      return { ok: true, username };
    },
  };
}
