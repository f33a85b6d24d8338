import { afterEach, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../lib/db/migrate.ts';
import { openPostgresStore } from '../../lib/db/postgres.ts';
import type { Store } from '../../lib/db/store.ts';
import { dropSchema, postgresUrl, uniqueSchema } from '../../tests/support/services.ts';
import { openTestStore, type TestStore } from '../../tests/support/stores.ts';
import { CASES_MIGRATIONS_DIR } from './service.ts';
import { CasesRepository } from './repository.ts';
import { formatCaseNumber } from './domain/caseNumber.ts';
import { openCase } from './domain/openCase.ts';
import { applyTransition } from './domain/applyTransition.ts';
import type { GuideTerms } from './datasources/catalog.ts';

const CODE = '610725000000TB7250054102';
const AGENCY = '11610725TB7250054A';
const APPLICANT = { kind: 'NATURAL_PERSON' as const, name: '王芳', idType: 'CITIZEN_ID' as const, idNumber: '11010519491231002X' };
const TERMS: GuideTerms = {
  implementationCode: CODE,
  name: '旅馆业特种行业许可证核发',
  version: 1,
  status: 'ACTIVE',
  agency: AGENCY,
  agencyName: '勉县公安局',
  itemType: 'LICENSE',
  caseKind: 'PROMISED',
  jointAgencies: [],
  legalLimit: { value: 20, unit: 'WORKING_DAY' },
  promisedLimit: { value: 10, unit: 'WORKING_DAY' },
  stepLimits: {},
  materials: [],
  resultName: '特种行业许可证',
  publishResults: true,
};

async function insert(store: Store, repository: CasesRepository, sequence: number, clientRequestId = `r-${sequence}`) {
  const opened = openCase(
    {
      caseNumber: formatCaseNumber(CODE, 2026, sequence),
      name: TERMS.name,
      kind: 'PROMISED',
      owningAgency: AGENCY,
      applicant: APPLICANT,
      application: { channel: 'ONLINE', submittedAt: '2026-03-02T09:00:00+08:00', forms: [], materials: [] },
      promisedLimit: TERMS.promisedLimit,
    },
    { kind: 'NATURAL_PERSON', agency: null, roles: [], subject: 'wangfang', identities: [APPLICANT.idNumber] },
  );
  if (!opened.ok) throw new Error(opened.reason);
  await store.transaction((tx) =>
    repository.insertCase(tx, { snapshot: opened.snapshot, record: opened.record, guideTerms: TERMS, formData: null, materials: [], submittedBy: 'wangfang', clientRequestId, requestSha256: 'x' }),
  );
  return opened.snapshot;
}

const kinds = ['pglite', ...(postgresUrl() ? ['postgres' as const] : [])] as const;

describe.each(kinds)('the cases store (%s)', (kind) => {
  let test: TestStore;
  afterEach(async () => test?.dispose());

  async function open() {
    test = await openTestStore(kind);
    await migrate(test.store, readMigrations(CASES_MIGRATIONS_DIR));
    return new CasesRepository(test.store);
  }

  it('hands out consecutive sequence numbers per implementation and year', async () => {
    const repository = await open();
    const numbers = await Promise.all(Array.from({ length: 30 }, () => repository.nextSequence(CODE, 2026)));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await repository.nextSequence(CODE, 2027)).toBe(1);
  });

  it('stores a transition only where the case still has the version it was computed from', async () => {
    const repository = await open();
    const snapshot = await insert(test.store, repository, 1);
    const staff = { kind: 'STAFF' as const, agency: AGENCY, roles: ['ACCEPT'], subject: 'dev-staff-01', name: '张伟' };
    const accept = applyTransition(snapshot, 'ACCEPT', staff, { occurredAt: '2026-03-02T10:00:00+08:00' });
    const reject = applyTransition(snapshot, 'REJECT', staff, { occurredAt: '2026-03-02T10:00:00+08:00', reason: '不属于受理范围' });
    if (!accept.ok || !reject.ok) throw new Error('transitions refused');
    const write = (outcome: typeof accept & { ok: true }) =>
      test.store.transaction((tx) =>
        repository.updateCase(tx, { before: snapshot, next: outcome.next, record: outcome.record, deadlines: null, dueOn: null, acceptedAt: null, materials: [] }),
      ).catch(() => false);
    const results = await Promise.all([write(accept), write(reject)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const [row] = await repository.casesByNumber([snapshot.caseNumber]);
    expect(row!.version).toBe(2);
    expect((await repository.recordsOf([snapshot.caseNumber])).get(snapshot.caseNumber)).toHaveLength(2);
  });

  it('refuses a second case for the same client request id', async () => {
    const repository = await open();
    await insert(test.store, repository, 1, 'same');
    await expect(insert(test.store, repository, 2, 'same')).rejects.toMatchObject({ code: '23505' });
    expect((await repository.bySubmission('wangfang', 'same'))!.caseNumber).toBe(formatCaseNumber(CODE, 2026, 1));
  });

  it('keeps process records immutable', async () => {
    const repository = await open();
    const snapshot = await insert(test.store, repository, 1);
    await expect(test.store.query('UPDATE case_record SET action = $1 WHERE case_number = $2', ['ACCEPT', snapshot.caseNumber])).rejects.toThrow(/append-only/);
    await expect(test.store.query('DELETE FROM case_record WHERE case_number = $1', [snapshot.caseNumber])).rejects.toThrow(/append-only/);
  });
});

describe.runIf(postgresUrl())('case numbers from several processes at once (PostgreSQL)', () => {
  it('never hands out a number twice', async () => {
    const schema = uniqueSchema('cases');
    const stores = Array.from({ length: 3 }, () => openPostgresStore({ url: postgresUrl()!, schema, poolSize: 4 }));
    try {
      await migrate(stores[0]!, readMigrations(CASES_MIGRATIONS_DIR));
      const repositories = stores.map((store) => new CasesRepository(store));
      const numbers = await Promise.all(Array.from({ length: 90 }, (_, i) => repositories[i % 3]!.nextSequence(CODE, 2026)));
      expect(new Set(numbers).size).toBe(90);
      expect(Math.max(...numbers)).toBe(90);
    } finally {
      for (const store of stores) await store.close();
      await dropSchema(postgresUrl()!, schema);
    }
  });
});
