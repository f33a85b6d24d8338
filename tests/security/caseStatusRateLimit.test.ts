import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.ts';

/**
 * 结果反馈 takes a case number and an ID number without signing in, so each lookup is a guess at
 * someone's ID number: the gateway counts lookups per client IP, far below the request limit.
 */
describe('caseStatus lookups are rate limited per address', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { CASE_STATUS_LOOKUPS_PER_WINDOW: '3', RATE_LIMIT_WINDOW_SECONDS: '600' } });
  }, 120_000);
  afterAll(async () => stack?.close());

  const lookup = (alias = 'a') => `${alias}: caseStatus(caseNumber: "610725000000TB725005410226000001", idNumber: "610725198503140220") { state }`;

  it('refuses the lookup past the limit with 429 RATE_LIMITED, counting aliases, while other queries go on', async () => {
    const many = await stack.graphql(`{ ${lookup('a')} ${lookup('b')} }`);
    expect(many.body.errors).toBeUndefined();
    const third = await stack.graphql(`{ ${lookup()} }`);
    expect(third.body).toEqual({ data: { a: null } });
    const fourth = await stack.graphql(`{ ${lookup()} }`);
    expect(fourth.status).toBe(429);
    expect(fourth.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'caseStatus' });
    expect(fourth.body.errors[0].extensions.retryAfter).toBeGreaterThan(0);
    const other = await stack.graphql('{ serviceItems(first: 1) { totalCount } }');
    expect(other.body.errors).toBeUndefined();
  });
});
