import { readFileSync } from 'node:fs';
import path from 'node:path';

const INCLUDE = /^#\s*@include\s+(\S+)\s*$/gm;

/**
 * A subgraph's SDL with its `# @include <path>` lines replaced by the files they name (relative to
 * the schema file), as migrations include shared DDL. Federation wants every subgraph that serves
 * a shared type (the access log's) to declare it identically; one file declared once is how they
 * stay identical. The composer, the subgraph servers, codegen and the tests all read SDL through
 * this function, so none of them sees the include line unexpanded.
 */
export function readSchemaSource(file: string): string {
  const source = readFileSync(file, 'utf8');
  return source.replace(INCLUDE, (_line, included: string) => readSchemaSource(path.resolve(path.dirname(file), included)).trimEnd());
}
