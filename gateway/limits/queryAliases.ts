import type { ValidationRule } from 'graphql';
import { limitExceeded } from './limitError.ts';
import { foldSelections } from './selections.ts';

/**
 * Refuses operations with more than `max` aliases. Aliases are how one request asks for the same
 * field many times (`a1: serviceGuide(…) a2: serviceGuide(…) …`), so they are counted as executed:
 * a fragment with aliases counts each time it is spread.
 */
export function maxAliasesRule(max: number): ValidationRule {
  return (context) => {
    const aliasesIn = foldSelections((name) => context.getFragment(name), {
      empty: 0,
      field: (alias, children) => (alias ? 1 : 0) + children,
      combine: (a, b) => a + b,
    });
    return {
      OperationDefinition(operation) {
        const aliases = aliasesIn(operation.selectionSet);
        if (aliases > max) context.reportError(limitExceeded('aliases', max, { actual: aliases, nodes: [operation] }));
      },
    };
  };
}
