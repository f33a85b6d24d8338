import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../lib/config.ts';
import { checkUscc } from '../../lib/codes/index.ts';

/**
 * Departmental systems that Tongban delivers the applications it takes online to (统一受理), one
 * per agency (USCC). Read from DEPARTMENT_SYSTEMS, a JSON array:
 *
 *   [{ "agency": "11610725TB72501263", "name": "勉县住房和城乡建设局业务系统",
 *      "endpoint": "https://dept.example/soap/ApplicationIntake",
 *      "wsdl": "adapters/departments/wsdl/ApplicationIntake.wsdl",
 *      "username": "tongban", "password": "…", "timeoutMs": 10000 }]
 *
 * Unset means development: the one simulated system (adapters/legacy-sim) that `npm start` runs.
 * An agency without an entry has no system of its own; its staff work cases in Tongban.
 */

const VARIABLE = 'DEPARTMENT_SYSTEMS';
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The department-side service every system implements; kept in the repo, never fetched. */
export const APPLICATION_INTAKE_WSDL = fileURLToPath(new URL('./wsdl/ApplicationIntake.wsdl', import.meta.url));

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface DepartmentSystem {
  /** The agency's unified social credit code: applications for its guides go to this system. */
  agency: string;
  /** For logs and the admin view. */
  name: string;
  /** Where ReceiveApplication is posted; overrides the WSDL's soap:address. */
  endpoint: string;
  /** Absolute path of the WSDL the client is built from. */
  wsdl: string;
  /** WS-Security UsernameToken (PasswordDigest) Tongban presents to the department. */
  credentials: { username: string; password: string };
  /** A delivery with no answer within this time fails as retryable. */
  timeoutMs: number;
}

/** 勉县住房和城乡建设局 (seeds: identity HOUSING, certificates MIANXIAN_HOUSING). */
export const DEV_HOUSING_AGENCY = '11610725TB72501263';
export const DEV_LEGACY_SIM_PORT = 4008;

/** What Tongban presents to the simulated department; the simulator expects the same. */
export const DEV_DELIVERY_CREDENTIALS = { username: 'tongban', password: 'dev-only-soap-tongban' } as const;

export function developmentDepartmentSystems(options: { host?: string; port?: number } = {}): DepartmentSystem[] {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? DEV_LEGACY_SIM_PORT;
  return [
    {
      agency: DEV_HOUSING_AGENCY,
      name: '勉县住房和城乡建设局业务系统（模拟）',
      endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}/soap/ApplicationIntake`,
      wsdl: APPLICATION_INTAKE_WSDL,
      credentials: { ...DEV_DELIVERY_CREDENTIALS },
      timeoutMs: DEFAULT_TIMEOUT_MS,
    },
  ];
}

export interface DepartmentSystemsConfig {
  systems: readonly DepartmentSystem[];
  /** True when DEPARTMENT_SYSTEMS is unset: the platform must start the simulator. */
  simulated: boolean;
}

/**
 * DEPARTMENT_SYSTEMS from the environment, validated; unset or empty means the simulated one.
 * Throws ConfigError naming the variable, the entry and the field.
 */
export function loadDepartmentSystems(
  env: Record<string, string | undefined> = process.env,
  development: { host?: string; port?: number } = {},
): DepartmentSystemsConfig {
  const raw = env[VARIABLE];
  if (raw === undefined || raw.trim() === '') return { systems: developmentDepartmentSystems(development), simulated: true };
  return { systems: parseDepartmentSystems(raw), simulated: false };
}

/** Parses and validates the JSON text (or an already parsed value) of DEPARTMENT_SYSTEMS. */
export function parseDepartmentSystems(raw: unknown): DepartmentSystem[] {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new ConfigError(VARIABLE, `expected a JSON array of departmental systems, but it is not JSON (${(error as Error).message})`);
    }
  }
  if (!Array.isArray(value)) throw new ConfigError(VARIABLE, 'expected a JSON array of departmental systems');
  const systems = value.map((entry, index) => parseEntry(entry, index));
  const seen = new Map<string, number>();
  systems.forEach((system, index) => {
    const first = seen.get(system.agency);
    if (first !== undefined) {
      throw new ConfigError(VARIABLE, `entry ${index}: agency ${system.agency} is already configured by entry ${first}; an agency has one system`);
    }
    seen.set(system.agency, index);
  });
  return systems;
}

const KNOWN_FIELDS = new Set(['agency', 'name', 'endpoint', 'wsdl', 'username', 'password', 'timeoutMs']);

function parseEntry(entry: unknown, index: number): DepartmentSystem {
  const where = (field: string) => `entry ${index}${typeof (entry as { agency?: unknown })?.agency === 'string' ? ` (agency ${(entry as { agency: string }).agency})` : ''}: ${field}`;
  const fail = (field: string, reason: string): never => {
    throw new ConfigError(VARIABLE, `${where(field)} ${reason}`);
  };
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new ConfigError(VARIABLE, `entry ${index}: expected an object with agency, endpoint, username, password`);
  }
  const record = entry as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    // A misspelt field would otherwise silently fall back to a default (a timeout, the WSDL).
    if (!KNOWN_FIELDS.has(key)) fail(key, `is not a known field (expected ${[...KNOWN_FIELDS].join(', ')})`);
  }

  const text = (field: string, required: boolean): string | undefined => {
    const v = record[field];
    if (v === undefined || v === null) return required ? fail(field, 'is required') : undefined;
    if (typeof v !== 'string' || v.trim() === '') return fail(field, `should be a non-empty string, got ${JSON.stringify(v)}`);
    return v;
  };

  const agency = text('agency', true)!;
  // Agencies' codes are configuration, not imported legacy data: a wrong check character is a typo.
  const agencyCheck = checkUscc(agency);
  if (!agencyCheck.ok) fail('agency', `should be the agency's unified social credit code (${agencyCheck.reason}), got '${agency}'`);

  const endpoint = text('endpoint', true)!;
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    fail('endpoint', `should be an http or https URL, got '${endpoint}'`);
  }
  if (url!.protocol !== 'http:' && url!.protocol !== 'https:') fail('endpoint', `should be an http or https URL, got '${url!.protocol}'`);

  const wsdlText = text('wsdl', false);
  const wsdl = wsdlText === undefined ? APPLICATION_INTAKE_WSDL : isAbsolute(wsdlText) ? wsdlText : resolve(REPO_ROOT, wsdlText);
  // WSDLs are kept in the repo (DESIGN: XML safety): a URL would make start-up depend on the department.
  if (/^[a-z]+:\/\//i.test(wsdlText ?? '')) fail('wsdl', 'should be a file kept in the repository, not a URL');
  if (!existsSync(wsdl)) fail('wsdl', `file not found: ${wsdl}`);

  const username = text('username', true)!;
  const password = text('password', true)!;

  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (record.timeoutMs !== undefined) {
    const t = record.timeoutMs;
    if (typeof t !== 'number' || !Number.isInteger(t) || t < 100 || t > 600_000) {
      fail('timeoutMs', `should be a whole number of milliseconds between 100 and 600000, got ${JSON.stringify(t)}`);
    }
    timeoutMs = t as number;
  }

  return { agency, name: text('name', false) ?? `system of ${agency}`, endpoint, wsdl, credentials: { username, password }, timeoutMs };
}

/** The system that receives applications for `agency`, or undefined when it has none. */
export function departmentSystemFor(systems: readonly DepartmentSystem[], agency: string): DepartmentSystem | undefined {
  return systems.find((system) => system.agency === agency);
}
