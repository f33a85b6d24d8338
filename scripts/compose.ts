/**
 * `npm run compose`: composes schema/supergraph.graphql from every subgraph's schema.graphql.
 * Composition errors print and exit 1. With --check, nothing is written and the exit code says
 * whether the committed supergraph is current (CI uses it).
 */
import { composeServices } from '@apollo/composition';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { parse } from 'graphql';
import { SUBGRAPHS, SUPERGRAPH_OUTPUT } from '../schema/subgraphs.ts';
import { readSchemaSource } from '../lib/graphql/schemaSource.ts';

const check = process.argv.includes('--check');
const result = composeServices(
  SUBGRAPHS.map((subgraph) => ({
    name: subgraph.name,
    url: subgraph.url,
    typeDefs: parse(readSchemaSource(subgraph.schemaFile)),
  })),
);

if (result.errors) {
  console.error('composition failed:');
  for (const error of result.errors) console.error(`- ${error.message}`);
  process.exit(1);
}
for (const hint of result.hints ?? []) console.warn(`hint: ${hint.toString()}`);

const sdl = result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`;
if (check) {
  const current = existsSync(SUPERGRAPH_OUTPUT) ? readFileSync(SUPERGRAPH_OUTPUT, 'utf8') : '';
  if (current !== sdl) {
    console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit it');
    process.exit(1);
  }
  console.log('schema/supergraph.graphql is current');
} else {
  writeFileSync(SUPERGRAPH_OUTPUT, sdl);
  console.log(`wrote ${SUPERGRAPH_OUTPUT} (${SUBGRAPHS.length} subgraph${SUBGRAPHS.length === 1 ? '' : 's'})`);
}
