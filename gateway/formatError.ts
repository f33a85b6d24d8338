import type { GraphQLFormattedError } from 'graphql';
import { ERROR_CODES, maskError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';

/**
 * What a client sees of an error. Subgraph errors arrive with their own codes and pass the same
 * allow-list as the gateway's own. A subgraph that cannot be reached (connection refused, timeout)
 * becomes SUBGRAPH_UNAVAILABLE naming the subgraph, without the socket-level detail.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const serviceName = formatted.extensions?.['serviceName'];
  if (typeof serviceName === 'string' && isTransportFailure(formatted, error)) {
    logger.warn({ subgraph: serviceName, error: formatted.message }, 'subgraph unavailable');
    return {
      message: `The ${serviceName} service is unavailable`,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ERROR_CODES.SUBGRAPH_UNAVAILABLE, serviceName },
    };
  }
  return maskError(formatted, (original) => logger.error({ error: original }, 'masked error'));
}

const TRANSPORT_FAILURE = /fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket|aborted|timeout|Couldn't reach/i;

function isTransportFailure(formatted: GraphQLFormattedError, error: unknown): boolean {
  const code = formatted.extensions?.['code'];
  if (code !== undefined && code !== ERROR_CODES.INTERNAL_SERVER_ERROR) return false;
  const cause = (error as { originalError?: { message?: string; cause?: { code?: string } } } | undefined)?.originalError;
  return TRANSPORT_FAILURE.test(formatted.message) || TRANSPORT_FAILURE.test(cause?.message ?? '') || Boolean(cause?.cause?.code);
}
