import { readSchemaSource } from '../../lib/graphql/schemaSource.ts';
import { fileURLToPath } from 'node:url';
import { parse, print, type DefinitionNode, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { RESULT_KIND_NAMES, RESULT_KINDS } from '../cases/domain/states.ts';
import { ITEM_TYPES } from './input.ts';
import { DELIVERY_METHOD_NAMES, DELIVERY_METHODS } from './models.ts';
import { RESULTS_SCHEMA_FILE } from './service.ts';

const schemaOf = (subgraph: string): DocumentNode =>
  parse(readSchemaSource(fileURLToPath(new URL(`../${subgraph}/schema.graphql`, import.meta.url))), { noLocation: true });

const results = parse(readSchemaSource(RESULTS_SCHEMA_FILE), { noLocation: true });

function definition(document: DocumentNode, name: string): DefinitionNode {
  const found = document.definitions.find((node) => 'name' in node && node.name?.value === name);
  if (!found) throw new Error(`${name} is not defined`);
  return found;
}

function enumValues(document: DocumentNode, name: string): Array<{ value: string; description: string | undefined }> {
  const node = definition(document, name);
  if (node.kind !== 'EnumTypeDefinition') throw new Error(`${name} is not an enum`);
  return (node.values ?? []).map((value) => ({ value: value.name.value, description: value.description?.value }));
}

/**
 * Types several subgraphs declare must be declared alike: composition refuses enums whose values
 * differ where they are used as inputs, and shared value types must not drift from the cases
 * subgraph, which sends and shows the same results.
 */
describe('the results schema agrees with its neighbours', () => {
  it.each(['ResultKind', 'DeliveryMethod', 'Attachment', 'AttachmentInput', 'PageInfo'])('%s is declared as in the cases subgraph', (name) => {
    expect(print(definition(results, name))).toBe(print(definition(schemaOf('cases'), name)));
  });

  it('ResultKind and DeliveryMethod carry the names the code shows as kindName and deliveryMethodName', () => {
    expect(enumValues(results, 'ResultKind')).toEqual(RESULT_KINDS.map((value) => ({ value, description: RESULT_KIND_NAMES[value] })));
    expect(enumValues(results, 'DeliveryMethod')).toEqual(DELIVERY_METHODS.map((value) => ({ value, description: DELIVERY_METHOD_NAMES[value] })));
  });

  it('accepts exactly the catalog’s item types', () => {
    expect(ITEM_TYPES).toEqual(enumValues(schemaOf('catalog'), 'ItemType').map((entry) => entry.value));
  });

  it('hides the write from clients: recordCaseResult and its input are @inaccessible', () => {
    const input = definition(results, 'CaseResultInput');
    expect(input.kind === 'InputObjectTypeDefinition' && input.directives?.map((d) => d.name.value)).toEqual(['inaccessible']);
    const mutation = definition(results, 'Mutation');
    if (mutation.kind !== 'ObjectTypeDefinition') throw new Error('Mutation is not a type');
    for (const field of mutation.fields ?? []) expect(field.directives?.map((d) => d.name.value)).toEqual(['inaccessible']);
  });
});
