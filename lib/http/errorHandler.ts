import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES } from '../errors.ts';
import type { Logger } from '../logger.ts';

/**
 * Errors that happen before GraphQL runs (a body that is not JSON, one that is too large, an
 * unsupported content type) are answered in the GraphQL error shape with a 4xx status, so clients
 * handle one format. Anything else is a 500 with a generic message; the cause goes to the log.
 */
export function graphqlShapedErrorHandler(logger: Logger) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .header('content-type', 'application/json; charset=utf-8')
        .send({ errors: [{ message: clientMessage(error), extensions: { code: ERROR_CODES.BAD_REQUEST } }] });
    }
    logger.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send({ errors: [{ message: 'Internal server error', extensions: { code: ERROR_CODES.INTERNAL_SERVER_ERROR } }] });
  };
}

function clientMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is not valid JSON';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than this server accepts';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported content type: send application/json';
    default:
      return error.message;
  }
}
