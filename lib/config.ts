/**
 * Configuration is read once, validated, and frozen. A wrong value stops the process at start-up
 * with a message naming the variable, instead of surfacing later as a confusing runtime failure.
 *
 * Every variable Tongban reads is declared in VARIABLES below; the README's configuration table
 * is checked against this list by a test, so the two cannot drift apart.
 */

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

interface Variable<T> {
  name: string;
  description: string;
  /** Shown in the README's table; undefined means "unset". */
  defaultText: string;
  parse(raw: string | undefined): T;
}

function stringVar(name: string, fallback: string, description: string): Variable<string> {
  return {
    name,
    description,
    defaultText: fallback,
    parse: (raw) => (raw === undefined || raw === '' ? fallback : raw),
  };
}

function patternVar(name: string, fallback: string, pattern: RegExp, expected: string, description: string): Variable<string> {
  return {
    name,
    description,
    defaultText: fallback,
    parse(raw) {
      if (raw === undefined || raw === '') return fallback;
      if (!pattern.test(raw)) throw new ConfigError(name, `expected ${expected}, got '${raw}'`);
      return raw;
    },
  };
}

function intVar(name: string, fallback: number, description: string, min = 0, max = Number.MAX_SAFE_INTEGER): Variable<number> {
  return {
    name,
    description,
    defaultText: String(fallback),
    parse(raw) {
      if (raw === undefined || raw === '') return fallback;
      if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got '${raw}'`);
      const value = Number(raw);
      if (value < min || value > max) throw new ConfigError(name, `expected ${min}–${max}, got ${value}`);
      return value;
    },
  };
}

function urlVar(name: string, protocols: string[], description: string): Variable<string | undefined> {
  return {
    name,
    description,
    defaultText: '(unset)',
    parse(raw) {
      if (raw === undefined || raw === '') return undefined;
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new ConfigError(name, `expected a URL, got '${raw}'`);
      }
      if (!protocols.includes(url.protocol)) {
        throw new ConfigError(name, `expected a ${protocols.join(' or ')} URL, got '${url.protocol}'`);
      }
      return raw;
    },
  };
}

function boolVar(name: string, fallback: boolean, description: string): Variable<boolean> {
  return {
    name,
    description,
    defaultText: String(fallback),
    parse(raw) {
      if (raw === undefined || raw === '') return fallback;
      if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
      if (['0', 'false', 'no', 'off'].includes(raw)) return false;
      throw new ConfigError(name, `expected true or false, got '${raw}'`);
    },
  };
}

function enumVar<T extends string>(name: string, values: readonly T[], fallback: T, description: string): Variable<T> {
  return {
    name,
    description,
    defaultText: fallback,
    parse(raw) {
      if (raw === undefined || raw === '') return fallback;
      if (!(values as readonly string[]).includes(raw)) {
        throw new ConfigError(name, `expected one of ${values.join(', ')}, got '${raw}'`);
      }
      return raw as T;
    },
  };
}

function jsonVar(name: string, description: string): Variable<Record<string, unknown> | undefined> {
  return {
    name,
    description,
    defaultText: '(unset)',
    parse(raw) {
      if (raw === undefined || raw === '') return undefined;
      try {
        const value: unknown = JSON.parse(raw);
        if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
      } catch {
        // reported below
      }
      throw new ConfigError(name, 'expected a JSON object (a JWK or a JWKS)');
    },
  };
}

function jsonArrayVar(name: string, description: string): Variable<unknown[] | undefined> {
  return {
    name,
    description,
    defaultText: '(unset)',
    parse(raw) {
      if (raw === undefined || raw.trim() === '') return undefined;
      try {
        const value: unknown = JSON.parse(raw);
        if (Array.isArray(value)) return value;
      } catch {
        // reported below
      }
      throw new ConfigError(name, 'expected a JSON array');
    },
  };
}

function listVar(name: string, fallback: string[], allowed: readonly string[], description: string): Variable<string[]> {
  return {
    name,
    description,
    defaultText: fallback.join(','),
    parse(raw) {
      if (raw === undefined || raw === '') return fallback;
      const values = raw.split(',').map((value) => value.trim()).filter(Boolean);
      const unknown = values.filter((value) => !allowed.includes(value));
      if (values.length === 0 || unknown.length) {
        throw new ConfigError(name, `expected a comma-separated list of ${allowed.join(', ')}, got '${raw}'`);
      }
      return values;
    },
  };
}

const PG_PROTOCOLS = ['postgres:', 'postgresql:'];
const SQL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const VARIABLES = {
  host: stringVar('HOST', '127.0.0.1', 'Interface every Tongban server binds to'),
  gatewayPort: intVar('GATEWAY_PORT', 4000, 'Port of the gateway (GraphQL at /graphql)', 0, 65535),
  catalogPort: intVar('CATALOG_PORT', 4001, 'Port of the catalog subgraph', 0, 65535),
  identityPort: intVar('IDENTITY_PORT', 4002, 'Port of the identity subgraph', 0, 65535),
  casesPort: intVar('CASES_PORT', 4003, 'Port of the cases subgraph', 0, 65535),
  resultsPort: intVar('RESULTS_PORT', 4004, 'Port of the results subgraph', 0, 65535),
  certificatesPort: intVar('CERTIFICATES_PORT', 4005, 'Port of the certificates subgraph', 0, 65535),
  exchangePort: intVar('EXCHANGE_PORT', 4006, 'Port of the exchange service (CaseExchange SOAP at /soap/, its subgraph at /graphql)', 0, 65535),
  supervisionPort: intVar('SUPERVISION_PORT', 4007, 'Port of the supervision subgraph (电子监察, 好差评)', 0, 65535),
  legacySimPort: intVar('LEGACY_SIM_PORT', 4008, 'Port of the simulated departmental system npm start runs when DEPARTMENT_SYSTEMS is unset', 0, 65535),
  devIdpPort: intVar('DEV_IDP_PORT', 4010, 'Port of the development identity provider that npm start runs when OIDC_ISSUER is unset', 0, 65535),
  publicUrl: stringVar('PUBLIC_URL', 'http://localhost:4000', 'Where clients reach the gateway; download links in guides (forms, samples) start with it'),
  catalogUrl: urlVar('CATALOG_URL', ['http:', 'https:'], 'Where the gateway reaches the catalog subgraph; overrides the URL in the supergraph'),
  identityUrl: urlVar('IDENTITY_URL', ['http:', 'https:'], 'Where the gateway reaches the identity subgraph; overrides the URL in the supergraph'),
  casesUrl: urlVar('CASES_URL', ['http:', 'https:'], 'Where the gateway reaches the cases subgraph; overrides the URL in the supergraph'),
  exchangeUrl: urlVar('EXCHANGE_URL', ['http:', 'https:'], 'Where the gateway reaches the exchange service (GraphQL URL; /soap/ is proxied to the same origin)'),
  certificatesUrl: urlVar('CERTIFICATES_URL', ['http:', 'https:'], 'Where the gateway reaches the certificates subgraph; overrides the URL in the supergraph'),
  resultsUrl: urlVar('RESULTS_URL', ['http:', 'https:'], 'Where the gateway and the cases subgraph reach the results subgraph; overrides the URL in the supergraph'),
  supervisionUrl: urlVar('SUPERVISION_URL', ['http:', 'https:'], 'Where the gateway, the cases subgraph and the exchange service reach the supervision subgraph; overrides the URL in the supergraph'),
  databaseUrl: urlVar('DATABASE_URL', PG_PROTOCOLS, 'PostgreSQL for every subgraph; unset means embedded PGlite under DATA_DIR'),
  catalogDatabaseUrl: urlVar('CATALOG_DATABASE_URL', PG_PROTOCOLS, 'PostgreSQL for the catalog subgraph only; overrides DATABASE_URL'),
  catalogDbSchema: patternVar('CATALOG_DB_SCHEMA', 'catalog', SQL_NAME, 'lower-case letters, digits and _', 'SQL schema the catalog subgraph owns'),
  identityDatabaseUrl: urlVar('IDENTITY_DATABASE_URL', PG_PROTOCOLS, 'PostgreSQL for the identity subgraph only; overrides DATABASE_URL'),
  identityDbSchema: patternVar('IDENTITY_DB_SCHEMA', 'identity', SQL_NAME, 'lower-case letters, digits and _', 'SQL schema the identity subgraph owns'),
  casesDatabaseUrl: urlVar('CASES_DATABASE_URL', PG_PROTOCOLS, 'PostgreSQL for the cases subgraph only; overrides DATABASE_URL'),
  casesDbSchema: patternVar('CASES_DB_SCHEMA', 'cases', SQL_NAME, 'lower-case letters, digits and _', 'SQL schema the cases subgraph owns'),
  resultsDatabaseUrl: urlVar('RESULTS_DATABASE_URL', PG_PROTOCOLS, 'PostgreSQL for the results subgraph only; overrides DATABASE_URL'),
  resultsDbSchema: patternVar('RESULTS_DB_SCHEMA', 'results', SQL_NAME, 'lower-case letters, digits and _', 'SQL schema the results subgraph owns'),
  certificatesDatabaseUrl: urlVar('CERTIFICATES_DATABASE_URL', PG_PROTOCOLS, 'PostgreSQL for the certificates subgraph only; overrides DATABASE_URL'),
  certificatesDbSchema: patternVar('CERTIFICATES_DB_SCHEMA', 'certificates', SQL_NAME, 'lower-case letters, digits and _', 'SQL schema the certificates subgraph owns'),
  exchangeDatabaseUrl: urlVar('EXCHANGE_DATABASE_URL', PG_PROTOCOLS, 'PostgreSQL for the exchange service only; overrides DATABASE_URL'),
  exchangeDbSchema: patternVar('EXCHANGE_DB_SCHEMA', 'exchange', SQL_NAME, 'lower-case letters, digits and _', 'SQL schema the exchange service owns'),
  supervisionDatabaseUrl: urlVar('SUPERVISION_DATABASE_URL', PG_PROTOCOLS, 'PostgreSQL for the supervision subgraph only; overrides DATABASE_URL'),
  supervisionDbSchema: patternVar('SUPERVISION_DB_SCHEMA', 'supervision', SQL_NAME, 'lower-case letters, digits and _', 'SQL schema the supervision subgraph owns'),
  supervisionClockSeconds: intVar('SUPERVISION_CLOCK_SECONDS', 300, 'How often the supervision clock re-evaluates time rules for cases, orders and tasks whose next check day has come', 1, 86_400),
  supervisionSyncWaitMs: intVar('SUPERVISION_SYNC_WAIT_MS', 2_000, 'How long a case write (staff action, CaseExchange push) waits for supervision to evaluate it before answering; 0 leaves it to the outbox in the background', 0, 30_000),
  supervisingOffice: stringVar('SUPERVISING_OFFICE', '勉县监察局', '监察部门 named on supervision orders by default'),
  complaintAnswerWorkingDays: intVar('COMPLAINT_ANSWER_WORKING_DAYS', 5, 'Working days an agency has to answer a complaint routed to it', 1, 60),
  rectificationWorkingDays: intVar('RECTIFICATION_WORKING_DAYS', 10, 'Working days a bad review (差评) is rectified in where no jurisdiction set its own (setRectificationDeadline)', 1, 60),
  exchangeCredentials: jsonVar('EXCHANGE_CREDENTIALS', 'WS-Security UsernameToken credentials of departmental systems pushing to CaseExchange: {"<clientId>": {"agency": "<USCC>", "password": "…"}}; unset means the development ones (adapters/case-exchange/README.md)'),
  legacyQueries: jsonArrayVar('LEGACY_QUERIES', "Departments' SOAP query services wrapped as graph fields, a JSON array (adapters/legacy-query/README.md); unset means only the simulated department's"),
  exchangeHeldSweepSeconds: intVar('EXCHANGE_HELD_SWEEP_SECONDS', 30, 'How often the exchange service retries records held for a predecessor that may have come from Tongban itself', 1, 86_400),
  departmentSystems: jsonArrayVar('DEPARTMENT_SYSTEMS', 'Departmental systems applications are delivered to (统一受理), a JSON array (adapters/departments/README.md); unset means the simulated one npm start runs'),
  materialMaxBytes: intVar('MATERIAL_MAX_BYTES', 2_097_152, 'Largest application material (one uploaded file, decoded) submitApplication accepts', 1_024, 52_428_800),
  caseStatusLookupsPerWindow: intVar('CASE_STATUS_LOOKUPS_PER_WINDOW', 20, 'caseStatus lookups one client IP may make per rate-limit window (结果反馈 must not allow guessing ID numbers)', 1, 1_000_000),
  correctionSweepSeconds: intVar('CORRECTION_SWEEP_SECONDS', 60, 'How often the cases subgraph closes cases whose correction (补正) deadline passed (补正超时驳回)', 1, 86_400),
  outboxRetryBaseMs: intVar('OUTBOX_RETRY_BASE_MS', 1_000, 'First retry delay of an undelivered outbox message; doubles with each attempt', 10, 3_600_000),
  outboxMaxAttempts: intVar('OUTBOX_MAX_ATTEMPTS', 8, 'Delivery attempts before an outbox message is dead-lettered', 1, 100),
  databasePoolSize: intVar('DATABASE_POOL_SIZE', 10, 'Connections per subgraph pool (PostgreSQL only)', 1, 500),
  dataDir: stringVar('DATA_DIR', './data', 'Where PGlite keeps its files when DATABASE_URL is unset'),
  redisUrl: urlVar('REDIS_URL', ['redis:', 'rediss:'], 'Redis for the catalog cache; unset means an in-process cache'),
  redisCommandTimeoutMs: intVar('REDIS_COMMAND_TIMEOUT_MS', 150, 'A Redis command slower than this counts as a cache miss', 10, 10_000),
  cacheTtlSeconds: intVar('CACHE_TTL_SECONDS', 300, 'Lifetime of a cached catalog entity', 1, 86_400),
  cacheEnabled: boolVar('CACHE_ENABLED', true, 'Turn the catalog entity cache off (benchmarks)'),
  autoSeed: boolVar('AUTO_SEED', true, 'Seed the catalog on start-up when it is empty or the seed changed'),
  subgraphConnections: intVar('SUBGRAPH_CONNECTIONS', 64, 'Upper bound of open sockets from the gateway to each subgraph', 1, 10_000),
  subgraphTimeoutMs: intVar('SUBGRAPH_TIMEOUT_MS', 10_000, 'A subgraph request slower than this fails', 100, 600_000),
  readyTimeoutMs: intVar('READY_TIMEOUT_MS', 2_000, 'How long /ready waits for each subgraph', 50, 60_000),
  bodyLimitBytes: intVar('BODY_LIMIT_BYTES', 12_582_912, 'Largest request body the gateway and subgraphs accept (an application carries its materials base64-encoded)', 1_024, 104_857_600),
  oidcIssuer: urlVar('OIDC_ISSUER', ['http:', 'https:'], "The identity provider's issuer URL (OIDC discovery); unset means the development provider of npm start"),
  oidcAudience: stringVar('OIDC_AUDIENCE', 'tongban', 'The aud an access token must carry'),
  oidcAlgorithms: listVar('OIDC_ALGORITHMS', ['RS256', 'ES256'], ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'], 'Signature algorithms accepted on access tokens (never none or HS*)'),
  oidcClockToleranceSeconds: intVar('OIDC_CLOCK_TOLERANCE_SECONDS', 30, 'Clock skew allowed on exp, nbf and iat', 0, 300),
  oidcJwksCacheSeconds: intVar('OIDC_JWKS_CACHE_SECONDS', 600, 'How long fetched signing keys are used before they are refreshed', 10, 86_400),
  oidcJwksCooldownSeconds: intVar('OIDC_JWKS_COOLDOWN_SECONDS', 10, 'Least time between two refetches caused by an unknown key id', 1, 3_600),
  oidcJwksMaxStaleSeconds: intVar('OIDC_JWKS_MAX_STALE_SECONDS', 86_400, 'How long the last good keys stay in use while the JWKS endpoint is unreachable', 0, 604_800),
  internalSigningKey: jsonVar('INTERNAL_SIGNING_KEY', "The gateway's private JWK (ES256) for internal tokens; generated at start when unset"),
  serviceSigningKey: jsonVar('SERVICE_SIGNING_KEY', "A subgraph's own private JWK (ES256) for calls to other subgraphs; its public half, with a \"svc\" member naming the subgraph, goes into INTERNAL_VERIFY_KEYS"),
  internalVerifyKeys: jsonVar('INTERNAL_VERIFY_KEYS', "The gateway's public JWKS that subgraphs verify internal tokens with; required when a subgraph runs on its own"),
  internalTokenTtlSeconds: intVar('INTERNAL_TOKEN_TTL_SECONDS', 60, 'Lifetime of the internal token the gateway forwards to subgraphs', 5, 600),
  maxDepth: intVar('MAX_DEPTH', 12, 'Deepest selection nesting a query may have', 1, 100),
  maxAliases: intVar('MAX_ALIASES', 30, 'Most aliases a query may use', 0, 1_000),
  maxTokens: intVar('MAX_TOKENS', 3_000, 'Most lexical tokens a query may have', 100, 100_000),
  maxCost: intVar('MAX_COST', 20_000, 'Highest estimated cost of a query (each field 1, multiplied by the list sizes above it)', 10, 10_000_000),
  introspection: boolVar('INTROSPECTION', false, 'Answer introspection queries at the gateway'),
  fieldSuggestions: boolVar('FIELD_SUGGESTIONS', false, 'Say "Did you mean …" in validation errors (reveals schema)'),
  rateLimitWindowSeconds: intVar('RATE_LIMIT_WINDOW_SECONDS', 60, 'Length of a rate-limit window', 1, 3_600),
  rateLimitPerPrincipal: intVar('RATE_LIMIT_PER_PRINCIPAL', 600, 'Requests a signed-in principal may make per window', 1, 10_000_000),
  rateLimitPerIp: intVar('RATE_LIMIT_PER_IP', 1_200, 'Requests one client IP may make per window', 1, 10_000_000),
  trustProxy: boolVar('TRUST_PROXY', false, 'Take the client IP from X-Forwarded-For (only behind your own proxy)'),
  logLevel: enumVar('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info', 'Log verbosity'),
} as const;

type Parsed<V> = V extends Variable<infer T> ? T : never;
export type Config = { readonly [K in keyof typeof VARIABLES]: Parsed<(typeof VARIABLES)[K]> };

/** Parses every variable; throws one ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const out: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(VARIABLES)) {
    out[key] = (variable as Variable<unknown>).parse(env[variable.name]);
  }
  return Object.freeze(out) as Config;
}

/** The catalog subgraph's PostgreSQL URL, if any: its own variable first, then the shared one. */
export function catalogDatabaseUrl(config: Config): string | undefined {
  return config.catalogDatabaseUrl ?? config.databaseUrl;
}

/** The identity subgraph's PostgreSQL URL, if any. */
export function identityDatabaseUrl(config: Config): string | undefined {
  return config.identityDatabaseUrl ?? config.databaseUrl;
}

/** The cases subgraph's PostgreSQL URL, if any. */
export function casesDatabaseUrl(config: Config): string | undefined {
  return config.casesDatabaseUrl ?? config.databaseUrl;
}

/** The results subgraph's PostgreSQL URL, if any. */
export function resultsDatabaseUrl(config: Config): string | undefined {
  return config.resultsDatabaseUrl ?? config.databaseUrl;
}

/** The certificates subgraph's PostgreSQL URL, if any. */
export function certificatesDatabaseUrl(config: Config): string | undefined {
  return config.certificatesDatabaseUrl ?? config.databaseUrl;
}

/** The supervision subgraph's PostgreSQL URL, if any. */
export function supervisionDatabaseUrl(config: Config): string | undefined {
  return config.supervisionDatabaseUrl ?? config.databaseUrl;
}

/** The exchange service's PostgreSQL URL, if any. */
export function exchangeDatabaseUrl(config: Config): string | undefined {
  return config.exchangeDatabaseUrl ?? config.databaseUrl;
}
