/**
 * Which real servers the tests use. The embedded defaults (PGlite, in-process cache) are always
 * tested. PostgreSQL and Redis are tested when DATABASE_URL / REDIS_URL name them; `.ci/run` sets
 * both. In CI (CI=true) a missing variable or an unreachable server fails the run instead of
 * silently skipping the tests that need it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';

const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';

function required(name: 'DATABASE_URL' | 'REDIS_URL'): string | undefined {
  const value = process.env[name];
  if (!value && inCi) throw new Error(`${name} must be set in CI: the tests against the real server cannot be skipped`);
  return value || undefined;
}

export const postgresUrl = (): string | undefined => required('DATABASE_URL');
export const redisUrl = (): string | undefined => required('REDIS_URL');

/** A schema name no other test uses, so test files can share one database. */
export function uniqueSchema(prefix = 't'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Fails loudly when the configured PostgreSQL does not answer. */
export async function assertPostgresReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`DATABASE_URL is set but PostgreSQL does not answer: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export async function assertRedisReachable(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3_000, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(`REDIS_URL is set but Redis does not answer: ${(error as Error).message}`);
  } finally {
    client.disconnect();
  }
}

/** The stores every store test runs against: PGlite always, PostgreSQL when configured. */
export function storeKinds(): Array<'pglite' | 'postgres'> {
  return postgresUrl() ? ['pglite', 'postgres'] : ['pglite'];
}
