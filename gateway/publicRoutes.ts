import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SubgraphEndpoint } from './readiness.ts';

const PASSED_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'content-length', 'content-security-policy', 'x-content-type-options'];

/**
 * A public GET route of a subgraph served through the gateway's port, the one address clients
 * know: catalog downloads (GET /files/:id), the seals' JWKS (GET /seals/jwks.json) and the
 * verification page a certificate's QR code leads to (GET /certificates/verify). The request goes
 * to the subgraph with the gateway's anonymous internal token; nothing of the client's request is
 * forwarded but what `upstreamPath` takes from it.
 */
export function registerPublicGet(
  app: FastifyInstance,
  route: string,
  subgraph: SubgraphEndpoint,
  upstreamPath: (request: FastifyRequest) => string,
  internalToken: () => Promise<string>,
): void {
  const origin = new URL(subgraph.url).origin;
  app.get(route, async (request, reply) => {
    try {
      const response = await subgraph.agent.request({
        origin,
        path: upstreamPath(request),
        method: 'GET',
        headers: { authorization: `Bearer ${await internalToken()}` },
      });
      const body = Buffer.from(await response.body.arrayBuffer());
      reply.status(response.statusCode);
      for (const name of PASSED_HEADERS) {
        const value = response.headers[name];
        if (typeof value === 'string') reply.header(name, value);
      }
      return reply.send(body);
    } catch {
      return reply
        .status(503)
        .send({ errors: [{ message: `The ${subgraph.name} service is unavailable`, extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: subgraph.name } }] });
    }
  });
}

/** GET /files/:id — the catalog's stored files (blank and sample forms). */
export function registerFileProxy(app: FastifyInstance, catalog: SubgraphEndpoint, internalToken: () => Promise<string>): void {
  registerPublicGet(app, '/files/:id', catalog, (request) => `/files/${encodeURIComponent((request.params as { id: string }).id)}`, internalToken);
}

/** The certificates subgraph's public routes: the seal JWKS and the verification page. */
export function registerCertificateRoutes(app: FastifyInstance, certificates: SubgraphEndpoint, internalToken: () => Promise<string>): void {
  registerPublicGet(app, '/seals/jwks.json', certificates, () => '/seals/jwks.json', internalToken);
  registerPublicGet(
    app,
    '/certificates/verify',
    certificates,
    (request) => {
      // Only the parameters the page reads travel on, re-encoded: what to verify, and html for people
      // (the QR code on a printed certificate leads here) or JSON for programs.
      const query = request.query as Record<string, unknown>;
      const params = new URLSearchParams();
      for (const name of ['identifier', 'token', 'format']) if (typeof query[name] === 'string') params.set(name, query[name] as string);
      return `/certificates/verify?${params.toString()}`;
    },
    internalToken,
  );
}
