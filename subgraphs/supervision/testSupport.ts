import { fileURLToPath } from 'node:url';
import type { GraphQLError } from 'graphql';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { ANONYMOUS, type Principal } from '../../lib/auth/principal.ts';
import { migrate, readMigrations } from '../../lib/db/migrate.ts';
import type { Store } from '../../lib/db/store.ts';
import { createLogger } from '../../lib/logger.ts';
import { findUserByUsername } from '../../seeds/identity/principals.ts';
import { openTestStore, type TestStore } from '../../tests/support/stores.ts';
import type { AlertInput, ClockContext } from './alerts/types.ts';
import type { Context } from './context.ts';
import { BUNDLED_CALENDAR } from './datasources/calendar.ts';
import type { CaseFacts } from './datasources/cases.ts';
import type { SupervisionSources } from './datasources/index.ts';
import { createLoaders } from './loaders.ts';
import { seedDefaultRules } from './rules/defaults.ts';

/** Test fixtures shared by the order and complaint tests: a migrated store, seeded people, fake sources. */

export const CODE = '610725000000TB7250054102';
export const GUIDE_NAME = '旅馆业特种行业许可证核发';
export const POLICE = '11610725TB7250054A';
export const HOUSING = '11610725TB72500625';
export const caseNumber = (sequence: number) => `${CODE}26${String(sequence).padStart(6, '0')}`;

/** The seeded user as the gateway would vouch for them. */
export function principalOf(username: string): Principal {
  const user = findUserByUsername(username);
  if (!user) throw new Error(`no seeded user ${username}`);
  const { subject, kind, name, idNumber, uscc, agency, roles, realNameLevel, actingFor } = user;
  return { ...ANONYMOUS, subject, kind, name, idNumber, uscc, agency, roles, realNameLevel, actingFor };
}

/** The seeded people the tests act as: auditors, the police's and housing's staff, applicants. */
export const HEJING = principalOf('auditor-hejing');
export const ZHAOLEI = principalOf('auditor-zhaolei');
export const ZHANGWEI = principalOf('police-zhangwei');
export const SUNLI = principalOf('housing-sunli');
export const LIJUN = principalOf('lijun');
export const WANGFANG = principalOf('wangfang');
export const LVYUAN = principalOf('lvyuan');
export const CHENJIE = principalOf('chenjie');

/** Monday 2 March 2026, 10:00 in China: where the tests' clock starts. */
export const MONDAY = '2026-03-02T02:00:00.000Z';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/** A fresh store (in-memory PGlite, or a throw-away PostgreSQL schema) with the whole supervision schema and the default rules. */
export async function openSupervisionStore(kind: 'pglite' | 'postgres' = 'pglite'): Promise<TestStore> {
  const test = await openTestStore(kind);
  await migrate(test.store, readMigrations(MIGRATIONS_DIR));
  await seedDefaultRules(test.store);
  return test;
}

export function caseFacts(sequence: number, applicantIdNumber: string, overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    caseNumber: caseNumber(sequence),
    state: 'ACCEPTED',
    owningAgency: POLICE,
    participatingAgencies: [],
    implementationCode: CODE,
    applicant: { kind: 'NATURAL_PERSON', name: '李军', idType: 'CITIZEN_ID', idNumber: applicantIdNumber },
    agent: null,
    result: null,
    ...overrides,
  };
}

/** The catalog and cases as these tests know them; `calls` counts what was asked of the cases subgraph. */
export function fakeSources(cases: readonly CaseFacts[]): SupervisionSources & { calls: { caseFacts: number } } {
  const known = new Map(cases.map((facts) => [facts.caseNumber, facts]));
  const calls = { caseFacts: 0 };
  return {
    calls,
    catalog: {
      agencyName: async (uscc) => ({ [POLICE]: '勉县公安局', [HOUSING]: '勉县住房和城乡建设局' })[uscc] ?? null,
      guide: async (code) => (code === CODE ? { implementationCode: CODE, name: GUIDE_NAME, agency: POLICE, itemType: 'LICENSE' } : null),
      guidesInScope: async () => [],
    },
    cases: {
      async caseFacts(number) {
        calls.caseFacts += 1;
        return known.get(number) ?? null;
      },
    },
    calendar: BUNDLED_CALENDAR,
  };
}

export interface TestClock {
  now: () => Date;
  set(iso: string): void;
}

export function testClock(iso: string): TestClock {
  let at = new Date(iso);
  return { now: () => at, set: (next) => (at = new Date(next)) };
}

/** What a test file works on: its store, the fake sources and clock, and a request's context for a principal. */
export interface SupervisionTestBed {
  /** The store, there once the file's tests run. */
  readonly store: Store;
  readonly sources: ReturnType<typeof fakeSources>;
  readonly clock: TestClock;
  /** A request's context for `principal` (the file's default principal unless named). */
  as(principal?: Principal): Context;
}

/**
 * The test bed of a file: a supervision store opened before its tests and disposed after them,
 * sources that know `cases`, and a clock set back to `start` before each test. Call it at the
 * top of the file.
 */
export function supervisionTestBed(cases: readonly CaseFacts[], start: string, principal: Principal): SupervisionTestBed {
  let opened: TestStore | undefined;
  const sources = fakeSources(cases);
  const clock = testClock(start);
  beforeAll(async () => {
    opened = await openSupervisionStore();
  });
  afterAll(async () => opened?.dispose());
  beforeEach(() => clock.set(start));
  const store = () => {
    if (!opened) throw new Error('the store opens before the tests run');
    return opened.store;
  };
  return {
    get store() {
      return store();
    },
    sources,
    clock,
    as: (who = principal) => contextFor(store(), sources, clock, who),
  };
}

/**
 * A supervision clock run's context on `today` (10:00 in China) for the overdue tasks: what it
 * raises is pushed onto `raised`, and SUPERVISION_OVERDUE allows `grace` working days.
 */
export function overdueRunContext(store: Store, raised: AlertInput[], today: string, grace = 0): ClockContext {
  return {
    store,
    today,
    now: new Date(`${today}T02:00:00Z`),
    calendar: BUNDLED_CALENDAR,
    logger: createLogger('silent'),
    async raise(_tx, input) {
      raised.push(input);
      return { id: `alert-${raised.length}`, raised: true };
    },
    rule: () => ({ code: 'TIMELINESS.SUPERVISION_OVERDUE', version: 1, colour: 'RED', parameters: { graceWorkingDays: grace } }),
  };
}

/** A request's context for `principal` (fresh loaders, as each request gets). */
export function contextFor(store: Store, sources: SupervisionSources, clock: TestClock, principal: Principal): Context {
  return {
    identity: { principal, meta: { clientIp: null, purpose: null } },
    store,
    loaders: createLoaders(store, { identity: { principal, meta: { clientIp: null, purpose: null } }, now: clock.now }),
    sources,
    settings: { supervisingOffice: '勉县监察局', complaintAnswerWorkingDays: 5, rectificationWorkingDays: 10 },
    now: clock.now,
    clock: { run: async () => ({ asOf: '', examined: 0, raised: 0 }), close: async () => undefined },
  };
}

/** What a refused call threw, as a client sees it (code, field, reason). */
export async function refusal(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    const extensions = (error as GraphQLError).extensions ?? {};
    if (extensions['code'] === undefined) throw error;
    return { ...extensions };
  }
  throw new Error('expected a refusal');
}

/** Row counts of the tables a refused request must leave untouched. */
export async function counts(store: Store): Promise<Record<string, number>> {
  const tables = ['supervision_order', 'supervision_order_step', 'complaint', 'complaint_step', 'supervision_number', 'access_log'];
  const result: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await store.query<{ count: string | number }>(`SELECT count(*) AS count FROM ${table}`);
    result[table] = Number(rows[0]!.count);
  }
  return result;
}

/** Calls a field resolver as graphql-js would, for tests that check a field's rule without HTTP. */
export function resolve<A, R>(resolver: unknown, parent: unknown, args: A, context: Context): Promise<R> {
  return Promise.resolve((resolver as (parent: unknown, args: A, context: Context, info: unknown) => R)(parent, args, context, {}));
}
