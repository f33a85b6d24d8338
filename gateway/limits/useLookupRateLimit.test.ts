import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { countLookups } from './useLookupRateLimit.ts';

function count(source: string): number {
  const document = parse(source);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return countLookups(operation, fragments, ['caseStatus']).get('caseStatus')!;
}

describe('counting caseStatus lookups in an operation', () => {
  it('counts each occurrence: aliases, inline fragments and named fragments at the root', () => {
    expect(count('{ caseStatus(caseNumber: "a", idNumber: "b") { state } }')).toBe(1);
    expect(count('{ a: caseStatus(caseNumber: "a", idNumber: "b") { state } b: caseStatus(caseNumber: "a", idNumber: "c") { state } }')).toBe(2);
    expect(count('{ ... on Query { caseStatus(caseNumber: "a", idNumber: "b") { state } } ...F ...F } fragment F on Query { x: caseStatus(caseNumber: "a", idNumber: "d") { state } }')).toBe(3);
  });

  it('ignores the same name below the root and other fields', () => {
    expect(count('{ serviceItems { totalCount } other { caseStatus } }')).toBe(0);
  });
});
