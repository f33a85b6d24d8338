import { Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

export type FragmentLookup = (name: string) => FragmentDefinitionNode | null | undefined;

/**
 * Folds a selection set as if every fragment were inlined, computing each named fragment once.
 * Documents that spread one fragment many times (or fragments that spread others) would
 * otherwise cost exponential time to measure, which is itself a denial of service.
 *
 * A fragment cycle contributes `empty`: NoFragmentCyclesRule refuses such documents anyway, and
 * the limit rules run beside it, so they must merely terminate.
 */
export function foldSelections<T>(
  fragmentOf: FragmentLookup,
  fold: {
    empty: T;
    field(alias: boolean, children: T): T;
    combine(a: T, b: T): T;
  },
): (set: SelectionSetNode | undefined) => T {
  const memo = new Map<string, T>();
  const inProgress = new Set<string>();

  const fragment = (name: string): T => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const definition = fragmentOf(name);
    if (!definition || inProgress.has(name)) return fold.empty;
    inProgress.add(name);
    const value = walk(definition.selectionSet);
    inProgress.delete(name);
    memo.set(name, value);
    return value;
  };

  const walk = (set: SelectionSetNode | undefined): T => {
    let value = fold.empty;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        value = fold.combine(value, fold.field(selection.alias !== undefined, walk(selection.selectionSet)));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        value = fold.combine(value, walk(selection.selectionSet));
      } else {
        value = fold.combine(value, fragment(selection.name.value));
      }
    }
    return value;
  };
  return walk;
}
