import { createHash, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../lib/db/store.ts';
import type { ExchangeCredentials } from './credentials.ts';
import { ExchangeFault, FAULT_CODES } from './faults.ts';

/**
 * WS-Security UsernameToken Profile 1.0 with PasswordDigest:
 * Password = Base64(SHA-1(nonce bytes + Created + password)). The digest proves the password
 * without sending it; Created bounds the token in time and the nonce, remembered for the whole
 * window, makes each token single-use. PasswordText (the password in clear) is refused.
 */

/** How far Created may be from the server's clock, either way. */
export const CREATED_TOLERANCE_MS = 5 * 60_000;
/**
 * How long a nonce is remembered. A token is acceptable while Created is within ±5 minutes of now,
 * so two uses of one token are at most 10 minutes apart: remembering nonces that long refuses every
 * replay, and anything older has a stale Created anyway.
 */
export const NONCE_RETENTION_MS = 2 * CREATED_TOLERANCE_MS;

const DIGEST_TYPE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';

export interface Sender {
  clientId: string;
  agency: string;
  via: 'USERNAME_TOKEN' | 'BEARER';
}

/** The value of an element node-soap parsed: text, or `{ attributes, $value }` when it had attributes. */
function textOf(node: unknown): string | null {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && typeof (node as Record<string, unknown>)['$value'] === 'string') return (node as Record<string, string>)['$value']!;
  return null;
}

function attributeOf(node: unknown, name: string): string | null {
  const attributes = node && typeof node === 'object' ? (node as Record<string, unknown>)['attributes'] : null;
  const value = attributes && typeof attributes === 'object' ? (attributes as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : null;
}

export function passwordDigest(nonceBase64: string, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(nonceBase64, 'base64'), Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');
}

const unauthenticated = (reason: string, field = 'Security/UsernameToken') => new ExchangeFault(FAULT_CODES.UNAUTHENTICATED, reason, field);

/**
 * Checks the UsernameToken of a parsed SOAP header: the sender it proves, and the nonce the caller
 * must then consume (consumeNonce). Unknown user and wrong digest get the same answer, so the
 * fault does not tell which client ids exist.
 */
export function verifyUsernameToken(credentials: ExchangeCredentials, header: unknown, now: Date): { sender: Sender; nonce: string } {
  const security = header && typeof header === 'object' ? (header as Record<string, unknown>)['Security'] : undefined;
  const token = security && typeof security === 'object' ? (security as Record<string, unknown>)['UsernameToken'] : undefined;
  if (!token || typeof token !== 'object' || Array.isArray(token)) {
    throw unauthenticated('a WS-Security UsernameToken or an Authorization: Bearer token is required');
  }
  const fields = token as Record<string, unknown>;
  const username = textOf(fields['Username']);
  const password = fields['Password'];
  const digest = textOf(password);
  const nonce = textOf(fields['Nonce']);
  const created = textOf(fields['Created']);
  if (!username || !digest) throw unauthenticated('Username and Password are required');
  if (attributeOf(password, 'Type') !== DIGEST_TYPE) {
    throw unauthenticated('only PasswordDigest is accepted (PasswordText would send the password in clear)', 'Security/UsernameToken/Password');
  }
  if (!nonce || !/^[A-Za-z0-9+/]{11,88}={0,2}$/.test(nonce) || Buffer.from(nonce, 'base64').length < 8) {
    throw unauthenticated('a Base64 Nonce of at least 8 bytes is required', 'Security/UsernameToken/Nonce');
  }
  const createdAt = created && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(created) ? Date.parse(created) : NaN;
  if (Number.isNaN(createdAt)) throw unauthenticated('Created must be an xs:dateTime with a time zone', 'Security/UsernameToken/Created');
  if (Math.abs(createdAt - now.getTime()) > CREATED_TOLERANCE_MS) {
    throw unauthenticated(`Created is more than ${CREATED_TOLERANCE_MS / 60_000} minutes from the server's time`, 'Security/UsernameToken/Created');
  }
  const credential = credentials.get(username);
  // Compare against a digest even for an unknown user, so timing does not tell either.
  const expected = Buffer.from(passwordDigest(nonce, created!, credential?.password ?? '\u0000unknown'), 'base64');
  const given = Buffer.from(digest, 'base64');
  if (!credential || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw unauthenticated('the username or the password digest is wrong');
  }
  return { sender: { clientId: username, agency: credential.agency, via: 'USERNAME_TOKEN' }, nonce };
}

/** Records the nonce; one seen before within the retention window is a replay. */
export async function consumeNonce(db: Queryable, clientId: string, nonce: string, now: Date): Promise<void> {
  const { rows } = await db.query<{ nonce: string }>(
    'INSERT INTO exchange_nonce (client_id, nonce, seen_at) VALUES ($1, $2, $3) ON CONFLICT (client_id, nonce) DO NOTHING RETURNING nonce',
    [clientId, nonce, now.toISOString()],
  );
  if (rows.length === 0) {
    throw new ExchangeFault(FAULT_CODES.REPLAYED, 'this UsernameToken nonce was used before; every message needs a fresh nonce', 'Security/UsernameToken/Nonce');
  }
}

/** Forgets nonces older than the retention window (they can no longer pass the Created check). */
export async function purgeNonces(db: Queryable, now: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'WITH gone AS (DELETE FROM exchange_nonce WHERE seen_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
    [new Date(now.getTime() - NONCE_RETENTION_MS).toISOString()],
  );
  return rows[0]?.n ?? 0;
}
