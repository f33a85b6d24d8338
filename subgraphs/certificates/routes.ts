import type { FastifyInstance } from 'fastify';
import type { Store } from '../../lib/db/store.ts';
import { chinaDate } from '../../lib/time.ts';
import { createLoaders } from './loaders.ts';
import { CertificatesRepository } from './repository.ts';
import { verificationPage } from './printable.ts';
import { publishedSealKeys } from './sealKeys.ts';
import { verifyCertificate } from './verification.ts';

export const JWKS_PATH = '/seals/jwks.json';
export const VERIFY_PATH = '/certificates/verify';

/**
 * The subgraph's plain HTTP routes; the gateway forwards the public paths here (with its internal
 * token, like every request to a subgraph).
 *
 * - GET /seals/jwks.json: every seal public key, current and retired, with kid, alg, use and the
 *   agency it belongs to. A third party fetches it once and verifies sealed certificates offline.
 *   Keys only ever join the set, so caches may keep it a while.
 * - GET /certificates/verify?identifier=… or ?token=…: verifyCertificate for a QR code or a link,
 *   as JSON; always 200 with a status (INVALID for malformed input), like the GraphQL field. With
 *   `format=html` (what the printable rendition's QR code encodes), or an Accept header that
 *   prefers text/html, a small HTML page says the same in words (有效, 已过期, 已吊销 …): no holder
 *   and no surface data either way.
 */

/** True when the request asks for the HTML page: `format=html`, or Accept ranks text/html above JSON. */
export function wantsHtml(format: string | null, accept: string | undefined): boolean {
  if (format !== null) return format.toLowerCase() === 'html';
  if (accept === undefined) return false;
  const quality = (type: string) => {
    let best = -1;
    for (const part of accept.split(',')) {
      const [range, ...params] = part.trim().toLowerCase().split(';');
      if (range !== type && range !== `${type.split('/')[0]}/*`) continue;
      const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
      best = Math.max(best, q === undefined ? 1 : Number(q.slice(2)) || 0);
    }
    return best;
  };
  const html = quality('text/html');
  return html > 0 && html > quality('application/json');
}
export function registerRoutes(app: FastifyInstance, store: Store, now: () => Date): void {
  app.get(JWKS_PATH, async (_request, reply) => {
    const jwks = await publishedSealKeys(new CertificatesRepository(store));
    return reply.header('content-type', 'application/jwk-set+json').header('cache-control', 'public, max-age=300').send(JSON.stringify(jwks));
  });

  app.get<{ Querystring: Record<string, unknown> }>(VERIFY_PATH, async (request, reply) => {
    const text = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : null);
    const loaders = createLoaders(new CertificatesRepository(store));
    const verification = await verifyCertificate(
      { identifier: text(request.query['identifier']), token: text(request.query['token']) },
      {
        certificate: (identifier) => loaders.certificate.load(identifier),
        publicKey: (kid) => loaders.sealPublicKey.load(kid),
        typeName: async (typeCode) => (await loaders.type.load(typeCode))?.name ?? null,
        today: chinaDate(now()),
      },
    );
    if (wantsHtml(text(request.query['format']), request.headers.accept)) {
      return reply
        .header('cache-control', 'no-store')
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'")
        .header('x-content-type-options', 'nosniff')
        .send(verificationPage(verification));
    }
    return reply.header('cache-control', 'no-store').send(verification);
  });
}
