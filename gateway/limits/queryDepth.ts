import type { ValidationRule } from 'graphql';
import { limitExceeded } from './limitError.ts';
import { foldSelections } from './selections.ts';

/**
 * Refuses operations nested deeper than `max` fields. Fragments count where they are spread, and
 * introspection fields count like any other: `__schema { types { fields { type { fields … } } } }`
 * is the classic way to make a server build an enormous response from a tiny query.
 */
export function maxDepthRule(max: number): ValidationRule {
  return (context) => {
    const depthOf = foldSelections((name) => context.getFragment(name), {
      empty: 0,
      field: (_alias, children) => 1 + children,
      combine: Math.max,
    });
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet);
        if (depth > max) context.reportError(limitExceeded('depth', max, { actual: depth, nodes: [operation] }));
      },
    };
  };
}
