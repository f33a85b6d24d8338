import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * The catalogue of error codes a client may see. Anything else is masked to INTERNAL_SERVER_ERROR
 * and logged with its cause: an internal message or stack trace never leaves a Tongban process.
 * Codes are stable; clients branch on them, so one is never renamed, only added.
 */
export const ERROR_CODES = {
  /** An argument or input field is malformed or out of range; `field` and `reason` say which and why. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** A case transition that its state, kind or decision does not allow; `reason` says which and why. */
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  /** A write based on a version that is no longer the latest: reload and retry. */
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  /**
   * What the request would create exists already and may exist only once (a second evaluation of a
   * case on the same channel, a second appeal); `field` and `reason` say which. Retrying will not help.
   */
  DUPLICATE: 'DUPLICATE',
  /** Syntax error in the GraphQL document. */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  /** The document does not validate against the schema. */
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  /** The HTTP request is not a GraphQL request (wrong method, body, content type). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The operation name does not match an operation in the document. */
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** No or an invalid identity where one is required. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** A valid identity without the right. */
  FORBIDDEN: 'FORBIDDEN',
  /** Too many requests in the current window; `retryAfter` says how many seconds to wait. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** A subgraph did not answer in time or at all; the rest of the response is still served. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  /** Anything unexpected. The message is generic; the cause is in the server log. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

const ALLOWED = new Set<string>(Object.keys(ERROR_CODES));

/** Extensions that may accompany an allowed code; everything else (stack traces, internals) is dropped. */
const SAFE_EXTENSIONS = ['code', 'field', 'reason', 'expected', 'elements', 'serviceName', 'legacyService', 'limit', 'max', 'actual', 'retryAfter'] as const;

export function badUserInput(field: string, reason: string, expected?: string): GraphQLError {
  return new GraphQLError(`Invalid ${field}: ${reason}`, {
    extensions: { code: ERROR_CODES.BAD_USER_INPUT, field, reason, ...(expected ? { expected } : {}) },
  });
}

/**
 * A document (a guide's content, an application form) with one or more failing elements: every
 * failure is listed in `elements` with its path and reason; `field` names the first.
 */
export function invalidElements(field: string, errors: ReadonlyArray<{ element: string; reason: string }>): GraphQLError {
  const first = errors[0]!;
  return new GraphQLError(`Invalid ${field}: ${errors.length} element${errors.length === 1 ? '' : 's'} failed, first ${first.element}: ${first.reason}`, {
    extensions: {
      code: ERROR_CODES.BAD_USER_INPUT,
      field: `${field}.${first.element}`,
      reason: first.reason,
      elements: errors.map((error) => ({ element: error.element, reason: error.reason })),
    },
  });
}

export function versionConflict(field: string, latest: number, given: number): GraphQLError {
  return new GraphQLError(`Version conflict: ${given} is not the latest version (${latest}); reload and apply your change again`, {
    extensions: { code: ERROR_CODES.VERSION_CONFLICT, field, reason: `latest version is ${latest}`, expected: String(latest) },
  });
}

/** A second one of something that exists once (see DUPLICATE); nothing of the request is stored. */
export function duplicate(field: string, reason: string): GraphQLError {
  return new GraphQLError(`Duplicate ${field}: ${reason}`, { extensions: { code: ERROR_CODES.DUPLICATE, field, reason } });
}

export function isAllowedCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && ALLOWED.has(code);
}

export const MASKED_MESSAGE = 'Internal server error';

/**
 * Shapes an error for a client. Allowed codes keep their message and safe extensions; the rest
 * become a generic INTERNAL_SERVER_ERROR, and `onMasked` receives the original for logging.
 */
export function maskError(
  formatted: GraphQLFormattedError,
  onMasked: (error: GraphQLFormattedError) => void,
): GraphQLFormattedError {
  const code = formatted.extensions?.['code'];
  if (!isAllowedCode(code) || code === 'INTERNAL_SERVER_ERROR') {
    if (code !== 'INTERNAL_SERVER_ERROR' || formatted.message !== MASKED_MESSAGE) onMasked(formatted);
    return {
      message: MASKED_MESSAGE,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ERROR_CODES.INTERNAL_SERVER_ERROR },
    };
  }
  const extensions: Record<string, unknown> = {};
  for (const key of SAFE_EXTENSIONS) {
    if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
  }
  return { ...formatted, extensions };
}

export function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(`Sign in required: ${reason}`, { extensions: { code: ERROR_CODES.UNAUTHENTICATED, reason } });
}

export function forbidden(reason: string): GraphQLError {
  return new GraphQLError(`Not allowed: ${reason}`, { extensions: { code: ERROR_CODES.FORBIDDEN, reason } });
}
