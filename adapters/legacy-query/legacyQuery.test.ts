import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import { startLegacySim, type LegacySim } from '../legacy-sim/sim.ts';
import type { License } from '../legacy-sim/jobs.ts';
import { developmentLegacyQueries, parseLegacyQueryConfigs, type LegacyQueryConfig } from './config.ts';
import { departmentCaseStatus, departmentLicenses } from './fields.ts';
import { LegacyQueries, LegacyQueryError, LegacyQueryService } from './legacyQuery.ts';

/** The adapter against the real simulator's LicenseRegistry over HTTP, with an injected clock. */

const HOLDER = '91610725TBQ725018D';
const license = (n: number, holderCode = HOLDER): License => ({
  licenseNumber: `勉住建许〔2023〕第${String(n).padStart(4, '0')}号`,
  name: '建筑工程施工许可证',
  holderName: '勉县汉江绿源农业开发有限公司',
  holderCode,
  issuedAt: '2023-05-16T10:20:00+08:00',
  status: 'VALID',
});
const BIG_HOLDER = '91610725TBQ7250BIG';

let sim: LegacySim;
let t = 0;
const now = () => t;

function config(overrides: Partial<LegacyQueryConfig> = {}): LegacyQueryConfig {
  return { ...developmentLegacyQueries(sim.registryUrl)[0]!, timeoutMs: 300, cacheTtlSeconds: 30, breaker: { failureThreshold: 2, windowMs: 10_000, coolDownMs: 5_000 }, ...overrides };
}

async function failure(promise: Promise<unknown>): Promise<LegacyQueryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LegacyQueryError);
  return error as LegacyQueryError;
}

beforeAll(async () => {
  sim = await startLegacySim({
    port: 0,
    host: '127.0.0.1',
    exchangeUrl: 'http://127.0.0.1:9/soap/CaseExchange',
    licenses: [license(117), ...Array.from({ length: 200 }, (_, i) => license(i + 1000, BIG_HOLDER))],
    logger: createLogger('silent'),
  });
});
afterAll(async () => sim?.close());
beforeEach(() => {
  t = 0;
  sim.setQueryDelay(0);
});

describe('LegacyQueryService', () => {
  it('answers, and answers a repeated identical call from the cache without a SOAP request until the TTL passes', async () => {
    const service = new LegacyQueryService(config(), { now });
    try {
      const first = (await service.call('QueryLicensesByHolder', { HolderCode: HOLDER })) as any;
      expect(first.Licenses.License).toHaveLength(1);
      expect(service.stats().requests).toBe(1);
      const again = (await service.call('QueryLicensesByHolder', { HolderCode: HOLDER })) as any;
      expect(again.Licenses.License).toEqual([expect.objectContaining({ HolderCode: HOLDER, Status: 'VALID' })]);
      expect(service.stats()).toMatchObject({ requests: 1, cacheHits: 1 });
      // Other arguments, another operation: not the cached answer.
      await service.call('QueryLicensesByHolder', { HolderCode: '91610725TBQ7250000' });
      await service.call('QueryCaseStatus', { CaseNumber: HOLDER });
      expect(service.stats().requests).toBe(3);
      t += 30_000;
      await service.call('QueryLicensesByHolder', { HolderCode: HOLDER });
      expect(service.stats().requests).toBe(4);
    } finally {
      await service.close();
    }
  });

  it('times out a slow answer, opens the breaker after N failures, fails fast while open, and half-opens after the cool-down', async () => {
    const service = new LegacyQueryService(config(), { now });
    try {
      sim.setQueryDelay(2_000);
      const started = Date.now();
      expect((await failure(service.call('QueryLicensesByHolder', { HolderCode: HOLDER }))).failure).toBe('TIMEOUT');
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(service.stats().breaker).toBe('CLOSED');
      expect((await failure(service.call('QueryCaseStatus', { CaseNumber: 'X' }))).failure).toBe('TIMEOUT');
      expect(service.stats()).toMatchObject({ requests: 2, breaker: 'OPEN' });

      // Open: refused without calling, even though the system has recovered.
      sim.setQueryDelay(0);
      const open = await failure(service.call('QueryLicensesByHolder', { HolderCode: HOLDER }));
      expect(open.failure).toBe('CIRCUIT_OPEN');
      expect(open.details.retryAfterMs).toBe(5_000);
      expect(service.stats()).toMatchObject({ requests: 2, shortCircuited: 1 });

      // After the cool-down one trial goes through; it succeeds and closes the breaker.
      t += 5_000;
      expect(service.stats().breaker).toBe('HALF_OPEN');
      await service.call('QueryLicensesByHolder', { HolderCode: HOLDER });
      expect(service.stats()).toMatchObject({ requests: 3, breaker: 'CLOSED' });
      // Failures are not cached: the earlier failed case-status question is asked again.
      await service.call('QueryCaseStatus', { CaseNumber: 'X' });
      expect(service.stats().requests).toBe(4);
    } finally {
      await service.close();
    }
  });

  it('refuses an answer larger than maxResponseBytes, which counts as a failure', async () => {
    const service = new LegacyQueryService(config({ maxResponseBytes: 4_096, breaker: { failureThreshold: 1, windowMs: 10_000, coolDownMs: 5_000 } }), { now });
    try {
      const small = (await service.call('QueryLicensesByHolder', { HolderCode: HOLDER })) as any;
      expect(small.Licenses.License).toHaveLength(1);
      const error = await failure(service.call('QueryLicensesByHolder', { HolderCode: BIG_HOLDER }));
      expect(error.failure).toBe('TOO_LARGE');
      expect(service.stats().breaker).toBe('OPEN');
    } finally {
      await service.close();
    }
  });

  it('a Client fault is the question refused, not the service failing: the breaker stays closed', async () => {
    const service = new LegacyQueryService(config({ breaker: { failureThreshold: 1, windowMs: 10_000, coolDownMs: 5_000 } }), { now });
    try {
      const error = await failure(service.call('QueryLicensesByHolder', { HolderCode: ' ' }));
      expect(error.failure).toBe('CLIENT_FAULT');
      expect(error.details.faultCode).toBe('Client.Validation');
      expect(service.stats().breaker).toBe('CLOSED');
    } finally {
      await service.close();
    }
  });

  it('an unreachable endpoint fails as UNREACHABLE', async () => {
    const service = new LegacyQueryService(config({ endpoint: 'http://127.0.0.1:9/soap/LicenseRegistry' }), { now });
    try {
      expect((await failure(service.call('QueryCaseStatus', { CaseNumber: 'X' }))).failure).toMatch(/UNREACHABLE|TIMEOUT/);
    } finally {
      await service.close();
    }
  });
});

describe('LegacyQueries and the fields', () => {
  it('reads the configuration lazily and maps licences', async () => {
    let configs: LegacyQueryConfig[] = [];
    const queries = new LegacyQueries(() => configs, { now });
    try {
      await expect(departmentLicenses(queries, config().agency, HOLDER)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'agency' } });
      configs = [config()];
      const licenses = await departmentLicenses(queries, config().agency, HOLDER);
      expect(licenses).toEqual([expect.objectContaining({ agency: config().agency, holderCode: HOLDER, name: '建筑工程施工许可证', status: 'VALID', caseNumber: null })]);
      expect(await departmentCaseStatus(queries, config().agency, '610725000000TB725012610226000001')).toMatchObject({
        agency: config().agency,
        caseNumber: '610725000000TB725012610226000001',
        found: false,
        status: null,
      });
      sim.setQueryDelay(2_000);
      await expect(departmentLicenses(queries, config().agency, '91610725TBQ7250000')).rejects.toMatchObject({
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', legacyService: 'housing-license-registry', reason: 'TIMEOUT' },
      });
    } finally {
      await queries.close();
    }
  });

  it('validates configuration entries', () => {
    const good = { name: 'r', agency: '11610725TB72501263', wsdl: 'adapters/legacy-sim/wsdl/LicenseRegistry.wsdl', endpoint: 'http://x/soap', operations: { caseStatus: { operation: 'QueryCaseStatus', argument: 'CaseNumber' } } };
    expect(parseLegacyQueryConfigs([good])[0]).toMatchObject({ timeoutMs: 2_000, cacheTtlSeconds: 30, breaker: { failureThreshold: 3 } });
    expect(() => parseLegacyQueryConfigs([{ ...good, wsdl: 'http://dept/wsdl' }])).toThrow(/wsdl/);
    expect(() => parseLegacyQueryConfigs([{ ...good, agency: '11610725TB72501260' }])).toThrow(/agency/);
    expect(() => parseLegacyQueryConfigs([{ ...good, timeoutMs: 0 }])).toThrow(/timeoutMs/);
    expect(() => parseLegacyQueryConfigs([{ ...good, operations: {} }])).toThrow(/operations/);
  });
});
