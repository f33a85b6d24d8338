import { fileURLToPath } from 'node:url';

/**
 * The subgraphs composed into the supergraph. Adding a subgraph starts here: its name, its
 * schema file, and the URL the embedded default serves it on (the gateway's <NAME>_URL variable
 * overrides it at run time).
 */
export interface SubgraphEntry {
  name: string;
  schemaFile: string;
  url: string;
}

const file = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const SUBGRAPHS: readonly SubgraphEntry[] = [
  { name: 'catalog', schemaFile: file('../subgraphs/catalog/schema.graphql'), url: 'http://127.0.0.1:4001/graphql' },
  { name: 'identity', schemaFile: file('../subgraphs/identity/schema.graphql'), url: 'http://127.0.0.1:4002/graphql' },
  { name: 'cases', schemaFile: file('../subgraphs/cases/schema.graphql'), url: 'http://127.0.0.1:4003/graphql' },
  { name: 'results', schemaFile: file('../subgraphs/results/schema.graphql'), url: 'http://127.0.0.1:4004/graphql' },
  { name: 'exchange', schemaFile: file('../adapters/case-exchange/schema.graphql'), url: 'http://127.0.0.1:4006/graphql' },
  { name: 'certificates', schemaFile: file('../subgraphs/certificates/schema.graphql'), url: 'http://127.0.0.1:4005/graphql' },
  { name: 'supervision', schemaFile: file('../subgraphs/supervision/schema.graphql'), url: 'http://127.0.0.1:4007/graphql' },
];

export const SUPERGRAPH_OUTPUT = file('./supergraph.graphql');
