/**
 * Fails when the committed resolver types differ from what `npm run codegen` would write now,
 * without touching the working tree.
 */
import { generate } from '@graphql-codegen/cli';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import config from '../codegen.ts';

const outputs = (await generate({ ...config, silent: true }, false)) as Array<{ filename: string; content: string }>;
const stale = outputs.filter(({ filename, content }) => {
  const file = path.resolve(filename);
  return !existsSync(file) || readFileSync(file, 'utf8') !== content;
});
if (stale.length) {
  console.error(`generated resolver types are stale: run \`npm run codegen\` and commit:\n${stale.map((o) => `- ${o.filename}`).join('\n')}`);
  process.exit(1);
}
console.log(`generated resolver types are current (${outputs.length} file${outputs.length === 1 ? '' : 's'})`);
