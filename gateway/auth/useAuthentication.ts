import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InternalIdentity } from '../../lib/auth/internalToken.ts';
import { ANONYMOUS } from '../../lib/auth/principal.ts';
import { ERROR_CODES } from '../../lib/errors.ts';
import type { AccessTokenVerifier } from './oidc.ts';

/**
 * Headers that look like identity asserted by a trusted hop. Tongban never trusts them from a
 * client: they are deleted before anything reads the request, so no later code (or a future
 * header-forwarding data source) can mistake them for the gateway's own word.
 */
const IDENTITY_HEADER =
  /^(x-(tongban|principal|internal|identity|user|userid|user-id|subject|auth|authenticated|forwarded-user|remote-user|jwt|id-token)([-_].*)?|remote-user|x-forwarded-access-token)$/i;

const PURPOSE_HEADER = 'x-access-purpose';
const MAX_PURPOSE_LENGTH = 200;

export const WWW_AUTHENTICATE_REALM = 'Bearer realm="tongban"';

const identities = new WeakMap<FastifyRequest, InternalIdentity>();

/** The identity the hook established for this request. */
export function identityOf(request: FastifyRequest): InternalIdentity {
  return identities.get(request) ?? { principal: ANONYMOUS, meta: { clientIp: null, purpose: null } };
}

/** The purpose a client states for reading personal data; percent-encoded so Chinese survives HTTP headers. */
function purposeOf(request: FastifyRequest): string | null {
  const raw = request.headers[PURPOSE_HEADER];
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch {
    // not percent-encoded: take it as it is
  }
  return text.trim().slice(0, MAX_PURPOSE_LENGTH);
}

function refuse(reply: FastifyReply, description: string) {
  const safe = description.replace(/["\\]/g, "'");
  return reply
    .status(401)
    .header('www-authenticate', `${WWW_AUTHENTICATE_REALM}, error="invalid_token", error_description="${safe}"`)
    .send({ errors: [{ message: `Invalid access token: ${description}`, extensions: { code: ERROR_CODES.UNAUTHENTICATED } }] });
}

/**
 * Fastify onRequest hook for /graphql: no Authorization header means an anonymous caller (public
 * operations still work; private ones answer 401 from the resolver's decision); a bearer token
 * must verify, or the request ends here with 401. Every failure is a 401, never a 500.
 */
export function useAuthentication(verifier: AccessTokenVerifier, ipOf: (request: FastifyRequest) => string | undefined) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    for (const name of Object.keys(request.headers)) {
      if (IDENTITY_HEADER.test(name)) delete request.headers[name];
    }
    const meta = { clientIp: ipOf(request) ?? null, purpose: purposeOf(request) };
    const header = request.headers.authorization;
    if (header === undefined) {
      identities.set(request, { principal: ANONYMOUS, meta });
      return;
    }
    const match = /^Bearer +([A-Za-z0-9\-_.~+/]+=*)$/i.exec(header.trim());
    if (!match) return refuse(reply, 'expected "Authorization: Bearer <token>"');
    try {
      identities.set(request, { principal: await verifier.verify(match[1]!), meta });
    } catch (error) {
      return refuse(reply, (error as Error).message);
    }
  };
}
