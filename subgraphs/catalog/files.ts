import type { FastifyInstance } from 'fastify';
import type { CatalogRepository } from './repository.ts';

const FILE_ID = /^[0-9a-f]{16,64}$/;

/**
 * GET /files/:id — blank forms, sample forms and result samples named by the guides. The gateway
 * forwards /files/ here (with its internal token, like every request to a subgraph). Files are
 * content-addressed, so a response never changes and may be cached for good.
 */
export function registerFileRoute(app: FastifyInstance, repository: CatalogRepository): void {
  app.get<{ Params: { id: string } }>('/files/:id', async (request, reply) => {
    const { id } = request.params;
    const file = FILE_ID.test(id) ? await repository.fileById(id) : null;
    if (!file) return reply.status(404).send({ errors: [{ message: 'No such file', extensions: { code: 'BAD_REQUEST' } }] });
    return reply
      .header('content-type', file.mediaType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(file.bytes);
  });
}
