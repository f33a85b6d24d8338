import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificateIdentifier } from '../../lib/codes/certificateId.ts';
import { storeKinds } from '../../tests/support/services.ts';
import {
  caseNumber, COMPANY, company, drivingInput, HOTEL, hotelCase, hotelInput, HOUSING, housingStaff, lijun, POLICE, policeStaff, policeSystem,
  startCertificatesHarness, user, wangfang, WANGFANG, type CertificatesHarness,
} from './testSupport.ts';

const SHARED = `query Shared($identifier: ID!, $caseNumber: ID!, $purpose: String!) {
  sharedCertificate(identifier: $identifier, caseNumber: $caseNumber, purpose: $purpose) {
    identifier holder { code name } surfaceData status type { name }
  }
}`;
const READS = `query Reads($first: Int, $after: String) {
  myCertificateReads(first: $first, after: $after) {
    edges { cursor node { at identifier typeName certificate { identifier } readerAgency { uscc } readerSubject readerName purpose caseNumber } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** 建筑工程施工许可证 of 勉县住建局: the housing agency's own cases. */
const CONSTRUCTION_CODE = '610725000000TB7250126102';
const PURPOSE = '核验申请人的特种行业许可证，免于提交复印件';

describe.each(storeKinds())('purpose-bound sharing (减材料) on %s', (kind) => {
  let h: CertificatesHarness;
  let hotel: string;
  let driving: string;
  const housingCase = caseNumber(1, CONSTRUCTION_CODE);
  const jointCase = caseNumber(2);
  const closedCase = caseNumber(3, CONSTRUCTION_CODE);
  const agentCase = caseNumber(4, CONSTRUCTION_CODE);
  const policeOwnCase = caseNumber(5);
  const housingStaff2 = { ...housingStaff, subject: 'housing-wang', name: '王磊' };

  beforeAll(async () => {
    h = await startCertificatesHarness(kind);
    h.cases.set(caseNumber(1), hotelCase(1));
    hotel = (await h.issue(policeStaff, hotelInput(1))).identifier;
    driving = (await h.issue(policeSystem, drivingInput())).identifier;
    const open = { state: 'IN_PROCESS', result: null };
    h.cases.set(housingCase, hotelCase(1, { ...open, caseNumber: housingCase, owningAgency: HOUSING, implementationCode: CONSTRUCTION_CODE }));
    // A joint case of the police in which the housing agency participates.
    h.cases.set(jointCase, hotelCase(2, { ...open, caseNumber: jointCase, participatingAgencies: [HOUSING] }));
    h.cases.set(closedCase, hotelCase(3, { caseNumber: closedCase, owningAgency: HOUSING, implementationCode: CONSTRUCTION_CODE }));
    // 王芳 applies for the company as its agent: the company's certificates are still not hers to share.
    h.cases.set(agentCase, hotelCase(4, {
      ...open, caseNumber: agentCase, owningAgency: HOUSING, implementationCode: CONSTRUCTION_CODE,
      applicant: { kind: 'NATURAL_PERSON', name: '李军', idType: 'CITIZEN_ID', idNumber: lijun.idNumber! },
      agent: { kind: 'LEGAL_PERSON', name: '勉县汉江绿源农业开发有限公司', idType: 'USCC', idNumber: COMPANY },
    }));
    h.cases.set(policeOwnCase, hotelCase(5, { ...open, caseNumber: policeOwnCase }));
  });
  afterAll(async () => h?.close());

  const readRows = async () => Number((await h.service.store.query<{ n: string | number }>('SELECT count(*) AS n FROM certificate_read')).rows[0]!.n);
  const share = (principal = housingStaff, identifier = hotel, number = housingCase, purpose = PURPOSE) =>
    h.post(principal, SHARED, { identifier, caseNumber: number, purpose });

  it('lets staff of another agency read the applicant’s certificate for their open case, logging purpose and case', async () => {
    const { body } = await share();
    expect(body.errors).toBeUndefined();
    expect(body.data.sharedCertificate).toMatchObject({ identifier: hotel, holder: { code: COMPANY }, status: 'ACTIVE', type: { name: '特种行业许可证（旅馆业）' } });
    const { rows } = await h.service.store.query<{ sequence: string | number; action: string; actor_subject: string; fields: string[]; purpose: string }>(
      "SELECT sequence, action, actor_subject, fields, purpose FROM access_log WHERE resource_type = 'certificate' AND resource_id = $1 AND action = 'READ'",
      [hotel],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_subject: 'housing-liu', fields: ['holder', 'surfaceData', `case:${housingCase}`], purpose: PURPOSE });
    const read = (await h.service.store.query<Record<string, unknown>>('SELECT * FROM certificate_read')).rows[0]!;
    expect(read).toMatchObject({ certificate_identifier: hotel, reader_agency: HOUSING, case_number: housingCase, purpose: PURPOSE });
    expect(Number(read['access_log_sequence'])).toBe(Number(rows[0]!.sequence));
  });

  it('lets a participating agency of a joint case read too', async () => {
    const { body } = await share(housingStaff2, hotel, jointCase, '联办件核验许可证');
    expect(body.errors).toBeUndefined();
    expect(body.data.sharedCertificate.identifier).toBe(hotel);
  });

  it('answers an unknown certificate and one the applicant does not hold alike, and stores nothing', async () => {
    const before = await readRows();
    const unknown = makeCertificateIdentifier({ typeCode: HOTEL, issuerUscc: POLICE, serial: '0000009999', version: 1 });
    const answers = await Promise.all([share(housingStaff, unknown), share(housingStaff, driving)]);
    for (const { body } of answers) {
      expect(body.data.sharedCertificate).toBeNull();
      expect(body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'the certificate is not one the case’s applicant holds' });
    }
    expect(answers[0]!.body.errors[0].message).toBe(answers[1]!.body.errors[0].message);
    expect(await readRows()).toBe(before);
  });

  it('refuses another agency’s case, an unknown case, a closed case, an agent’s certificate, a bad purpose and non-staff', async () => {
    const before = await readRows();
    const refusals: Array<[Awaited<ReturnType<typeof share>>, string, RegExp]> = [
      [await share(housingStaff, hotel, policeOwnCase), 'FORBIDDEN', /not a case of your agency/],
      [await share(housingStaff, hotel, caseNumber(99, CONSTRUCTION_CODE)), 'FORBIDDEN', /not a case of your agency/],
      [await share(housingStaff, hotel, closedCase), 'FORBIDDEN', /closed \(state COMPLETED\)/],
      [await share(housingStaff, hotel, agentCase), 'FORBIDDEN', /not one the case’s applicant holds/],
      [await share(housingStaff, hotel, housingCase, '看'), 'BAD_USER_INPUT', /2–200/],
      [await share(housingStaff, hotel, housingCase, '看'.repeat(201)), 'BAD_USER_INPUT', /2–200/],
      [await share(housingStaff, 'not-an-identifier'), 'BAD_USER_INPUT', /prefix/],
      [await share(company), 'FORBIDDEN', /may not certificate.readShared/],
      [await share(policeSystem, hotel, policeOwnCase), 'FORBIDDEN', /may not certificate.readShared/],
    ];
    for (const [{ body }, code, reason] of refusals) {
      expect(body.errors?.[0].extensions.code).toBe(code);
      expect(body.errors[0].extensions.reason).toMatch(reason);
    }
    expect(await readRows()).toBe(before);
  });

  it('lists the reads to the holder and its agent, newest first, page by page', async () => {
    const { body } = await h.post(company, READS, { first: 1 });
    expect(body.errors).toBeUndefined();
    const first = body.data.myCertificateReads;
    expect(first.edges).toHaveLength(1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.edges[0].node).toMatchObject({
      identifier: hotel, typeName: '特种行业许可证（旅馆业）', certificate: { identifier: hotel }, readerAgency: { uscc: HOUSING },
      readerSubject: 'housing-wang', readerName: '王磊', purpose: '联办件核验许可证', caseNumber: jointCase,
    });
    const { body: next } = await h.post(company, READS, { first: 5, after: first.pageInfo.endCursor });
    expect(next.data.myCertificateReads.edges.map((edge: any) => edge.node.caseNumber)).toEqual([housingCase]);
    expect(next.data.myCertificateReads.pageInfo.hasNextPage).toBe(false);

    const agent = user('NATURAL_PERSON', { subject: 'agent-1', idNumber: WANGFANG, actingFor: { kind: 'LEGAL_PERSON', code: COMPANY, name: '勉县汉江绿源农业开发有限公司' } });
    const { body: agentReads } = await h.post(agent, READS, {});
    expect(agentReads.data.myCertificateReads.edges).toHaveLength(2);
    const { body: mine } = await h.post(wangfang, READS, {});
    expect(mine.data.myCertificateReads.edges).toEqual([]);
    const { body: staff } = await h.post(housingStaff, READS, {});
    expect(staff.errors[0].extensions.code).toBe('FORBIDDEN');
    const { body: bad } = await h.post(company, READS, { after: 'nope' });
    expect(bad.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
