import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests live beside the code (`*.test.ts`); tests that start the whole stack live under
 * tests/ by kind: e2e (through the gateway), chaos (a dependency fails), security.
 */
export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build (the package has no "exports"), and so do the Apollo
    // packages; Vite would pick the .mjs build for our own imports and end up with two copies.
    alias: [{ find: /^graphql$/, replacement: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) }],
  },
  test: {
    include: ['{lib,gateway,subgraphs,adapters,idp,seeds,scripts,tests}/**/*.test.ts'],
    environment: 'node',
    // Generous: some tests start the whole platform (ten services, supervision included) in their
    // body, and CI machines have two cores: one such test took 52 s of 90 in a passing CI run.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // PGlite instances are memory-hungry; a few files at a time keeps a 2-core CI machine steady.
    maxWorkers: 3,
    env: { LOG_LEVEL: 'silent' },
  },
});
