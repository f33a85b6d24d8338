import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInternalKeyPair, createInternalSigner, servicePrincipal } from '../../lib/auth/internalToken.ts';
import { ANONYMOUS } from '../../lib/auth/principal.ts';
import { storeKinds } from '../../tests/support/services.ts';
import { AGENCY, caseNumber, CODE, OTHER_CODE, RECORD, resultInput, startResultsHarness, user, type ResultsHarness } from './testSupport.ts';

const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Case { caseNumber result { caseNumber kind kindName status opinion completedAt deliveryMethodName published } }
    ... on CaseStatus { caseNumber result { kind kindName status completedAt documentName deliveryMethod } }
  }
}`;

const PUBLIC = `query Public($code: ID!, $first: Int, $after: String) {
  publicResults(implementationCode: $code, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { caseNumber caseName itemName implementationCode applicantName kind kindName status documentName completedAt } }
  }
}`;

describe.each(storeKinds())('results subgraph on %s', (kind) => {
  let h: ResultsHarness;
  beforeAll(async () => {
    h = await startResultsHarness(kind);
  });
  afterAll(async () => h?.close());

  const rowCount = async () => Number((await h.service.store.query<{ n: string | number }>('SELECT count(*) AS n FROM case_result')).rows[0]!.n);
  const writes = async (number: string) =>
    (await h.service.store.query("SELECT actor_subject, actor_kind, fields FROM access_log WHERE resource_type = 'case_result' AND resource_id = $1", [number])).rows;
  const caseResult = async (number: string) => {
    const { body } = await h.post(h.gateway, user('AUDITOR'), ENTITIES, { representations: [{ __typename: 'Case', caseNumber: number }] });
    expect(body.errors).toBeUndefined();
    return body.data._entities[0].result;
  };

  describe('recordCaseResult', () => {
    it('records a result and answers it with its names, the agency as a reference', async () => {
      const { status, body } = await h.record(resultInput());
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const result = body.data.recordCaseResult;
      expect(result).toMatchObject({
        caseNumber: caseNumber(1),
        agency: { uscc: AGENCY },
        implementationCode: CODE,
        kind: 'CERTIFICATE_ISSUED',
        kindName: '出证办结',
        status: '出证办结',
        opinion: '准予许可',
        reason: null,
        attachments: [{ name: '食品经营许可证', reference: 'certs/1.2.156.3005.2.0001' }],
        completedAt: '2025-03-11T02:00:00.000Z',
        documentName: '食品经营许可证',
        documentNumber: 'JY16107250000001',
        deliveryMethod: 'POST',
        deliveryMethodName: '邮寄送达',
        published: true,
      });
      expect(Date.parse(result.recordedAt)).not.toBeNaN();
      expect(await writes(caseNumber(1))).toEqual([{ actor_subject: 'cases', actor_kind: 'SERVICE', fields: ['applicantName'] }]);
    });

    it('stores only the masked applicant name', async () => {
      const { rows } = await h.service.store.query<Record<string, unknown>>('SELECT * FROM case_result WHERE case_number = $1', [caseNumber(1)]);
      expect(rows[0]!['applicant_masked']).toBe('王*');
      expect(JSON.stringify(rows[0])).not.toContain('王芳');
    });

    it('answers a redelivery of the same result with the stored one and changes nothing', async () => {
      const before = await rowCount();
      const first = await caseResult(caseNumber(1));
      const { rows } = await h.service.store.query<{ recorded_at: unknown }>('SELECT recorded_at FROM case_result WHERE case_number = $1', [caseNumber(1)]);
      // The outbox may deliver again; the same instant written with another offset is the same result.
      for (const input of [resultInput(), resultInput({ completedAt: '2025-03-11T02:00:00Z' }), resultInput({ completedAt: '2025-03-11T10:00:00.000+08:00' })]) {
        const { body } = await h.record(input);
        expect(body.errors).toBeUndefined();
        expect(body.data.recordCaseResult).toMatchObject({ caseNumber: caseNumber(1), completedAt: '2025-03-11T02:00:00.000Z', opinion: '准予许可' });
        expect(body.data.recordCaseResult.recordedAt).toBe(new Date(rows[0]!.recorded_at as string).toISOString());
      }
      expect(await rowCount()).toBe(before);
      expect(await caseResult(caseNumber(1))).toEqual(first);
      expect(await writes(caseNumber(1))).toHaveLength(1);
    });

    it('refuses a different result for a recorded case and keeps the first', async () => {
      const before = await caseResult(caseNumber(1));
      for (const change of [{ opinion: '不予许可' }, { kind: 'COMPLETED' }, { attachments: [] }, { deliveryMethod: null }, { completedAt: '2025-03-11T10:00:01+08:00' }]) {
        const { body } = await h.record(resultInput(change));
        expect(body.data).toBeNull();
        expect(body.errors[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'caseNumber',
          reason: 'a different result is already recorded for this case',
        });
      }
      expect(await caseResult(caseNumber(1))).toEqual(before);
      expect(await writes(caseNumber(1))).toHaveLength(1);
    });

    it('stores one result when deliveries race: identical ones all succeed, of different ones exactly one wins', async () => {
      const same = await Promise.all(Array.from({ length: 5 }, () => h.record(resultInput({ caseNumber: caseNumber(5) }))));
      expect(same.map(({ body }) => body.errors)).toEqual([undefined, undefined, undefined, undefined, undefined]);
      expect(new Set(same.map(({ body }) => body.data.recordCaseResult.recordedAt)).size).toBe(1);
      expect(await writes(caseNumber(5))).toHaveLength(1);

      const opinions = ['准予许可（一）', '准予许可（二）', '准予许可（三）', '准予许可（四）'];
      const raced = await Promise.all(opinions.map((opinion) => h.record(resultInput({ caseNumber: caseNumber(6), opinion }))));
      const winners = raced.filter(({ body }) => body.errors === undefined);
      expect(winners).toHaveLength(1);
      expect(raced.filter(({ body }) => body.errors?.[0].extensions.field === 'caseNumber')).toHaveLength(3);
      expect((await caseResult(caseNumber(6))).opinion).toBe(winners[0]!.body.data.recordCaseResult.opinion);
    });

    it('never updates a stored result, even from inside the store', async () => {
      await expect(h.service.store.query("UPDATE case_result SET opinion = 'x' WHERE case_number = $1", [caseNumber(1)])).rejects.toThrow(/immutable/);
    });

    const long = 'x'.repeat(2001);
    const refusals: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['a case number of the wrong length', { caseNumber: caseNumber(9).slice(0, 31) }, 'caseNumber', /32 characters/],
      ['a case number without a sequence', { caseNumber: `${CODE}25000000` }, 'caseNumber', /sequence/],
      ['a malformed implementation code', { implementationCode: '610725000000TB725005410X' }, 'implementationCode', /./],
      ['an implementation code other than the case number’s', { caseNumber: caseNumber(9), implementationCode: OTHER_CODE }, 'implementationCode', /case number/],
      ['an agency that is no USCC', { agency: '11610725TB7250054B' }, 'agency', /check character/],
      ['a blank case name', { caseName: '  ' }, 'caseName', /required/],
      ['an over-long item name', { itemName: long }, 'itemName', /2000/],
      ['an unknown item type', { itemType: 'PERMIT' }, 'itemType', /LICENSE/],
      ['a blank applicant', { applicantName: '' }, 'applicantName', /required/],
      ['a blank status', { status: ' ' }, 'status', /required/],
      ['an over-long opinion', { opinion: long }, 'opinion', /2000/],
      ['a blank reason', { reason: '' }, 'reason', /blank/],
      ['an attachment without a name', { attachments: [{ name: 'a', reference: 'r' }, { name: '', reference: 'r' }] }, 'attachments[1].name', /required/],
      ['an attachment with an over-long reference', { attachments: [{ name: 'a', reference: long }] }, 'attachments[0].reference', /2000/],
      ['too many attachments', { attachments: Array.from({ length: 201 }, () => ({ name: 'a', reference: 'r' })) }, 'attachments', /200/],
      ['a completion time without an offset', { completedAt: '2025-03-11T10:00:00' }, 'completedAt', /offset/],
      ['a completion time on a day that does not exist', { completedAt: '2025-02-30T10:00:00+08:00' }, 'completedAt', /ISO 8601/],
      ['an over-long document name', { documentName: long }, 'documentName', /2000/],
      ['a blank document number', { documentNumber: '' }, 'documentNumber', /blank/],
    ];

    it.each(refusals)('refuses %s, naming the field, and stores nothing', async (_name, change, field, reason) => {
      const before = await rowCount();
      const input = resultInput({ caseNumber: caseNumber(9), ...change });
      const { body } = await h.record(input);
      expect(body.data).toBeNull();
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0].extensions.field).toBe(field);
      expect(body.errors[0].extensions.reason).toMatch(reason);
      expect(await rowCount()).toBe(before);
      expect(await caseResult(input['caseNumber'] as string)).toBeNull();
    });

    it('refuses an enum value outside ResultKind and DeliveryMethod before it reaches a resolver', async () => {
      for (const change of [{ kind: 'DELETED' }, { deliveryMethod: 'PIGEON' }]) {
        const { status, body } = await h.record(resultInput({ caseNumber: caseNumber(9), ...change }));
        expect(status).toBe(400);
        expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      }
      expect(await caseResult(caseNumber(9))).toBeNull();
    });

    it.each([
      ['ANONYMOUS', ANONYMOUS, 'UNAUTHENTICATED'],
      ['NATURAL_PERSON', user('NATURAL_PERSON', { idNumber: '11010519491231002X' }), 'FORBIDDEN'],
      ['STAFF', user('STAFF', { agency: AGENCY, roles: ['ACCEPT', 'REVIEW', 'APPROVE'] }), 'FORBIDDEN'],
      ['DEPARTMENT_SYSTEM', user('DEPARTMENT_SYSTEM', { agency: AGENCY }), 'FORBIDDEN'],
      ['AUDITOR', user('AUDITOR'), 'FORBIDDEN'],
      ['CATALOG_ADMIN', user('CATALOG_ADMIN'), 'FORBIDDEN'],
    ] as const)('refuses %s through the gateway', async (_name, principal, code) => {
      const { body } = await h.post(h.gateway, principal, RECORD, { input: resultInput({ caseNumber: caseNumber(8) }) });
      expect(body.data).toBeNull();
      expect(body.errors[0].extensions.code).toBe(code);
      expect(await caseResult(caseNumber(8))).toBeNull();
    });

    it('refuses another subgraph’s service key: only cases records results', async () => {
      const { body } = await h.post(h.otherService, servicePrincipal('certificates'), RECORD, { input: resultInput({ caseNumber: caseNumber(8) }) });
      expect(body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'only the cases subgraph records case results' });
      expect(await caseResult(caseNumber(8))).toBeNull();
    });

    it('answers 401 to a SERVICE principal signed with the gateway key, and to cases’ key signing for a user', async () => {
      for (const [signer, principal] of [
        [h.gateway, servicePrincipal('cases')],
        [h.cases, user('AUDITOR')],
      ] as const) {
        const { status, body } = await h.post(signer, principal, RECORD, { input: resultInput({ caseNumber: caseNumber(8) }) });
        expect(status).toBe(401);
        expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
        expect(body.data).toBeUndefined();
      }
    });

    it('answers 401 to a cases key it does not know', async () => {
      const stranger = await createInternalSigner((await generateInternalKeyPair('cases')).privateJwk, 60);
      const { status } = await h.post(stranger, servicePrincipal('cases'), RECORD, { input: resultInput({ caseNumber: caseNumber(8) }) });
      expect(status).toBe(401);
      expect(await caseResult(caseNumber(8))).toBeNull();
    });
  });

  describe('entities', () => {
    beforeAll(async () => {
      for (const sequence of [2, 3, 4]) {
        const { body } = await h.record(resultInput({ caseNumber: caseNumber(sequence), completedAt: `2025-03-1${sequence}T09:00:00+08:00` }));
        expect(body.errors).toBeUndefined();
      }
    });

    it('resolves Case.result for a batch in one statement, null where nothing is recorded', async () => {
      const representations = [1, 2, 3, 4, 7].map((sequence) => ({ __typename: 'Case', caseNumber: caseNumber(sequence) }));
      const before = h.service.store.stats.statements;
      const { body } = await h.post(h.gateway, user('STAFF', { agency: AGENCY, roles: ['ACCEPT'] }), ENTITIES, { representations });
      expect(h.service.store.stats.statements - before).toBe(1);
      expect(body.errors).toBeUndefined();
      const entities = body.data._entities;
      expect(entities.map((entity: any) => entity.caseNumber)).toEqual(representations.map((r) => r.caseNumber));
      expect(entities[0].result).toMatchObject({ caseNumber: caseNumber(1), kind: 'CERTIFICATE_ISSUED', opinion: '准予许可', published: true });
      expect(entities[3].result.completedAt).toBe('2025-03-14T01:00:00.000Z');
      expect(entities[4].result).toBeNull();
    });

    it('resolves Case only for principals that may read cases at all', async () => {
      const representations = [{ __typename: 'Case', caseNumber: caseNumber(1) }];
      for (const [principal, code] of [
        [ANONYMOUS, 'UNAUTHENTICATED'],
        [user('CATALOG_ADMIN'), 'FORBIDDEN'],
      ] as const) {
        const { body } = await h.post(h.gateway, principal, ENTITIES, { representations });
        expect(body.errors[0].extensions.code).toBe(code);
        expect(body.data?._entities?.[0] ?? null).toBeNull();
      }
    });

    it('resolves CaseStatus.result for anyone, without opinion or personal data', async () => {
      const { body } = await h.post(h.gateway, ANONYMOUS, ENTITIES, {
        representations: [
          { __typename: 'CaseStatus', caseNumber: caseNumber(1) },
          { __typename: 'CaseStatus', caseNumber: caseNumber(7) },
        ],
      });
      expect(body.errors).toBeUndefined();
      expect(body.data._entities).toEqual([
        {
          caseNumber: caseNumber(1),
          result: {
            kind: 'CERTIFICATE_ISSUED',
            kindName: '出证办结',
            status: '出证办结',
            completedAt: '2025-03-11T02:00:00.000Z',
            documentName: '食品经营许可证',
            deliveryMethod: 'POST',
          },
        },
        { caseNumber: caseNumber(7), result: null },
      ]);
      const opinion = await h.post(h.gateway, ANONYMOUS, '{ _entities(representations: [{ __typename: "CaseStatus", caseNumber: "x" }]) { ... on CaseStatus { result { opinion } } } }');
      expect(opinion.status).toBe(400);
      expect(opinion.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });

  describe('publicResults (结果公示)', () => {
    // Completion times are chosen out of sequence order so the list's order is visibly by time.
    const published = [
      { sequence: 21, completedAt: '2025-05-01T09:00:00+08:00', applicantName: '欧阳娜娜', caseName: '欧阳娜娜食品经营许可申请' },
      { sequence: 22, completedAt: '2025-05-03T09:00:00+08:00', applicantName: '李华', kind: 'COMPLETED', status: '办结' },
      { sequence: 23, completedAt: '2025-05-02T09:00:00+08:00', applicantName: '张强' },
      // Same instant as 23: the case number breaks the tie, newest (highest) first.
      { sequence: 24, completedAt: '2025-05-02T01:00:00Z', applicantName: '赵六' },
    ];
    const hidden = [
      // The guide does not publish it.
      { sequence: 31, completedAt: '2025-06-01T09:00:00+08:00', publish: false },
      // Not granted: refusals and voided cases are no 准予 decision to publish.
      { sequence: 32, completedAt: '2025-06-02T09:00:00+08:00', kind: 'RETURNED', status: '退回办结', reason: '材料不符合法定形式' },
      { sequence: 33, completedAt: '2025-06-03T09:00:00+08:00', kind: 'VOIDED', status: '作废', reason: '重复申报' },
    ];

    beforeAll(async () => {
      for (const { sequence, ...fields } of [...published, ...hidden]) {
        const { body } = await h.record(resultInput({ caseNumber: caseNumber(sequence, OTHER_CODE), implementationCode: OTHER_CODE, ...fields }));
        expect(body.errors).toBeUndefined();
      }
    });

    const list = async (variables: Record<string, unknown>, principal = ANONYMOUS) => h.post(h.gateway, principal, PUBLIC, { code: OTHER_CODE, ...variables });

    it('lists granted public results of one implementation, newest completion first, applicants masked', async () => {
      const { body } = await list({});
      expect(body.errors).toBeUndefined();
      const page = body.data.publicResults;
      expect(page.totalCount).toBe(4);
      expect(page.pageInfo.hasNextPage).toBe(false);
      expect(page.edges.map((edge: any) => edge.node.caseNumber)).toEqual([22, 24, 23, 21].map((s) => caseNumber(s, OTHER_CODE)));
      expect(page.edges.map((edge: any) => edge.node.applicantName)).toEqual(['李*', '赵*', '张*', '欧***']);
      expect(page.edges[0].node).toEqual({
        caseNumber: caseNumber(22, OTHER_CODE),
        caseName: '食品经营许可（新办）',
        itemName: '食品经营许可',
        implementationCode: OTHER_CODE,
        applicantName: '李*',
        kind: 'COMPLETED',
        kindName: '办结',
        status: '办结',
        documentName: '食品经营许可证',
        completedAt: '2025-05-03T01:00:00.000Z',
      });
      // A case name that spells the applicant out is published with the masked name.
      expect(page.edges[3].node.caseName).toBe('欧***食品经营许可申请');
      expect(JSON.stringify(body)).not.toMatch(/李华|赵六|张强|欧阳娜娜/);
    });

    it('shows the first implementation’s results only under its own code', async () => {
      const { body } = await h.post(h.gateway, ANONYMOUS, PUBLIC, { code: CODE, first: 100 });
      const { totalCount, edges } = body.data.publicResults;
      expect(totalCount).toBe(edges.length);
      expect(edges.map((edge: any) => edge.node.caseNumber)).toContain(caseNumber(1));
      expect(edges.every((edge: any) => edge.node.implementationCode === CODE && edge.node.caseNumber.startsWith(CODE))).toBe(true);
    });

    it('pages with opaque cursors, to the same order', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const { body }: { body: any } = await list({ first: 1, after }, user('NATURAL_PERSON', { idNumber: '11010519491231002X' }));
        expect(body.errors).toBeUndefined();
        const page = body.data.publicResults;
        expect(page.edges).toHaveLength(1);
        expect(page.edges[0].cursor).toBe(page.pageInfo.endCursor);
        expect(page.pageInfo.endCursor).not.toContain(OTHER_CODE);
        seen.push(page.edges[0].node.caseNumber);
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        pages += 1;
      } while (after !== null && pages < 10);
      expect(seen).toEqual([22, 24, 23, 21].map((s) => caseNumber(s, OTHER_CODE)));
      const two = (await list({ first: 2 })).body.data.publicResults;
      const rest = (await list({ first: 2, after: two.pageInfo.endCursor })).body.data.publicResults;
      expect(two.pageInfo.hasNextPage).toBe(true);
      expect([...two.edges, ...rest.edges].map((edge: any) => edge.node.caseNumber)).toEqual(seen);
      expect(rest.pageInfo.hasNextPage).toBe(false);
    });

    it('answers first: 0 with the count and no edges', async () => {
      const { body } = await list({ first: 0 });
      expect(body.data.publicResults).toEqual({ totalCount: 4, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    });

    it('answers an implementation without results with an empty list', async () => {
      const { body } = await h.post(h.gateway, ANONYMOUS, PUBLIC, { code: '610725000000TB7250054199' });
      expect(body.data.publicResults).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    });

    it.each([
      ['first above 100', { first: 101 }, 'first'],
      ['a negative first', { first: -1 }, 'first'],
      ['a cursor it did not issue', { after: 'bm90LWEtY3Vyc29y' }, 'after'],
      ['a cursor that is not base64url', { after: 'a b' }, 'after'],
      ['a malformed implementation code', { code: '61072500000TB72500541' }, 'implementationCode'],
      ['an implementation code with a bad region', { code: '990725000000TB7250054101' }, 'implementationCode'],
    ])('refuses %s with BAD_USER_INPUT naming the argument', async (_name, variables, field) => {
      const { body } = await list(variables);
      expect(body.data).toBeNull();
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });

    it('shows the publication flag on the result itself', async () => {
      const { body } = await h.post(h.gateway, user('AUDITOR'), ENTITIES, {
        representations: [21, 31, 32].map((sequence) => ({ __typename: 'Case', caseNumber: caseNumber(sequence, OTHER_CODE) })),
      });
      expect(body.data._entities.map((entity: any) => entity.result.published)).toEqual([true, false, false]);
    });
  });
});
