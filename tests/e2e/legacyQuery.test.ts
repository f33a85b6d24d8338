import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_HOUSING_AGENCY } from '../../adapters/departments/config.ts';
import { LEGACY_QUERY_DEFAULTS } from '../../adapters/legacy-query/config.ts';
import type { LegacyQueryService } from '../../adapters/legacy-query/legacyQuery.ts';
import { startStack, type Stack } from '../support/stack.ts';

/**
 * Item 6 (wrapping legacy query services) through the real gateway: the simulated department's
 * LicenseRegistry wrapped as `departmentLicenses` of the exchange subgraph. A slow department
 * makes that field null with an error while the catalog part of the same query answers; repeated
 * failures open the breaker (failing fast, without calling); a repeated identical question is
 * answered from the cache without a SOAP request (counted at the adapter's transport).
 */

const HOLDER = '91610725TBQ725018D'; // 勉县汉江绿源农业开发有限公司: one legacy licence at the simulator
const QUERY = `query ($agency: ID!, $holder: String!) {
  serviceItems(first: 1) { totalCount }
  departmentLicenses(agency: $agency, holderCode: $holder) { agency licenseNumber name holderCode status }
}`;

let stack: Stack;
let registry: LegacyQueryService;
const ask = (holder: string, as = 'police-zhangwei') => stack.graphql(QUERY, { agency: DEV_HOUSING_AGENCY, holder }, { as });

beforeAll(async () => {
  stack = await startStack();
  registry = stack.exchange.legacyQueries.byName('housing-license-registry')!;
  expect(registry).toBeDefined();
});
afterAll(async () => stack?.close());

describe('a wrapped legacy query service through the gateway', () => {
  it('answers staff of another agency (减材料), and a second identical call comes from the cache without a SOAP request', async () => {
    const first = await ask(HOLDER);
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.serviceItems.totalCount).toBeGreaterThan(0);
    expect(first.body.data.departmentLicenses).toEqual([
      expect.objectContaining({ agency: DEV_HOUSING_AGENCY, holderCode: HOLDER, name: '建筑工程施工许可证', status: 'VALID' }),
    ]);
    const before = registry.stats();
    const second = await ask(HOLDER, 'auditor-hejing');
    expect(second.body.data.departmentLicenses).toEqual(first.body.data.departmentLicenses);
    expect(registry.stats()).toMatchObject({ requests: before.requests, cacheHits: before.cacheHits + 1 });
  });

  it('refuses applicants (the catalog part still answers)', async () => {
    const { body } = await ask(HOLDER, 'lijun');
    expect(body.data.departmentLicenses).toBeNull();
    expect(body.data.serviceItems.totalCount).toBeGreaterThan(0);
    expect(body.errors.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
  });

  it('a slow department: that field is null with SUBGRAPH_UNAVAILABLE naming the service, the rest answers; repeated failures open the breaker', async () => {
    stack.legacySim!.setQueryDelay(LEGACY_QUERY_DEFAULTS.timeoutMs + 1_500);
    const requests = registry.stats().requests;

    const slow = await ask('91610725TBQ7250001');
    expect(slow.status).toBe(200);
    expect(slow.body.data.serviceItems.totalCount).toBeGreaterThan(0);
    expect(slow.body.data.departmentLicenses).toBeNull();
    expect(slow.body.errors).toEqual([
      expect.objectContaining({
        path: ['departmentLicenses'],
        extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', legacyService: 'housing-license-registry', reason: 'TIMEOUT' }),
      }),
    ]);

    // Two more timeouts (threshold 3 within the window) open the breaker.
    const more = await Promise.all([ask('91610725TBQ7250002'), ask('91610725TBQ7250003')]);
    for (const answer of more) expect(answer.body.errors[0].extensions.reason).toBe('TIMEOUT');
    expect(registry.stats()).toMatchObject({ requests: requests + 3, breaker: 'OPEN' });

    // Open: fails fast without calling the department.
    const started = Date.now();
    const fast = await ask('91610725TBQ7250004');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fast.body.data.serviceItems.totalCount).toBeGreaterThan(0);
    expect(fast.body.data.departmentLicenses).toBeNull();
    expect(fast.body.errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', legacyService: 'housing-license-registry', reason: 'CIRCUIT_OPEN' });
    expect(fast.body.errors[0].extensions.retryAfter).toBeGreaterThan(0);
    expect(registry.stats().requests).toBe(requests + 3);

    // A fresh cached answer is still served while the breaker is open.
    const cached = await ask(HOLDER);
    expect(cached.body.errors).toBeUndefined();
    expect(cached.body.data.departmentLicenses).toHaveLength(1);
    expect(registry.stats().requests).toBe(requests + 3);
    stack.legacySim!.setQueryDelay(0);
  });
});
