import type { DepartmentDelivery } from '../../subgraphs/cases/datasources/departments.ts';
import { loadConfig, type Config } from '../../lib/config.ts';
import { createLogger, type Logger } from '../../lib/logger.ts';
import { startPlatform, type Platform } from '../../scripts/platform.ts';
import { assertPostgresReachable, assertRedisReachable, dropSchema, postgresUrl, uniqueSchema } from './services.ts';
import { passwordToken } from '../../idp/client.ts';

export interface StackOptions {
  store?: 'pglite' | 'postgres';
  /** A Redis URL to use as the catalog cache; omitted means the in-process cache. */
  redisUrl?: string;
  env?: Record<string, string>;
  /** Where the services log; silent by default. */
  logger?: Logger;
  /** Departmental systems applications are delivered to (统一受理). */
  departments?: DepartmentDelivery;
  /** The supervision clock (a test moves it instead of sleeping). */
  supervisionNow?: () => Date;
}

export interface RequestOptions {
  /** A bearer token, or the username of a seeded principal to sign in as. */
  token?: string;
  as?: string;
  headers?: Record<string, string>;
}

export interface Stack extends Platform {
  config: Config;
  /** POSTs a GraphQL request to the gateway and returns status, headers and parsed body. */
  graphql(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<{ status: number; headers: Headers; body: any }>;
  /** An access token for a seeded user (username), from the development identity provider. */
  tokenFor(username: string): Promise<string>;
}

/**
 * The platform as `npm start` runs it — identity provider, subgraphs and gateway over real HTTP —
 * on free ports, with stores of its own: in-memory PGlite, or throw-away schemas in PostgreSQL.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const schemas = {
    CATALOG_DB_SCHEMA: uniqueSchema('catalog'),
    IDENTITY_DB_SCHEMA: uniqueSchema('identity'),
    CASES_DB_SCHEMA: uniqueSchema('cases'),
    RESULTS_DB_SCHEMA: uniqueSchema('results'),
    CERTIFICATES_DB_SCHEMA: uniqueSchema('certificates'),
    EXCHANGE_DB_SCHEMA: uniqueSchema('exchange'),
    SUPERVISION_DB_SCHEMA: uniqueSchema('supervision'),
  };
  const databaseUrl = options.store === 'postgres' ? postgresUrl() : undefined;
  if (options.store === 'postgres') {
    if (!databaseUrl) throw new Error('postgres stack requested without DATABASE_URL');
    await assertPostgresReachable(databaseUrl);
  }
  if (options.redisUrl) await assertRedisReachable(options.redisUrl);
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    ...schemas,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  });
  const platform = await startPlatform({
    config,
    logger: options.logger ?? createLogger('silent'),
    ephemeralPorts: true,
    dataDir: null,
    ...(options.departments ? { departments: options.departments } : {}),
    ...(options.supervisionNow ? { supervisionNow: options.supervisionNow } : {}),
  });
  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (username: string) => {
    if (!tokens.has(username)) tokens.set(username, passwordToken(platform.issuer, username));
    return tokens.get(username)!;
  };
  return {
    ...platform,
    config,
    tokenFor,
    async graphql(query, variables, request = {}) {
      const token = request.token ?? (request.as ? await tokenFor(request.as) : undefined);
      const response = await fetch(platform.gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...request.headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as any };
    },
    async close() {
      await platform.close();
      if (databaseUrl) for (const schema of Object.values(schemas)) await dropSchema(databaseUrl, schema);
    },
  };
}
