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

/** What a SOAP exchange needs of the request, untouched: the body's charset and encoding are the exchange service's to check. */
const SOAP_REQUEST_HEADERS = ['content-type', 'content-encoding', 'soapaction', 'authorization'];

/**
 * /soap/* — the CaseExchange service, for departmental systems, through the gateway's port. The
 * body goes through as bytes (the exchange service checks size, gzip, charset, DTDs and depth and
 * authenticates with WS-Security or the bearer token itself, so the gateway neither parses nor
 * verifies anything here), and the answer, SOAP Faults with their 500 included, comes back as is.
 * Requests are counted per client IP like anonymous GraphQL ones.
 */
export async function registerSoapProxy(
  app: FastifyInstance,
  exchange: SubgraphEndpoint,
  options: { bodyLimitBytes: number; allow(request: FastifyRequest): Promise<boolean> },
): Promise<void> {
  const origin = new URL(exchange.url).origin;
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimitBytes }, (_request, body, done) => done(null, body));
    const handler = async (request: FastifyRequest, reply: import('fastify').FastifyReply) => {
      if (!(await options.allow(request))) {
        return reply.status(429).header('content-type', 'text/plain; charset=utf-8').send('Too many requests from this address');
      }
      const headers: Record<string, string> = {};
      for (const name of SOAP_REQUEST_HEADERS) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      try {
        const response = await exchange.agent.request({
          origin,
          path: request.url,
          method: request.method as 'GET' | 'POST',
          headers,
          ...(request.method === 'POST' ? { body: request.body as Buffer } : {}),
        });
        const body = Buffer.from(await response.body.arrayBuffer());
        const type = response.headers['content-type'];
        reply.status(response.statusCode);
        if (typeof type === 'string') reply.header('content-type', type);
        return reply.send(body);
      } catch {
        return reply.status(503).header('content-type', 'text/plain; charset=utf-8').send('The exchange service is unavailable');
      }
    };
    scope.get('/soap/*', handler);
    scope.post('/soap/*', handler);
  });
}
