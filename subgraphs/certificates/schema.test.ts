import { readSchemaSource } from '../../lib/graphql/schemaSource.ts';
import { fileURLToPath } from 'node:url';
import { parse, print, type DefinitionNode, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CERTIFICATES_SCHEMA_FILE } from './service.ts';
import { VERIFICATION_STATUSES } from './models.ts';

const schemaOf = (subgraph: string): DocumentNode =>
  parse(readSchemaSource(fileURLToPath(new URL(`../${subgraph}/schema.graphql`, import.meta.url))), { noLocation: true });
const certificates = parse(readSchemaSource(CERTIFICATES_SCHEMA_FILE), { noLocation: true });

function definition(document: DocumentNode, name: string): DefinitionNode {
  const found = document.definitions.find((node) => 'name' in node && node.name?.value === name);
  if (!found) throw new Error(`${name} is not defined`);
  return found;
}

describe('the certificates schema agrees with its neighbours', () => {
  it.each(['PrincipalKind', 'AccessLogEntry', 'AccessLogEdge', 'AccessLogConnection', 'AccessLogFilter', 'AccessLogVerification', 'PageInfo'])(
    '%s is declared as in the results subgraph',
    (name) => {
      expect(print(definition(certificates, name))).toBe(print(definition(schemaOf('results'), name)));
    },
  );

  it('declares the shared scalars without descriptions (the catalog owns them)', () => {
    for (const name of ['Date', 'JSONObject']) {
      const node = definition(certificates, name);
      expect(node.kind === 'ScalarTypeDefinition' && node.description).toBeFalsy();
    }
  });

  it('offers every verification status the code answers', () => {
    const node = definition(certificates, 'VerificationStatus');
    expect(node.kind === 'EnumTypeDefinition' && node.values?.map((value) => value.name.value)).toEqual([...VERIFICATION_STATUSES]);
  });
});
