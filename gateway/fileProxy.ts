import type { FastifyInstance } from 'fastify';
import type { SubgraphEndpoint } from './readiness.ts';

const PASSED_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'content-length'];

/**
 * GET /files/:id — downloads of the catalog's stored files (blank and sample forms) through the
 * gateway's port, the one address clients know. The request goes to the catalog with the
 * gateway's internal token; nothing of the client's request but the file id is forwarded.
 */
export function registerFileProxy(app: FastifyInstance, catalog: SubgraphEndpoint, internalToken: () => Promise<string>): void {
  const origin = new URL(catalog.url).origin;
  app.get<{ Params: { id: string } }>('/files/:id', async (request, reply) => {
    const id = encodeURIComponent(request.params.id);
    try {
      const response = await catalog.agent.request({
        origin,
        path: `/files/${id}`,
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
      return reply.status(503).send({ errors: [{ message: 'The catalog service is unavailable', extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'catalog' } }] });
    }
  });
}
