import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.ts';

/**
 * The GraphQL-over-HTTP conformance audit of the graphql-http package against the gateway's
 * endpoint. Every MUST must pass ('error' results fail the test); SHOULD/MAY items that the
 * gateway handles differently come back as warnings and are listed, not hidden.
 *
 * Several audit requests use `__type`, an introspection field; the gateway refuses introspection
 * unless INTROSPECTION is on, so this test turns it on: the audit is about the HTTP protocol.
 */
describe('GraphQL-over-HTTP audit of the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { INTROSPECTION: 'true' } });
  });
  afterAll(async () => stack?.close());

  it('reports no error', async () => {
    const results = await auditServer({ url: stack.gateway.url });
    const errors = results.filter((result) => result.status === 'error');
    expect(errors.map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`)).toEqual([]);
    expect(results.filter((result) => result.status === 'ok').length).toBeGreaterThan(20);
  });
});
