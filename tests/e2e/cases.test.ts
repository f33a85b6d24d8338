import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByUsername } from '../../seeds/identity/principals.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { HOTEL_GUIDE, MATERIALS, POLICE } from '../support/applications.ts';

/**
 * A case's whole life through the gateway, as the "tried as a new user would" describes:
 * a citizen applies for a seeded 勉县 license item (旅馆业特种行业许可证核发, 勉县公安局), the
 * police window accepts it, a reviewer and an approver move it through review and decision, the
 * result is recorded in the results subgraph, and the public and the auditor read it back.
 */
const GUIDE = HOTEL_GUIDE;
const WANGFANG = findUserByUsername('wangfang')!;
const LIJUN = findUserByUsername('lijun')!;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');


const SUBMIT = /* GraphQL */ `
  mutation Submit($input: ApplicationInput!) {
    submitApplication(input: $input) {
      caseNumber receiptNumber guideVersion received deferred replayed
      case { state kind version applicant { name idNumber } deferredMaterials materials { materialId sha256 size } }
    }
  }
`;

const ACT = /* GraphQL */ `
  mutation Act($caseNumber: ID!, $action: CaseAction!, $input: CaseActionInput!) {
    actOnCase(caseNumber: $caseNumber, action: $action, input: $input) {
      case { state version deadlines { legal { due calendarVersion remainingWorkingDays } promised { due calendarVersion overdue } } }
      record { version action stepName stepStatus handlerId handlerName agency { uscc } }
    }
  }
`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { CASE_STATUS_LOOKUPS_PER_WINDOW: '1000' } });
}, 120_000);
afterAll(async () => stack?.close());

async function submit(clientRequestId: string, as = 'wangfang', materials = MATERIALS) {
  return stack.graphql(SUBMIT, { input: { implementationCode: GUIDE, clientRequestId, materials, formData: { 旅馆名称: '汉江客栈' } } }, { as });
}

async function act(caseNumber: string, action: string, input: Record<string, unknown>, as: string) {
  return stack.graphql(ACT, { caseNumber, action, input }, { as });
}

describe('a license case from application to public result', () => {
  let caseNumber: string;

  it('files an application with a receipt, the guide version in force and the deferred material', async () => {
    const { body } = await submit('e2e-first');
    expect(body.errors).toBeUndefined();
    const receipt = body.data.submitApplication;
    caseNumber = receipt.caseNumber;
    expect(caseNumber).toMatch(new RegExp(`^${GUIDE}\\d{2}\\d{6}$`));
    expect(receipt.receiptNumber).toMatch(/^[0-9A-F]{16}$/);
    expect(receipt.guideVersion).toBeGreaterThanOrEqual(1);
    expect(receipt.deferred).toHaveLength(1);
    expect(receipt.replayed).toBe(false);
    expect(receipt.case).toMatchObject({ state: 'SUBMITTED', kind: 'PROMISED', version: 1, applicant: { name: '王芳', idNumber: WANGFANG.idNumber } });
    expect(receipt.case.materials).toHaveLength(6);
    expect(receipt.case.materials[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a retried submission with the first case', async () => {
    const { body } = await submit('e2e-first');
    expect(body.data.submitApplication).toMatchObject({ caseNumber, replayed: true });
  });

  it('moves through acceptance, review, decision and completion by the owning agency’s staff', async () => {
    let version = 1;
    const step = async (action: string, input: Record<string, unknown>, as: string) => {
      const { body } = await act(caseNumber, action, { expectedVersion: version, ...input }, as);
      expect(body.errors, `${action}: ${JSON.stringify(body.errors)}`).toBeUndefined();
      version = body.data.actOnCase.case.version;
      return body.data.actOnCase;
    };
    await step('PRE_REVIEW', {}, 'police-zhangwei');
    const accepted = await step('ACCEPT', { opinion: '材料齐全，予以受理' }, 'police-zhangwei');
    expect(accepted.case.state).toBe('ACCEPTED');
    expect(accepted.case.deadlines.promised.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(accepted.case.deadlines.promised.calendarVersion).toBeTruthy();
    expect(accepted.record).toMatchObject({ action: 'ACCEPT', handlerName: '张伟', agency: { uscc: POLICE } });
    await step('START_STEP', { step: 'REVIEW' }, 'police-liuyang');
    await step('COMPLETE_STEP', { opinion: '经审查符合条件' }, 'police-liuyang');
    await step('START_STEP', { step: 'DECIDE' }, 'police-liuyang');
    const decided = await step('DECIDE', { decision: 'APPROVE', opinion: '准予许可' }, 'police-liuyang');
    expect(decided.case.state).toBe('DECIDED');
    const completed = await step(
      'COMPLETE',
      { result: 'CERTIFICATE_ISSUED', resultDocument: { name: '特种行业许可证', number: '勉公特字〔2026〕001号' }, deliveryMethod: 'WINDOW' },
      'police-zhangwei',
    );
    expect(completed.case.state).toBe('COMPLETED');
    await stack.cases.outbox.drain();
  });

  it('shows the citizen the timeline and result by case number and ID number, without personal data', async () => {
    const query = /* GraphQL */ `query($n: String!, $id: String!) { caseStatus(caseNumber: $n, idNumber: $id) { name state stateName timeline { stepName stepStatusName occurredAt } result { kind kindName documentName } } }`;
    const { body } = await stack.graphql(query, { n: caseNumber, id: WANGFANG.idNumber });
    expect(body.errors).toBeUndefined();
    const status = body.data.caseStatus;
    expect(status).toMatchObject({ name: '旅馆业特种行业许可证核发', state: 'COMPLETED', result: { kind: 'CERTIFICATE_ISSUED', documentName: '特种行业许可证' } });
    expect(status.timeline.map((entry: { stepName: string }) => entry.stepName)).toEqual(['申报', '预审', '受理', '审查', '审查', '决定', '决定', '办结']);
    expect(JSON.stringify(status)).not.toContain('王芳');
  });

  it('answers a wrong ID number and an unknown case number alike', async () => {
    const query = /* GraphQL */ `query($n: String!, $id: String!) { caseStatus(caseNumber: $n, idNumber: $id) { state } }`;
    const wrong = await stack.graphql(query, { n: caseNumber, id: LIJUN.idNumber });
    const unknown = await stack.graphql(query, { n: `${caseNumber.slice(0, 26)}999999`, id: WANGFANG.idNumber });
    expect(wrong.body).toEqual({ data: { caseStatus: null } });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('publishes the license result with the applicant masked', async () => {
    const query = /* GraphQL */ `query($code: ID!) { publicResults(implementationCode: $code) { totalCount edges { node { caseNumber applicantName kindName completedAt } } } }`;
    const { body } = await stack.graphql(query, { code: GUIDE });
    expect(body.errors).toBeUndefined();
    const node = body.data.publicResults.edges.find((edge: { node: { caseNumber: string } }) => edge.node.caseNumber === caseNumber)?.node;
    expect(node).toMatchObject({ applicantName: '王*', kindName: '出证办结' });
  });

  it('gives the auditor the whole history in one query', async () => {
    const query = /* GraphQL */ `query($n: ID!) { case(caseNumber: $n) {
      state guideVersion { number guide { name } } applicant { name }
      records { version action stepName occurredAt handlerId opinion }
      specialProcedures { kind }
      deadlines { legal { due overdue } promised { due overdue overdueWorkingDays } }
      result { kind documentNumber deliveryMethod opinion }
    } }`;
    const { body } = await stack.graphql(query, { n: caseNumber }, { as: 'auditor-hejing' });
    expect(body.errors).toBeUndefined();
    const history = body.data.case;
    expect(history.records.map((record: { version: number }) => record.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(history.guideVersion.guide.name).toBe('旅馆业特种行业许可证核发');
    expect(history.result).toMatchObject({ kind: 'CERTIFICATE_ISSUED', documentNumber: '勉公特字〔2026〕001号', deliveryMethod: 'WINDOW' });
    expect(history.deadlines.promised.overdue).toBe(false);
  });

  it('leaves every write and every disclosure in the access logs, chains intact, for auditors only', async () => {
    const query = /* GraphQL */ `query($n: String!) {
      casesAccessLog(filter: { resourceId: $n }, first: 50) { edges { node { action actorKind fields } } }
      verifyCasesAccessLog { ok entries }
      resultsAccessLog(filter: { resourceId: $n }) { edges { node { action actorKind actorSubject } } }
      verifyResultsAccessLog { ok }
    }`;
    const { body } = await stack.graphql(query, { n: caseNumber }, { as: 'auditor-hejing' });
    expect(body.errors).toBeUndefined();
    const entries = body.data.casesAccessLog.edges.map((edge: { node: { action: string; actorKind: string } }) => `${edge.node.action}:${edge.node.actorKind}`);
    expect(entries.filter((entry: string) => entry === 'WRITE:STAFF')).toHaveLength(7);
    expect(entries).toContain('WRITE:NATURAL_PERSON');
    expect(entries).toContain('READ:AUDITOR');
    expect(body.data.verifyCasesAccessLog.ok).toBe(true);
    expect(body.data.resultsAccessLog.edges.map((edge: { node: unknown }) => edge.node)).toEqual([{ action: 'WRITE', actorKind: 'SERVICE', actorSubject: 'cases' }]);
    expect(body.data.verifyResultsAccessLog.ok).toBe(true);
    const staff = await stack.graphql(query, { n: caseNumber }, { as: 'police-zhangwei' });
    expect(staff.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('lists the case in the applicant’s myCases and hides it from other citizens', async () => {
    const query = /* GraphQL */ `query($n: ID!) { myCases { totalCount edges { node { caseNumber } } } case(caseNumber: $n) { caseNumber } }`;
    const own = await stack.graphql(query, { n: caseNumber }, { as: 'wangfang' });
    expect(own.body.data.myCases.edges.map((edge: { node: { caseNumber: string } }) => edge.node.caseNumber)).toContain(caseNumber);
    expect(own.body.data.case.caseNumber).toBe(caseNumber);
    const other = await stack.graphql(query, { n: caseNumber }, { as: 'lijun' });
    expect(other.body.data.case).toBeNull();
    expect(other.body.data.myCases.edges.map((edge: { node: { caseNumber: string } }) => edge.node.caseNumber)).not.toContain(caseNumber);
  });
});

describe('refusals store nothing and name the field', () => {
  const countMine = async () => (await stack.graphql('{ myCases { totalCount } }', {}, { as: 'zhaomin' })).body.data.myCases.totalCount as number;

  it.each([
    ['a missing required material', { materials: MATERIALS.filter((material) => material.materialId !== 'M01') }, 'input.materials'],
    ['an unknown material', { materials: [...MATERIALS, { ...MATERIALS[0]!, materialId: 'M99' }] }, 'input.materials[6].materialId'],
    ['content that is not what it says', { materials: [{ ...MATERIALS[0]!, contentBase64: PNG }, ...MATERIALS.slice(1)] }, 'input.materials[0].contentType'],
    ['malformed base64', { materials: [{ ...MATERIALS[0]!, contentBase64: '***' }, ...MATERIALS.slice(1)] }, 'input.materials[0].contentBase64'],
    ['an implementation code that does not exist', { implementationCode: '610725000000TB7250054199' }, 'input.implementationCode'],
    ['an applicant who is someone else', { applicant: { kind: 'NATURAL_PERSON', name: '李军', idType: 'CITIZEN_ID', idNumber: LIJUN.idNumber } }, null],
  ])('refuses %s', async (_name, override, field) => {
    const before = await countMine();
    const { body } = await stack.graphql(
      SUBMIT,
      { input: { implementationCode: GUIDE, clientRequestId: `refused-${Math.random().toString(36).slice(2)}`, materials: MATERIALS, ...override } },
      { as: 'zhaomin' },
    );
    const error = body.errors?.[0];
    if (field === null) expect(error?.extensions.code).toBe('FORBIDDEN');
    else expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await countMine()).toBe(before);
  });

  it('refuses an illegal transition naming it and why, and a stale version', async () => {
    const { body: submitted } = await submit('e2e-illegal', 'zhaomin');
    const number = submitted.data.submitApplication.caseNumber;
    const illegal = await act(number, 'DECIDE', { expectedVersion: 1, decision: 'APPROVE', opinion: '准予' }, 'police-liuyang');
    expect(illegal.body.errors[0].extensions.code).toBe('ILLEGAL_TRANSITION');
    expect(illegal.body.errors[0].message).toContain('DECIDE is not allowed from SUBMITTED');
    const stale = await act(number, 'ACCEPT', { expectedVersion: 7 }, 'police-zhangwei');
    expect(stale.body.errors[0].extensions).toMatchObject({ code: 'VERSION_CONFLICT', field: 'input.expectedVersion' });
    const wrongRole = await act(number, 'ACCEPT', { expectedVersion: 1 }, 'police-liuyang');
    expect(wrongRole.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const otherAgency = await act(number, 'ACCEPT', { expectedVersion: 1 }, 'housing-sunli');
    expect(otherAgency.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseNumber' });
  });

  it('lets only one of two concurrent transitions on a case win', async () => {
    const { body: submitted } = await submit('e2e-race', 'zhaomin');
    const number = submitted.data.submitApplication.caseNumber;
    const outcomes = await Promise.all([
      act(number, 'ACCEPT', { expectedVersion: 1 }, 'police-zhangwei'),
      act(number, 'REJECT', { expectedVersion: 1, reason: '不属于受理范围' }, 'police-zhangwei'),
    ]);
    const won = outcomes.filter((outcome) => outcome.body.errors === undefined);
    expect(won).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.body.errors)!.body.errors[0].extensions.code).toBe('VERSION_CONFLICT');
  });
});

describe('case numbers under concurrency', () => {
  it('gives concurrent submissions distinct, consecutive-or-gapped numbers', async () => {
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => submit(`e2e-concurrent-${i}`, 'lijun')));
    const numbers = outcomes.map((outcome) => outcome.body.data.submitApplication.caseNumber as string);
    expect(new Set(numbers).size).toBe(12);
    for (const number of numbers) expect(number.slice(0, 24)).toBe(GUIDE);
  });
});

describe('the police work queue', () => {
  it('lists the agency’s open cases, most urgent first, and refuses citizens', async () => {
    const query = /* GraphQL */ `query { workQueue(filter: { states: [SUBMITTED, ACCEPTED] }, first: 50) { totalCount edges { node { caseNumber state owningAgency { uscc } } } } }`;
    const staff = await stack.graphql(query, {}, { as: 'police-zhangwei' });
    expect(staff.body.errors).toBeUndefined();
    expect(staff.body.data.workQueue.totalCount).toBeGreaterThan(0);
    for (const edge of staff.body.data.workQueue.edges) expect(edge.node.owningAgency.uscc).toBe(POLICE);
    const housing = await stack.graphql(query, {}, { as: 'housing-sunli' });
    expect(housing.body.data.workQueue.totalCount).toBe(0);
    const citizen = await stack.graphql(query, {}, { as: 'wangfang' });
    expect(citizen.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('the applicant’s part and special procedures', () => {
  it('takes a correction with files, stops the clock in a special procedure, and lets the applicant withdraw', async () => {
    const { body: submitted } = await submit('e2e-correction', 'zhaomin');
    const number = submitted.data.submitApplication.caseNumber;
    const ok = (response: { body: any }) => {
      expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
      return response.body.data.actOnCase.case;
    };
    let current = ok(await act(number, 'REQUEST_CORRECTION', { expectedVersion: 1, materials: ['营业执照'], reason: '复印件不清晰', dueAt: '2099-01-01T00:00:00+08:00' }, 'police-zhangwei'));
    expect(current.state).toBe('CORRECTION_REQUESTED');
    current = ok(
      await act(number, 'SUBMIT_CORRECTION', { expectedVersion: current.version, uploads: [{ ...MATERIALS[0]!, fileName: 'M01-clear.pdf', contentBase64: Buffer.from('%PDF-1.7\nclearer copy').toString('base64') }] }, 'zhaomin'),
    );
    expect(current.state).toBe('PRE_REVIEW');
    current = ok(await act(number, 'ACCEPT', { expectedVersion: current.version }, 'police-zhangwei'));
    current = ok(await act(number, 'START_STEP', { expectedVersion: current.version, step: 'REVIEW' }, 'police-liuyang'));
    current = ok(await act(number, 'SUSPEND', { expectedVersion: current.version, suspension: 'EXPERT_REVIEW', reason: '需组织专家评审' }, 'police-liuyang'));
    expect(current.state).toBe('SUSPENDED');
    expect(current.deadlines.promised.due).toBeNull();
    current = ok(await act(number, 'RESUME', { expectedVersion: current.version, opinion: '专家评审通过' }, 'police-liuyang'));
    expect(current.deadlines.promised.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const query = /* GraphQL */ `query($n: ID!) { case(caseNumber: $n) { version materials { fileName } specialProcedures { kind kindName endedAt outcome countsAgainstLimit } } }`;
    const { body } = await stack.graphql(query, { n: number }, { as: 'police-liuyang' });
    expect(body.data.case.materials.map((material: { fileName: string }) => material.fileName)).toContain('M01-clear.pdf');
    expect(body.data.case.specialProcedures).toEqual([{ kind: 'EXPERT_REVIEW', kindName: '专家评审', endedAt: expect.any(String), outcome: '专家评审通过', countsAgainstLimit: false }]);

    const staffWithdraw = await act(number, 'WITHDRAW', { expectedVersion: current.version }, 'police-zhangwei');
    expect(staffWithdraw.body.errors[0].extensions.code).toBe('FORBIDDEN');
    current = ok(await act(number, 'WITHDRAW', { expectedVersion: current.version, reason: '不再需要' }, 'zhaomin'));
    expect(current.state).toBe('WITHDRAWN');
  });
});

describe('the auditor’s history costs the same number of statements whatever the number of records', () => {
  it('reads a case of 5 records and one of 25 records with as many statements', async () => {
    // The store counts every statement, the background ones too (the outbox delivering the
    // observations of the writes just made, its poll, the correction sweep): the outbox is drained
    // first and the read is made three times, keeping the fewest, since background work only ever
    // adds statements. A read that grew with the records would grow in every one of the three.
    const statementsFor = async (caseNumber: string) => {
      const query = /* GraphQL */ `query($n: ID!) { case(caseNumber: $n) { records { version } specialProcedures { kind } materials { sha256 } deadlines { promised { due } } deferredMaterials } }`;
      await stack.cases.outbox.drain();
      let fewest = Number.POSITIVE_INFINITY;
      let records = 0;
      for (let read = 0; read < 3; read++) {
        const before = stack.cases.store.stats.statements;
        const { body } = await stack.graphql(query, { n: caseNumber }, { as: 'auditor-hejing' });
        expect(body.errors).toBeUndefined();
        fewest = Math.min(fewest, stack.cases.store.stats.statements - before);
        records = body.data.case.records.length;
      }
      return { statements: fewest, records };
    };
    const make = async (clientRequestId: string, reviewRounds: number) => {
      const { body } = await submit(clientRequestId, 'zhaomin');
      const number = body.data.submitApplication.caseNumber as string;
      let version = 1;
      const step = async (action: string, input: Record<string, unknown>, as: string) => {
        const response = await act(number, action, { expectedVersion: version, ...input }, as);
        expect(response.body.errors).toBeUndefined();
        version = response.body.data.actOnCase.case.version;
      };
      await step('PRE_REVIEW', {}, 'police-zhangwei');
      await step('ACCEPT', {}, 'police-zhangwei');
      for (let i = 0; i < reviewRounds; i++) {
        await step('START_STEP', { step: 'REVIEW' }, 'police-liuyang');
        await step('COMPLETE_STEP', { opinion: `第${i + 1}轮审查` }, 'police-liuyang');
      }
      return number;
    };
    const small = await statementsFor(await make('e2e-history-small', 1));
    const large = await statementsFor(await make('e2e-history-large', 11));
    expect(small.records).toBe(5);
    expect(large.records).toBe(25);
    expect(large.statements).toBe(small.statements);
  });
});

describe('补正超时驳回', () => {
  it('closes a case whose correction deadline passed, as of that deadline, and records the result', async () => {
    const { body: submitted } = await submit('e2e-timeout', 'zhaomin');
    const number = submitted.data.submitApplication.caseNumber;
    const dueAt = new Date(Date.now() + 1_000).toISOString();
    const asked = await act(number, 'REQUEST_CORRECTION', { expectedVersion: 1, materials: ['身份证明'], reason: '缺少身份证明', dueAt }, 'police-zhangwei');
    expect(asked.body.errors).toBeUndefined();
    await stack.cases.correctionTimeouts.run();
    const early = await stack.graphql('query($n: ID!) { case(caseNumber: $n) { state } }', { n: number }, { as: 'zhaomin' });
    expect(early.body.data.case.state).toBe('CORRECTION_REQUESTED');

    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await stack.cases.correctionTimeouts.run();
    await stack.cases.outbox.drain();
    const query = /* GraphQL */ `query($n: ID!) { case(caseNumber: $n) { state records { action occurredAt actorKind } result { kind status } } }`;
    const { body } = await stack.graphql(query, { n: number }, { as: 'zhaomin' });
    expect(body.data.case.state).toBe('COMPLETED');
    expect(body.data.case.records.at(-1)).toEqual({ action: 'CORRECTION_TIMEOUT', occurredAt: dueAt, actorKind: 'SYSTEM' });
    expect(body.data.case.result).toEqual({ kind: 'CORRECTION_TIMEOUT', status: '补正超时驳回' });
  });
});

describe('the window (窗口收件)', () => {
  const windowInput = (clientRequestId: string, extra: Record<string, unknown> = {}) => ({
    input: {
      implementationCode: GUIDE,
      clientRequestId,
      materials: MATERIALS,
      applicant: { kind: 'NATURAL_PERSON', name: '李军', idType: 'CITIZEN_ID', idNumber: LIJUN.idNumber },
      ...extra,
    },
  });

  it('files an escalated case (上报件) for an applicant in person, which is forwarded upward, and the applicant sees it', async () => {
    const { body } = await stack.graphql(SUBMIT, windowInput('window-escalated', { kind: 'ESCALATED' }), { as: 'police-zhangwei' });
    expect(body.errors).toBeUndefined();
    const number = body.data.submitApplication.caseNumber;
    expect(body.data.submitApplication.case).toMatchObject({ kind: 'ESCALATED', applicant: { name: '李军' } });
    let version = 1;
    for (const [action, input, as] of [
      ['ACCEPT', {}, 'police-zhangwei'],
      ['COMPLETE', { result: 'FORWARDED', opinion: '初审同意，转报市公安局' }, 'police-liuyang'],
    ] as const) {
      const response = await act(number, action, { expectedVersion: version, ...input }, as);
      expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
      version = response.body.data.actOnCase.case.version;
    }
    const mine = await stack.graphql('query($n: ID!) { case(caseNumber: $n) { state kind channel records { channel actorKind } } }', { n: number }, { as: 'lijun' });
    expect(mine.body.data.case).toMatchObject({ state: 'COMPLETED', kind: 'ESCALATED', channel: 'WINDOW' });
    expect(mine.body.data.case.records[0]).toEqual({ channel: 'WINDOW', actorKind: 'STAFF' });
  });

  it('refuses a window application without an applicant, from another agency or without the ACCEPT role, and a kind set online', async () => {
    const missing = await stack.graphql(SUBMIT, { input: { implementationCode: GUIDE, clientRequestId: 'window-no-applicant', materials: MATERIALS } }, { as: 'police-zhangwei' });
    expect(missing.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.applicant' });
    const housing = await stack.graphql(SUBMIT, windowInput('window-housing'), { as: 'housing-sunli' });
    expect(housing.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const reviewer = await stack.graphql(SUBMIT, windowInput('window-reviewer'), { as: 'police-liuyang' });
    expect(reviewer.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const online = await stack.graphql(SUBMIT, { input: { implementationCode: GUIDE, clientRequestId: 'online-kind', materials: MATERIALS, kind: 'ESCALATED' } }, { as: 'lijun' });
    expect(online.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kind' });
  });
});
