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

const PG_PROTOCOLS = ['postgres:', 'postgresql:'];
const SQL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const VARIABLES = {
  host: stringVar('HOST', '127.0.0.1', 'Interface every Tongban server binds to'),
  gatewayPort: intVar('GATEWAY_PORT', 4000, 'Port of the gateway (GraphQL at /graphql)', 0, 65535),
  catalogPort: intVar('CATALOG_PORT', 4001, 'Port of the catalog subgraph', 0, 65535),
  catalogUrl: urlVar('CATALOG_URL', ['http:', 'https:'], 'Where the gateway reaches the catalog subgraph; overrides the URL in the supergraph'),
  databaseUrl: urlVar('DATABASE_URL', PG_PROTOCOLS, 'PostgreSQL for every subgraph; unset means embedded PGlite under DATA_DIR'),
  catalogDatabaseUrl: urlVar('CATALOG_DATABASE_URL', PG_PROTOCOLS, 'PostgreSQL for the catalog subgraph only; overrides DATABASE_URL'),
  catalogDbSchema: patternVar('CATALOG_DB_SCHEMA', 'catalog', SQL_NAME, 'lower-case letters, digits and _', 'SQL schema the catalog subgraph owns'),
  databasePoolSize: intVar('DATABASE_POOL_SIZE', 10, 'Connections per subgraph pool (PostgreSQL only)', 1, 500),
  dataDir: stringVar('DATA_DIR', './data', 'Where PGlite keeps its files when DATABASE_URL is unset'),
  redisUrl: urlVar('REDIS_URL', ['redis:', 'rediss:'], 'Redis for the catalog cache; unset means an in-process cache'),
  redisCommandTimeoutMs: intVar('REDIS_COMMAND_TIMEOUT_MS', 150, 'A Redis command slower than this counts as a cache miss', 10, 10_000),
  cacheTtlSeconds: intVar('CACHE_TTL_SECONDS', 300, 'Lifetime of a cached catalog entity', 1, 86_400),
  autoSeed: boolVar('AUTO_SEED', true, 'Seed the catalog on start-up when it is empty or the seed changed'),
  subgraphConnections: intVar('SUBGRAPH_CONNECTIONS', 64, 'Upper bound of open sockets from the gateway to each subgraph', 1, 10_000),
  subgraphTimeoutMs: intVar('SUBGRAPH_TIMEOUT_MS', 10_000, 'A subgraph request slower than this fails', 100, 600_000),
  readyTimeoutMs: intVar('READY_TIMEOUT_MS', 2_000, 'How long /ready waits for each subgraph', 50, 60_000),
  bodyLimitBytes: intVar('BODY_LIMIT_BYTES', 1_048_576, 'Largest request body the gateway accepts', 1_024, 104_857_600),
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
