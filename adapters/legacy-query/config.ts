import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkUscc } from '../../lib/codes/index.ts';
import { DEV_HOUSING_AGENCY } from '../departments/config.ts';

/**
 * Wrapped legacy query services: one entry per departmental SOAP query service whose operations
 * become graph fields of the `exchange` subgraph (departmentLicenses, departmentCaseStatus).
 * See README.md in this folder.
 */

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The simulated department's query service (adapters/legacy-sim/wsdl/LicenseRegistry.wsdl), kept in the repo. */
export const LICENSE_REGISTRY_WSDL = fileURLToPath(new URL('../legacy-sim/wsdl/LicenseRegistry.wsdl', import.meta.url));

/** The graph fields a wrapped service can answer, and the SOAP operation behind each. */
export interface LegacyOperations {
  /** Licences held by a holder: one string argument (the holder's ID number or USCC) → a list of licences. */
  licensesByHolder?: { operation: string; argument: string };
  /** A case's status by its case number: one string argument → Found, Status, … */
  caseStatus?: { operation: string; argument: string };
}

export interface BreakerConfig {
  /** Consecutive failures or timeouts that open the breaker. */
  failureThreshold: number;
  /** …within this many milliseconds. */
  windowMs: number;
  /** Open this long; then one trial call (half-open). */
  coolDownMs: number;
}

export interface LegacyQueryConfig {
  /** Names the service in logs and in the `legacyService` extension of its errors. */
  name: string;
  /** The agency (USCC) whose system this is: `departmentLicenses(agency: …)` picks the service by it. */
  agency: string;
  /** Absolute path of the WSDL, kept in the repository (never fetched from the department). */
  wsdl: string;
  /** Where requests are posted (overrides the WSDL's soap:address). */
  endpoint: string;
  operations: LegacyOperations;
  /** A call with no complete answer within this time fails (and counts against the breaker). */
  timeoutMs: number;
  /** An answer larger than this (bytes on the wire) is refused (and counts against the breaker). */
  maxResponseBytes: number;
  /** Successful answers are reused this long; 0 disables the cache. */
  cacheTtlSeconds: number;
  breaker: BreakerConfig;
}

export const LEGACY_QUERY_DEFAULTS = {
  timeoutMs: 2_000,
  maxResponseBytes: 256 * 1024,
  cacheTtlSeconds: 30,
  breaker: { failureThreshold: 3, windowMs: 30_000, coolDownMs: 15_000 },
} as const;

/** The simulated 勉县住房和城乡建设局 system's LicenseRegistry at `endpoint` (the running simulator's registryUrl). */
export function developmentLegacyQueries(endpoint: string): LegacyQueryConfig[] {
  return [
    {
      name: 'housing-license-registry',
      agency: DEV_HOUSING_AGENCY,
      wsdl: LICENSE_REGISTRY_WSDL,
      endpoint,
      operations: {
        licensesByHolder: { operation: 'QueryLicensesByHolder', argument: 'HolderCode' },
        caseStatus: { operation: 'QueryCaseStatus', argument: 'CaseNumber' },
      },
      timeoutMs: LEGACY_QUERY_DEFAULTS.timeoutMs,
      maxResponseBytes: LEGACY_QUERY_DEFAULTS.maxResponseBytes,
      cacheTtlSeconds: LEGACY_QUERY_DEFAULTS.cacheTtlSeconds,
      breaker: { ...LEGACY_QUERY_DEFAULTS.breaker },
    },
  ];
}

/**
 * Validates entries (e.g. parsed from a JSON configuration): fills defaults, resolves a relative
 * WSDL path against the repository, and throws naming the entry and field that is wrong.
 */
export function parseLegacyQueryConfigs(value: unknown, source = 'legacy query services'): LegacyQueryConfig[] {
  if (!Array.isArray(value)) throw new Error(`${source}: expected an array of wrapped services`);
  const seen = new Set<string>();
  return value.map((entry, index) => {
    const fail = (field: string, reason: string): never => {
      throw new Error(`${source}: entry ${index}: ${field} ${reason}`);
    };
    if (typeof entry !== 'object' || entry === null) return fail('(entry)', 'should be an object');
    const e = entry as Record<string, any>;
    const text = (field: string) => (typeof e[field] === 'string' && e[field].trim() !== '' ? (e[field] as string) : fail(field, 'is required'));
    const int = (field: string, v: unknown, fallback: number, min: number, max: number) => {
      if (v === undefined) return fallback;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(field, `should be a whole number between ${min} and ${max}`);
      return v as number;
    };
    const name = text('name');
    if (seen.has(name)) fail('name', `'${name}' is used twice`);
    seen.add(name);
    const agency = text('agency');
    const check = checkUscc(agency);
    if (!check.ok) fail('agency', `should be a unified social credit code (${check.reason})`);
    const wsdlText = text('wsdl');
    if (/^[a-z]+:\/\//i.test(wsdlText)) fail('wsdl', 'should be a file kept in the repository, not a URL');
    const wsdl = isAbsolute(wsdlText) ? wsdlText : resolve(REPO_ROOT, wsdlText);
    if (!existsSync(wsdl)) fail('wsdl', `file not found: ${wsdl}`);
    const endpoint = text('endpoint');
    if (!/^https?:\/\//.test(endpoint)) fail('endpoint', 'should be an http or https URL');
    const operations: LegacyOperations = {};
    for (const key of ['licensesByHolder', 'caseStatus'] as const) {
      const op = e.operations?.[key];
      if (op === undefined) continue;
      if (typeof op?.operation !== 'string' || typeof op?.argument !== 'string') fail(`operations.${key}`, 'should be { operation, argument }');
      operations[key] = { operation: op.operation, argument: op.argument };
    }
    if (!operations.licensesByHolder && !operations.caseStatus) fail('operations', 'should name at least one operation');
    const b = e.breaker ?? {};
    return {
      name,
      agency,
      wsdl,
      endpoint,
      operations,
      timeoutMs: int('timeoutMs', e.timeoutMs, LEGACY_QUERY_DEFAULTS.timeoutMs, 50, 120_000),
      maxResponseBytes: int('maxResponseBytes', e.maxResponseBytes, LEGACY_QUERY_DEFAULTS.maxResponseBytes, 1024, 64 * 1024 * 1024),
      cacheTtlSeconds: int('cacheTtlSeconds', e.cacheTtlSeconds, LEGACY_QUERY_DEFAULTS.cacheTtlSeconds, 0, 3600),
      breaker: {
        failureThreshold: int('breaker.failureThreshold', b.failureThreshold, LEGACY_QUERY_DEFAULTS.breaker.failureThreshold, 1, 1000),
        windowMs: int('breaker.windowMs', b.windowMs, LEGACY_QUERY_DEFAULTS.breaker.windowMs, 1, 3_600_000),
        coolDownMs: int('breaker.coolDownMs', b.coolDownMs, LEGACY_QUERY_DEFAULTS.breaker.coolDownMs, 1, 3_600_000),
      },
    };
  });
}
