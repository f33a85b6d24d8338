import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Supergraph } from '@apollo/federation-internals';

export const SUPERGRAPH_FILE = fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url));

export interface SupergraphInfo {
  sdl: string;
  /** Subgraph name → the URL composed into the supergraph. */
  subgraphs: Map<string, string>;
}

/** Reads the committed supergraph (`npm run compose` writes it) and lists its subgraphs. */
export function readSupergraph(file: string = SUPERGRAPH_FILE): SupergraphInfo {
  const sdl = readFileSync(file, 'utf8');
  const metadata = Supergraph.build(sdl).subgraphsMetadata();
  return { sdl, subgraphs: new Map(metadata.map((subgraph) => [subgraph.name, subgraph.url])) };
}
