
import { afterAll, beforeAll } from 'vitest';
import type { InternalIdentity } from '../../../lib/auth/internalToken.ts';
import { servicePrincipal } from '../../../lib/auth/internalToken.ts';
import { ANONYMOUS, type Principal } from '../../../lib/auth/principal.ts';

import type { Store } from '../../../lib/db/store.ts';
import { createLogger } from '../../../lib/logger.ts';
import type { TestStore } from '../../../tests/support/stores.ts';
import { openSupervisionStore } from '../testSupport.ts';
import type { Context } from '../context.ts';
import { BUNDLED_CALENDAR } from '../datasources/calendar.ts';
import { NO_CASES } from '../datasources/cases.ts';
import type { CatalogSource } from '../datasources/catalog.ts';
import type { SupervisionSources } from '../datasources/index.ts';
import type { CaseFact, CaseObservation, DeadlineFact, GuideFact, RecordFact } from '../observations/observation.ts';
import { DEFAULT_RULES, defaultRuleContent } from '../rules/defaults.ts';
import { ruleLoaders } from '../rules/loaders.ts';
import { CHECK_TYPE, type RuleModel } from '../rules/model.ts';
import { RuleBook } from '../rules/resolve.ts';
import type { SupervisionClock } from './clock.ts';
import { alertLoaders } from './loaders.ts';

/** 旅馆业特种行业许可证核发 of 勉县公安局 (catalog seed), and another agency of 勉县. */
export const CODE = '610725000000TB7250054102';
export const POLICE = '11610725TB7250054A';
export const HOUSING = '11610725TB7250055A';
export const caseNumber = (sequence: number) => `${CODE}26${String(sequence).padStart(6, '0')}`;

const principal = (subject: string, kind: Principal['kind'], extra: Partial<Principal> = {}): Principal => ({ ...ANONYMOUS, subject, kind, name: subject, ...extra });
export const AUDITOR = principal('auditor-1', 'AUDITOR');
export const POLICE_STAFF = principal('police-1', 'STAFF', { agency: POLICE, roles: ['ACCEPT'] });
export const HOUSING_STAFF = principal('housing-1', 'STAFF', { agency: HOUSING, roles: ['ACCEPT'] });
export const APPLICANT = principal('p-applicant', 'NATURAL_PERSON', { idNumber: '610725197809210316' });
export const CASES_SERVICE = servicePrincipal('cases');
export const EXCHANGE_SERVICE = servicePrincipal('exchange');

export const identityOf = (who: Principal): InternalIdentity => ({ principal: who, meta: { clientIp: null, purpose: null } });

/** A fresh store with the supervision schema and the default rules (in-memory PGlite, or PostgreSQL). */
export const openAlertsStore = openSupervisionStore;

/**
 * The store of the tests in the describe block that calls this: openAlertsStore(kind) before them,
 * disposed after them. Read `.store` in the tests (it is not there before they run).
 */
export function alertsStoreFor(kind: 'pglite' | 'postgres'): { readonly store: Store } {
  let opened: TestStore | undefined;
  beforeAll(async () => {
    opened = await openAlertsStore(kind);
  });
  afterAll(async () => opened?.dispose());
  return {
    get store() {
      if (!opened) throw new Error('the store opens before the tests run');
      return opened.store;
    },
  };
}

/** The default rules as a book, without a store (pure evaluator tests). */
export function defaultBook(extra: RuleModel[] = []): RuleBook {
  return new RuleBook([
    ...DEFAULT_RULES.map((rule): RuleModel => ({ ...defaultRuleContent(rule), code: rule.code, version: 1, createdAt: '2026-01-01T00:00:00.000Z' })),
    ...extra,
  ]);
}

/** A catalog that knows the police and housing agencies and the hotel guide. */
export const FAKE_CATALOG: CatalogSource = {
  async agencyName(uscc) {
    return { [POLICE]: '勉县公安局', [HOUSING]: '勉县住房和城乡建设局' }[uscc] ?? null;
  },
  async guide(implementationCode) {
    return implementationCode === CODE ? { implementationCode, name: '旅馆业特种行业许可证核发', agency: POLICE, itemType: 'LICENSE' } : null;
  },
  async guidesInScope() {
    return [];
  },
};

export const FAKE_SOURCES: SupervisionSources = { catalog: FAKE_CATALOG, cases: NO_CASES, calendar: BUNDLED_CALENDAR };

/** A resolver context for `who` over `store`, at the instant `now()` gives. */
export function contextFor(store: Store, who: Principal, now: () => Date, clock?: SupervisionClock): Context {
  return {
    identity: identityOf(who),
    store,
    loaders: { ...ruleLoaders(store), ...alertLoaders(store) } as Context['loaders'],
    sources: FAKE_SOURCES,
    settings: { supervisingOffice: '勉县监察局', complaintAnswerWorkingDays: 5, rectificationWorkingDays: 5 },
    now,
    clock: clock ?? (undefined as unknown as SupervisionClock),
  };
}

export const silentLogger = createLogger('silent');

/** The bundled calendar's version (lib/calendar/holidays.ts). */
export const BUNDLED_VERSION = '2026-01';

/** One period as the cases subgraph stores it, on the bundled calendar. */
export function deadline(due: string | null, overrides: Partial<DeadlineFact> = {}): DeadlineFact {
  return { limit: { value: 5, unit: 'WORKING_DAY' }, startedOn: '2026-11-20', due, finishedOn: null, suspendedDays: 0, calendarVersion: BUNDLED_VERSION, ...overrides };
}

export function guide(overrides: Partial<GuideFact> = {}): GuideFact {
  return {
    implementationCode: CODE,
    name: '旅馆业特种行业许可证核发',
    version: 1,
    itemType: 'LICENSE',
    caseKind: 'PROMISED',
    legalLimit: { value: 20, unit: 'WORKING_DAY' },
    promisedLimit: { value: 5, unit: 'WORKING_DAY' },
    steps: ['REVIEW', 'DECIDE'],
    materials: [
      { id: 'M01', name: '申请书', requirement: 'REQUIRED', deferrable: false },
      { id: 'M05', name: '消防安全检查合格证明', requirement: 'REQUIRED', deferrable: true },
      { id: 'M08', name: '其他材料', requirement: 'CONDITIONAL', deferrable: false },
    ],
    fee: { charged: false, maxAmountYuan: null },
    ...overrides,
  };
}

/** The case as it stands after acceptance on 2026-11-20 with materials M01 handed in and M05 deferred. */
export function caseFact(sequence: number, overrides: Partial<CaseFact> = {}): CaseFact {
  return {
    caseNumber: caseNumber(sequence),
    name: '旅馆业特种行业许可证核发',
    kind: 'PROMISED',
    state: 'ACCEPTED',
    implementationCode: CODE,
    agency: POLICE,
    participatingAgencies: [],
    region: '610725',
    channel: 'ONLINE',
    applicant: { kind: 'NATURAL_PERSON', name: '李军', idType: 'CITIZEN_ID', idNumber: APPLICANT.idNumber! },
    agent: null,
    submittedAt: '2026-11-19T02:00:00.000Z',
    acceptedAt: '2026-11-20T02:00:00.000Z',
    materialIds: ['M01'],
    deferredMaterials: ['消防安全检查合格证明'],
    completedSteps: [],
    decision: null,
    result: null,
    deadlines: { legal: deadline('2026-12-18', { limit: { value: 20, unit: 'WORKING_DAY' } }), promised: deadline('2026-11-27'), steps: [] },
    ...overrides,
  };
}

/** The fields of a process record that only some actions fill in, all empty. */
export const NO_RECORD_DETAILS = {
  sourceMessageId: null,
  step: null,
  passed: null,
  decision: null,
  result: null,
  reason: null,
  opinion: null,
  feeYuan: null,
} satisfies Partial<RecordFact>;

export function record(version: number, action: string, overrides: Partial<RecordFact> = {}): RecordFact {
  return {
    version,
    action,
    fromState: version === 1 ? null : 'PRE_REVIEW',
    toState: 'ACCEPTED',
    occurredAt: '2026-11-20T02:00:00.000Z',
    recordedAt: '2026-11-20T02:00:01.000Z',
    actorKind: 'STAFF',
    handlerId: 'police-zhangwei',
    handlerName: '张伟',
    channel: 'WINDOW',
    ...NO_RECORD_DETAILS,
    ...overrides,
  };
}

/** An observation of `fact` written by `rec` (toState follows the case). */
export function observation(fact: CaseFact, rec: RecordFact, guideFact: GuideFact = guide()): CaseObservation {
  return { kind: 'CASE', case: fact, record: { ...rec, toState: fact.state }, guide: guideFact };
}

/** A rule version for RuleBook tests. */
export function ruleVersion(overrides: Partial<RuleModel> & Pick<RuleModel, 'code' | 'check' | 'parameters'>): RuleModel {
  return {
    version: 1,
    type: CHECK_TYPE[overrides.check],
    description: '测试规则',
    colour: 'YELLOW',
    target: { kind: 'ALL', value: null },
    enabled: true,
    author: 'auditor-1',
    reason: '测试',
    createdAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

/** Calls a resolver as GraphQL would (the generated types also allow resolver objects, so they are not callable as typed). */
export function call<T = any>(resolver: unknown, parent: unknown, args: unknown, context: Context): Promise<T> {
  return Promise.resolve((resolver as (parent: unknown, args: unknown, context: Context, info: unknown) => T | Promise<T>)(parent, args, context, {}));
}

/** What a refused call threw, as a client sees it: its code, and the field where one is named. */
export async function refusal(promise: unknown): Promise<{ code: unknown; field?: unknown }> {
  try {
    await promise;
  } catch (error) {
    const extensions = (error as { extensions?: Record<string, unknown> }).extensions ?? {};
    return { code: extensions['code'], ...(extensions['field'] ? { field: extensions['field'] } : {}) };
  }
  throw new Error('expected a refusal');
}
