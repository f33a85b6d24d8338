import { GraphQLError, type ASTNode } from 'graphql';

/** The query limits a refusal can name; clients branch on `extensions.limit`. */
export type QueryLimit = 'depth' | 'aliases' | 'cost' | 'tokens';

const WORDING: Record<QueryLimit, (max: number, actual: number | undefined) => string> = {
  depth: (max, actual) => `Query depth ${actual} exceeds the maximum depth of ${max}.`,
  aliases: (max, actual) => `Query uses ${actual} aliases, more than the maximum of ${max} aliases.`,
  cost: (max, actual) => `Query cost ${actual} (estimated) exceeds the maximum cost of ${max}.`,
  // The parser stops at the first token over the limit, so the real count is never known.
  tokens: (max) => `Query has more than the maximum of ${max} tokens.`,
};

export function limitMessage(limit: QueryLimit, max: number, actual?: number): string {
  return WORDING[limit](max, actual);
}

export interface LimitErrorOptions {
  actual?: number;
  nodes?: readonly ASTNode[];
  /** Needed outside validation (the cost check), where Apollo would otherwise answer 500. */
  httpStatus?: number;
}

/**
 * The refusal of a query that is over a limit. The message and the extensions both name the limit
 * and its maximum, so a client developer sees which bound the server enforces without guessing.
 */
export function limitExceeded(limit: QueryLimit, max: number, options: LimitErrorOptions = {}): GraphQLError {
  const { actual, nodes, httpStatus } = options;
  return new GraphQLError(limitMessage(limit, max, actual), {
    ...(nodes ? { nodes } : {}),
    extensions: {
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit,
      max,
      ...(actual === undefined ? {} : { actual }),
      ...(httpStatus === undefined ? {} : { http: { status: httpStatus } }),
    },
  });
}
