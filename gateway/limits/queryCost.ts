import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

export interface CostOptions {
  /** Which operation of the document; as in the request. */
  operationName?: string | null;
  /** The size assumed for a list that has no size argument (`regions`, `agencies`, `guides`, …). */
  defaultListSize?: number;
  /** Arguments that bound a list's length; the largest given wins. */
  sizeArguments?: readonly string[];
}

export const DEFAULT_LIST_SIZE = 20;
const SIZE_ARGUMENTS = ['first', 'last', 'limit'] as const;

/**
 * Estimates what an operation will cost to resolve: each field costs 1, multiplied by the sizes of
 * the lists above it. A list's size is its `first`/`last`/`limit` (from the query, the request's
 * variables, or the argument's schema default), otherwise `defaultListSize`. A connection field
 * is not a list itself, so its size argument applies to its list children (`edges`, `nodes`).
 *
 * It is an upper-bound guess that errs high: fields selected twice are counted twice, and
 * abstract types count every branch. @skip/@include are honoured because the variables are
 * known. The result is clamped to Number.MAX_SAFE_INTEGER so it stays printable in an error.
 */
export function estimateCost(
  document: DocumentNode,
  schema: GraphQLSchema,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  options: CostOptions = {},
): number {
  const operation = getOperationAST(document, options.operationName ?? undefined);
  const rootType = operation && schema.getRootType(operation.operation);
  if (!operation || !rootType) return 0;
  const defaultListSize = options.defaultListSize ?? DEFAULT_LIST_SIZE;
  const sizeArguments = options.sizeArguments ?? SIZE_ARGUMENTS;

  // Invalid variables fail the request before anything is fetched, so estimating with what
  // could be coerced (and defaults for the rest) is enough.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], { ...variables });
  const variableValues = coerced.coerced ?? {};

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }

  const included = (node: SelectionNode): boolean => {
    try {
      if (getDirectiveValues(GraphQLSkipDirective, node, variableValues)?.['if'] === true) return false;
      if (getDirectiveValues(GraphQLIncludeDirective, node, variableValues)?.['if'] === false) return false;
    } catch {
      // A directive with a bad argument is a validation error; count the selection.
    }
    return true;
  };

  const sizeOf = (definition: GraphQLField<unknown, unknown>, node: FieldNode): number | undefined => {
    if (!definition.args.some((argument) => sizeArguments.includes(argument.name))) return undefined;
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(definition, node, variableValues);
    } catch {
      return undefined;
    }
    const sizes = sizeArguments
      .map((name) => values[name])
      .filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
    return sizes.length ? Math.max(0, Math.floor(Math.max(...sizes))) : undefined;
  };

  const fieldDefinition = (parent: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined => {
    if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
    if (parent === rootType && name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (parent === rootType && name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
  };

  const listDimensions = (type: GraphQLOutputType): number => {
    let dimensions = 0;
    for (let inner = getNullableType(type); isListType(inner); inner = getNullableType(inner.ofType)) dimensions++;
    return dimensions;
  };

  // Cost per instance of the parent, so a fragment's cost can be computed once and scaled.
  const fragmentMemo = new Map<string, number>();
  const inProgress = new Set<string>();

  const costOf = (set: SelectionSetNode, parent: GraphQLNamedType, connectionSize: number | undefined): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        cost += 1;
        const definition = fieldDefinition(parent, selection.name.value);
        if (!definition || !selection.selectionSet) continue;
        const size = sizeOf(definition, selection);
        const dimensions = listDimensions(definition.type);
        const multiplier = dimensions === 0 ? 1 : (size ?? connectionSize ?? defaultListSize) * defaultListSize ** (dimensions - 1);
        const childConnection = dimensions === 0 ? size : undefined;
        if (multiplier > 0) cost += multiplier * costOf(selection.selectionSet, getNamedType(definition.type), childConnection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type) cost += costOf(selection.selectionSet, type, connectionSize);
      } else {
        const name = selection.name.value;
        const key = `${name}\u0000${connectionSize ?? ''}`;
        const fragment = fragments.get(name);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !type || inProgress.has(key)) continue;
        let fragmentCost = fragmentMemo.get(key);
        if (fragmentCost === undefined) {
          inProgress.add(key);
          fragmentCost = costOf(fragment.selectionSet, type, connectionSize);
          inProgress.delete(key);
          fragmentMemo.set(key, fragmentCost);
        }
        cost += fragmentCost;
      }
    }
    return cost;
  };

  return Math.min(costOf(operation.selectionSet, rootType, undefined), Number.MAX_SAFE_INTEGER);
}
