import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type Principal } from '../../../lib/auth/principal.ts';

import type { Store } from '../../../lib/db/store.ts';
import { storeKinds } from '../../../tests/support/services.ts';
import { type TestStore } from '../../../tests/support/stores.ts';
import type { Context } from '../context.ts';
import { BUNDLED_CALENDAR } from '../datasources/calendar.ts';
import type { CatalogSource, GuideFigures } from '../datasources/catalog.ts';
import type { DeadlineFact } from '../observations/observation.ts';
import { makeBasicCode } from '../../../lib/codes/basicCode.ts';

import { efficiencyFigures } from './compute.ts';
import { deadlineFact, guideFigures, HOTEL, POLICE } from './testSupport.ts';
import { openSupervisionStore } from '../testSupport.ts';

const OTHER = '11610725TB7250038X';
const SEAL = '610725000000TB7250054103';
const ELSEWHERE = '610702000000TB7020011101';
const BASIC = makeBasicCode('LICENSE', 54, 2);

const principal = (kind: Principal['kind'], agency: string | null = null): Principal => ({ ...ANONYMOUS, subject: `${kind.toLowerCase()}-1`, kind, agency });
const AUDITOR = principal('AUDITOR');

const guide = (implementationCode: string, overrides: Partial<GuideFigures> = {}) => guideFigures({ implementationCode, ...overrides });

const GUIDES = [guide(HOTEL), guide(SEAL, { caseKind: 'IMMEDIATE', promisedLimit: { value: 1, unit: 'WORKING_DAY' }, visits: 0, onlineDepth: 4 })];

/** The catalog as the figures read it, remembering what it was asked for. */
const asked: unknown[] = [];
const catalog: CatalogSource = {
  async agencyName(uscc) {
    return [POLICE, OTHER].includes(uscc) ? '勉县公安局' : null;
  },
  async guide(code) {
    return [HOTEL, SEAL, ELSEWHERE].includes(code) ? { implementationCode: code, name: '许可', agency: POLICE, itemType: 'LICENSE' } : null;
  },
  async guidesInScope(scope) {
    asked.push(scope);
    if ('implementationCode' in scope) return GUIDES.filter((g) => g.implementationCode === scope.implementationCode);
    // The hotel licence as 勉县 and as 汉台区 implement it.
    if ('basicCode' in scope) return scope.basicCode === BASIC ? [guide(HOTEL), guide(ELSEWHERE, { agency: OTHER })] : [];
    return GUIDES;
  },
};

const deadline = (startedOn: string, due: string, finishedOn: string | null, overrides: Partial<DeadlineFact> = {}): DeadlineFact =>
  deadlineFact({ startedOn, due, finishedOn, ...overrides });

interface CaseRow {
  n: number;
  code?: string;
  agency?: string;
  channel?: string;
  accepted?: string | null;
  completed?: string | null;
  promised?: DeadlineFact | null;
}

async function insertCase(store: Store, row: CaseRow): Promise<string> {
  const code = row.code ?? HOTEL;
  const caseNumber = `${code}26${String(row.n).padStart(6, '0')}`;
  const promised = row.promised ?? null;
  await store.query(
    `INSERT INTO supervised_case (case_number, agency, region, implementation_code, item_type, kind, state, channel, applicant_id_type,
       applicant_id_number, submitted_at, accepted_at, completed_at, version, facts, guide, deadlines, updated_at)
     VALUES ($1, $2, $3, $4, 'LICENSE', 'PROMISED', $5, $6, 'CITIZEN_ID', '610725199001011234', $7, $8, $9, 1, '{}', '{}', $10, now())`,
    [
      caseNumber,
      row.agency ?? POLICE,
      code.slice(0, 6),
      code,
      row.completed ? 'COMPLETED' : 'ACCEPTED',
      row.channel ?? 'ONLINE',
      row.accepted ?? '2026-02-27T09:00:00+08:00',
      row.accepted ?? null,
      row.completed ?? null,
      row.accepted === null ? null : JSON.stringify({ legal: null, promised, steps: [] }),
    ],
  );
  return caseNumber;
}

async function insertAlert(store: Store, code: string, caseNumber: string, rule: string, colour: string, raisedAt: string, agency = POLICE) {
  await store.query(
    `INSERT INTO alert (id, case_number, about, occasion, rule_code, rule_version, type, rule_check, colour, message, agency, region,
       implementation_code, evidence, observed_at, raised_at)
     VALUES ($1, $2, $3, $4, $5, 1, 'TIMELINESS', 'DEADLINE_OVERRUN', $6, '超期', $7, $8, $9, '{}', $10, $10)`,
    [`a-${raisedAt}-${rule}-${caseNumber.slice(-2)}`, caseNumber, `CASE:${caseNumber}`, raisedAt, rule, colour, agency, code.slice(0, 6), code, raisedAt],
  );
}

async function insertEvaluation(store: Store, caseNumber: string, level: string, at: string, counted = true) {
  await store.query(
    `INSERT INTO evaluation (id, case_number, channel, level, agency, implementation_code, region, applicant_id, evaluated_by, evaluated_at, counted)
     VALUES ($1, $2, 'SMS', $3, $4, $5, '610725', '610725199001011234', 'lijun', $6, $7)`,
    [`e-${caseNumber}`, caseNumber, level, POLICE, caseNumber.slice(0, 24), at, counted],
  );
}

describe.each(storeKinds())('efficiency figures on %s', (kind) => {
  let test: TestStore;
  const context = (who: Principal = AUDITOR): Context =>
    ({ identity: { principal: who, meta: { clientIp: null, purpose: null } }, store: test.store, sources: { catalog, calendar: BUNDLED_CALENDAR } }) as unknown as Context;
  const figures = (scope: Record<string, string>, who?: Principal, period = { from: '2026-03-01', to: '2026-03-31' }) =>
    efficiencyFigures(context(who), { scope, period });

  beforeAll(async () => {
    test = await openSupervisionStore(kind);
    const store = test.store;
    // Accepted Mon 03-02, promised due 03-16 (10 working days).
    const onTime = await insertCase(store, {
      n: 1,
      accepted: '2026-03-02T09:00:00+08:00',
      completed: '2026-03-09T15:00:00+08:00',
      promised: deadline('2026-03-02', '2026-03-16', '2026-03-06'),
    });
    // Decided a day late (03-17), completed 03-18, two working days of it in a special procedure.
    const late = await insertCase(store, {
      n: 2,
      channel: 'WINDOW',
      accepted: '2026-03-02T10:00:00+08:00',
      completed: '2026-03-18T10:00:00+08:00',
      promised: deadline('2026-03-02', '2026-03-16', '2026-03-17', { suspendedDays: 2 }),
    });
    // Completed just after midnight China time on 04-01: outside March although 03-31 in UTC.
    await insertCase(store, { n: 3, accepted: '2026-03-20T09:00:00+08:00', completed: '2026-04-01T00:30:00+08:00', promised: deadline('2026-03-20', '2026-04-03', '2026-04-01') });
    // Accepted 23:30 on 02-28 China time: February, though March 1st is not yet in UTC either way.
    await insertCase(store, { n: 4, channel: 'MOBILE', accepted: '2026-02-28T23:30:00+08:00', completed: '2026-03-03T09:00:00+08:00', promised: null });
    // Open, accepted in March at the window of the immediate guide.
    await insertCase(store, { n: 5, code: SEAL, channel: 'WINDOW', accepted: '2026-03-25T09:00:00+08:00', promised: deadline('2026-03-25', '2026-03-26', null) });
    // Submitted, not accepted.
    await insertCase(store, { n: 6, accepted: null });
    // Another agency, another region.
    await insertCase(store, { n: 7, code: ELSEWHERE, agency: OTHER, accepted: '2026-03-02T09:00:00+08:00', completed: '2026-03-03T09:00:00+08:00' });

    await insertAlert(store, HOTEL, late, 'TIMELINESS.PROMISED_YELLOW', 'YELLOW', '2026-03-13T01:00:00Z');
    await insertAlert(store, HOTEL, late, 'TIMELINESS.PROMISED_RED', 'RED', '2026-03-17T01:00:00Z');
    await insertAlert(store, HOTEL, onTime, 'TIMELINESS.PROMISED_RED', 'RED', '2026-04-02T01:00:00Z');
    await insertAlert(store, ELSEWHERE, `${ELSEWHERE}26000007`, 'TIMELINESS.PROMISED_RED', 'RED', '2026-03-17T01:00:00Z', OTHER);

    await insertEvaluation(store, onTime, 'VERY_SATISFIED', '2026-03-10T01:00:00Z');
    await insertEvaluation(store, late, 'DISSATISFIED', '2026-03-19T01:00:00Z');
    await insertEvaluation(store, `${HOTEL}26000004`, 'VERY_DISSATISFIED', '2026-03-04T01:00:00Z', false);
  });
  afterAll(async () => test?.dispose());

  it('counts cases accepted and completed in the period, in China time', async () => {
    const result = await figures({ region: '610725' });
    expect(result.period).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(result.casesAccepted).toBe(4);
    expect(result.casesCompleted).toBe(3);
    expect(result.onTimeRate).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(result.onlineAcceptanceRate).toMatchObject({ value: 0.5, numerator: 2, denominator: 4 });
  });

  it('computes handling times on the working-day calendar, less special procedures', async () => {
    const result = await figures({ region: '610725' });
    // Case 1: 03-02 → 03-09 = 5; case 2: 03-02 → 03-18 = 12 − 2 = 10; case 4: 02-28 → 03-03 = 2 (Sat 02-28 accepted, Mon, Tue).
    expect(result.averageHandlingWorkingDays).toMatchObject({ numerator: 17, denominator: 3 });
    expect(result.p90HandlingWorkingDays).toMatchObject({ value: 10, numerator: 3, denominator: 3 });
    expect(result.handlingToPromisedRatio).toMatchObject({ value: 15 / 20, numerator: 15, denominator: 20 });
  });

  it('counts alerts raised in the period by colour and rule', async () => {
    const result = await figures({ region: '610725' });
    expect(result.alertsByColour).toEqual([
      { key: 'YELLOW', count: 1 },
      { key: 'RED', count: 1 },
    ]);
    expect(result.alertsByRule).toEqual([
      { key: 'TIMELINESS.PROMISED_RED', count: 1 },
      { key: 'TIMELINESS.PROMISED_YELLOW', count: 1 },
    ]);
  });

  it('takes the guides from the catalog and the counted evaluations', async () => {
    const result = await figures({ region: '610725' });
    expect(asked.at(-1)).toEqual({ region: '610725' });
    expect(result.immediateShare).toMatchObject({ value: 0.5 });
    expect(result.promisedToLegalCompression).toMatchObject({ numerator: 11, denominator: 40 });
    expect(result.evaluationLevels.filter((level) => level.count > 0)).toEqual([
      { key: 'VERY_SATISFIED', count: 1 },
      { key: 'DISSATISFIED', count: 1 },
    ]);
    expect(result.goodReviewRate).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
  });

  it('narrows to an agency, a guide or a wider region', async () => {
    expect((await figures({ agency: OTHER })).casesCompleted).toBe(1);
    expect((await figures({ implementationCode: SEAL })).casesAccepted).toBe(1);
    const city = await figures({ region: '610700' });
    expect(asked.at(-1)).toEqual({ region: '610700' });
    expect(city.casesCompleted).toBe(4);
    expect(city.alertsByColour).toEqual([
      { key: 'YELLOW', count: 1 },
      { key: 'RED', count: 2 },
    ]);
  });

  it('takes a basic item across the guides that implement it, in every region, asking the catalog once', async () => {
    const before = asked.length;
    const result = await figures({ basicCode: BASIC });
    expect(asked.slice(before)).toEqual([{ basicCode: BASIC }]);
    // 勉县's hotel cases 1, 2, 3 and 汉台区's case 7 accepted in March; 1, 2, 4 and 7 completed.
    expect(result.casesAccepted).toBe(4);
    expect(result.casesCompleted).toBe(4);
    expect(result.alertsByColour).toEqual([
      { key: 'YELLOW', count: 1 },
      { key: 'RED', count: 2 },
    ]);
    expect(result.goodReviewRate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(result.immediateShare).toMatchObject({ numerator: 0, denominator: 2 });
  });

  it('asks the catalog once for one guide', async () => {
    const before = asked.length;
    expect((await figures({ implementationCode: SEAL })).immediateShare).toMatchObject({ numerator: 1, denominator: 1 });
    expect(asked.slice(before)).toEqual([{ implementationCode: SEAL }]);
  });

  it('answers null values over a period without cases', async () => {
    const result = await figures({ region: '610725' }, AUDITOR, { from: '2025-01-01', to: '2025-01-31' });
    expect(result.casesAccepted).toBe(0);
    expect(result.onTimeRate.value).toBeNull();
    expect(result.averageHandlingWorkingDays.value).toBeNull();
    expect(result.goodReviewRate.value).toBeNull();
  });

  it('lets staff read their own agency only', async () => {
    const staff = principal('STAFF', POLICE);
    expect((await figures({ agency: POLICE }, staff)).casesAccepted).toBe(4);
    for (const scope of [{ agency: OTHER }, { region: '610725' }, { implementationCode: HOTEL }] as Array<Record<string, string>>) {
      await expect(figures(scope, staff)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    }
    await expect(figures({ region: '610725' }, principal('NATURAL_PERSON'))).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('refuses a bad scope or period naming the field', async () => {
    await expect(figures({ region: '6107250' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'scope.region' } });
    await expect(figures({ region: '610725' }, AUDITOR, { from: '2026-03-02', to: '2026-03-01' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'period.to' } });
  });
});
