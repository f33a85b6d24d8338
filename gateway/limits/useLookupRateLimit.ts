import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { ERROR_CODES } from '../../lib/errors.ts';
import { ipBucket } from './clientIp.ts';
import type { RateLimiter } from './rateLimiter.ts';

export interface LookupRateLimitOptions<Context> {
  limiter: Pick<RateLimiter, 'hit'>;
  /** Root fields that look something up by a secret pair, with how many lookups one IP may make per window. */
  fields: Readonly<Record<string, number>>;
  ipOf(context: Context): string | null;
}

/** How many times each limited root field occurs in the operation, aliases and fragments included. */
export function countLookups(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, fields: readonly string[]): Map<string, number> {
  const counts = new Map(fields.map((field) => [field, 0]));
  // Root fields only, so no memo is needed: a fragment is visited once per spread at the root,
  // and a cycle (refused by validation anyway) is cut by `seen`.
  const visit = (selections: OperationDefinitionNode['selectionSet']['selections'], seen: Set<string>) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (counts.has(name)) counts.set(name, counts.get(name)! + 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet.selections, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) visit(fragment.selectionSet.selections, new Set([...seen, name]));
      }
    }
  };
  visit(operation.selectionSet.selections, new Set());
  return counts;
}

/**
 * Rate limits for lookups that take a secret pair without signing in — 结果反馈's
 * `caseStatus(caseNumber, idNumber)`: counted per client IP and per occurrence, so thirty aliases
 * in one request are thirty guesses, not one. Far tighter than the general request limit,
 * because each guess tests an ID number against a case number.
 */
export function useLookupRateLimit<Context extends BaseContext>(options: LookupRateLimitOptions<Context>): ApolloServerPlugin<Context> {
  const names = Object.keys(options.fields);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (!operation || operation.operation !== 'query') return;
          const fragments = new Map(
            document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
          );
          const counts = countLookups(operation, fragments, names);
          const bucket = ipBucket(options.ipOf(contextValue) ?? undefined);
          for (const [field, count] of counts) {
            const limit = options.fields[field]!;
            for (let i = 0; i < count; i++) {
              const decision = await options.limiter.hit(`lookup:${field}:ip:${bucket}`, limit);
              if (!decision.allowed) {
                throw new GraphQLError(`Too many ${field} lookups from this address: the limit is ${limit} per window; retry after ${decision.retryAfterSeconds} seconds.`, {
                  extensions: { code: ERROR_CODES.RATE_LIMITED, limit: field, retryAfter: decision.retryAfterSeconds, http: { status: 429 } },
                });
              }
            }
          }
        },
      };
    },
  };
}
