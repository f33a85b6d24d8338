import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type ParseOptions, type ValidationRule } from 'graphql';
import type { Config } from '../../lib/config.ts';
import { limitExceeded, limitMessage } from './limitError.ts';
import { maxAliasesRule } from './queryAliases.ts';
import { estimateCost, DEFAULT_LIST_SIZE } from './queryCost.ts';
import { maxDepthRule } from './queryDepth.ts';

export { estimateCost, DEFAULT_LIST_SIZE, type CostOptions } from './queryCost.ts';
export { maxAliasesRule } from './queryAliases.ts';
export { maxDepthRule } from './queryDepth.ts';

export type QueryLimitsConfig = Pick<Config, 'maxDepth' | 'maxAliases' | 'maxTokens' | 'maxCost'>;

export interface QueryLimitsOptions {
  /** The size assumed for a list without a size argument. */
  defaultListSize?: number;
}

export interface QueryLimits<TContext extends BaseContext> {
  /** For ApolloServer's `validationRules`. */
  validationRules: ValidationRule[];
  /** For ApolloServer's `parseOptions`. */
  parseOptions: ParseOptions;
  /** For ApolloServer's `plugins`: the cost check, and naming the token limit in its refusal. */
  plugin: ApolloServerPlugin<TContext>;
}

/** Apollo parses with these; graphql-js stops lexing at the limit, before building any AST. */
export function queryParseOptions(config: Pick<Config, 'maxTokens'>): ParseOptions {
  return { maxTokens: config.maxTokens };
}

/**
 * Bounds on the shape of a query, enforced before anything is sent to a subgraph: tokens while
 * parsing, depth and aliases while validating, estimated cost once the operation and its variables
 * are known. Each refusal is a GRAPHQL_VALIDATION_FAILED (tokens: GRAPHQL_PARSE_FAILED) answered
 * with HTTP 400 and extensions `{ limit, max, actual }`.
 */
export function useQueryLimits<TContext extends BaseContext = BaseContext>(
  config: QueryLimitsConfig,
  options: QueryLimitsOptions = {},
): QueryLimits<TContext> {
  return {
    validationRules: [maxDepthRule(config.maxDepth), maxAliasesRule(config.maxAliases)],
    parseOptions: queryParseOptions(config),
    plugin: queryLimitsPlugin(config, options),
  };
}

// graphql 16 words it "more that"; a later release may fix the typo.
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] \d+ tokens/;

/**
 * The cost check cannot be a validation rule: Apollo caches validated documents by query text,
 * and a document's cost depends on the variables of each request.
 */
export function queryLimitsPlugin<TContext extends BaseContext = BaseContext>(
  config: Pick<Config, 'maxTokens' | 'maxCost'>,
  options: QueryLimitsOptions = {},
): ApolloServerPlugin<TContext> {
  const defaultListSize = options.defaultListSize ?? DEFAULT_LIST_SIZE;
  return {
    async requestDidStart() {
      return {
        async parsingDidStart() {
          return async (error?: Error) => {
            // Apollo turns this error into its GRAPHQL_PARSE_FAILED response, keeping extensions.
            if (!(error instanceof GraphQLError) || !TOKEN_LIMIT.test(error.message)) return;
            error.message = limitMessage('tokens', config.maxTokens);
            Object.assign(error.extensions, { limit: 'tokens', max: config.maxTokens });
          };
        },
        async didResolveOperation({ document, schema, request, operation }) {
          const actual = estimateCost(document, schema, request.variables, {
            operationName: request.operationName,
            defaultListSize,
          });
          if (actual > config.maxCost) {
            throw limitExceeded('cost', config.maxCost, { actual, ...(operation ? { nodes: [operation] } : {}), httpStatus: 400 });
          }
        },
      };
    },
  };
}
