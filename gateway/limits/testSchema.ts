import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';
import { SUPERGRAPH_FILE } from '../supergraph.ts';

let schema: GraphQLSchema | undefined;

/** The API schema clients see through the gateway, built from the committed supergraph. */
export function apiSchema(): GraphQLSchema {
  schema ??= Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
  return schema;
}
