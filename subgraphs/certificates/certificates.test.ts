import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCertificateIdentifier, makeCertificateIdentifier, mod37_36CheckChar } from '../../lib/codes/certificateId.ts';
import { ANONYMOUS } from '../../lib/auth/principal.ts';
import { storeKinds } from '../../tests/support/services.ts';
import {
  auditor, caseNumber, CERTIFICATE_FIELDS, COMPANY, company, drivingInput, DRIVING, HOTEL, hotelCase, hotelInput, HOUSING,
  housingStaff, ISSUE, lijun, OTHER_COMPANY, POLICE, policeClerk, policeStaff, policeSystem, START, startCertificatesHarness, user, VERIFY,
  wangfang, WANGFANG, type CertificatesHarness,
} from './testSupport.ts';

const READ = `query Read($identifier: ID!) { certificate(identifier: $identifier) { ${CERTIFICATE_FIELDS} } }`;
const WALLET = `query Wallet($first: Int, $after: String, $includeInactive: Boolean) {
  myCertificates(first: $first, after: $after, includeInactive: $includeInactive) {
    edges { cursor node { identifier status holder { code } } } pageInfo { hasNextPage endCursor }
  }
}`;
const REVOKE = `mutation Revoke($identifier: ID!, $reason: String!) { revokeCertificate(identifier: $identifier, reason: $reason) { ${CERTIFICATE_FIELDS} } }`;
const CANCEL = `mutation Cancel($identifier: ID!, $reason: String!) { cancelCertificate(identifier: $identifier, reason: $reason) { identifier status statusReason } }`;
const REPLACE = `mutation Replace($identifier: ID!, $input: ReplaceCertificateInput!) { replaceCertificate(identifier: $identifier, input: $input) { ${CERTIFICATE_FIELDS} } }`;
const ROTATE = `mutation Rotate($agency: ID!) { rotateSealKey(agency: $agency) { kid agency { uscc } algorithm createdAt retiredAt } }`;
const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on CaseResult { caseNumber certificate { identifier version status } }
    ... on Certificate { identifier status }
  }
}`;

/** Changes one character in the middle of a JWS's payload part, keeping it base64url. */
function flipPayloadCharacter(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const i = Math.floor(payload.length / 2);
  const replacement = payload[i] === 'A' ? 'B' : 'A';
  return `${header}.${payload.slice(0, i)}${replacement}${payload.slice(i + 1)}.${signature}`;
}

describe.each(storeKinds())('certificates subgraph on %s', (kind) => {
  let h: CertificatesHarness;
  beforeAll(async () => {
    h = await startCertificatesHarness(kind);
    for (let i = 1; i <= 40; i++) h.cases.set(caseNumber(i), hotelCase(i));
  });
  afterAll(async () => h?.close());

  const rowCount = async () => Number((await h.service.store.query<{ n: string | number }>('SELECT count(*) AS n FROM certificate')).rows[0]!.n);
  const logOf = async (identifier: string) =>
    (await h.service.store.query<{ action: string; actor_subject: string; fields: string[] }>(
      "SELECT action, actor_subject, fields FROM access_log WHERE resource_type = 'certificate' AND resource_id = $1 ORDER BY sequence",
      [identifier],
    )).rows;
  const verify = async (variables: Record<string, unknown>) => {
    const { body } = await h.post(ANONYMOUS, VERIFY, variables);
    expect(body.errors).toBeUndefined();
    return body.data.verifyCertificate;
  };

  describe('certificate types', () => {
    it('lists the seeded sample types to anyone, with fields, holders, issuers and validity', async () => {
      const { body } = await h.post(ANONYMOUS, '{ certificateTypes { typeCode name holderCodeTypes issuingAgencies { uscc } implementationCodes surfaceFields { name label type required maxLength values } validityYears sample } }');
      expect(body.errors).toBeUndefined();
      const types = body.data.certificateTypes;
      expect(types.map((type: any) => type.name).sort()).toEqual(
        ['中华人民共和国机动车驾驶证', '公众聚集场所投入使用、营业前消防安全检查合格证', '商品房预售许可证', '建筑工程施工许可证', '特种行业许可证（公章刻制业）', '特种行业许可证（旅馆业）'].sort(),
      );
      const driving = types.find((type: any) => type.typeCode === DRIVING);
      expect(driving).toMatchObject({ holderCodeTypes: ['111'], issuingAgencies: [{ uscc: POLICE }], implementationCodes: ['610725000000TB7250054120'], validityYears: 10, sample: true });
      expect(driving.surfaceFields.find((field: any) => field.name === 'vehicleClass')).toMatchObject({ label: '准驾车型', type: 'ENUM', required: true });
    });

    it('loads the seed idempotently: a second load changes nothing', async () => {
      const { loadCertificateTypes } = await import('../../seeds/certificates/load.ts');
      await loadCertificateTypes(h.service.store);
      const { rows } = await h.service.store.query<{ n: string | number }>('SELECT count(*) AS n FROM certificate_type');
      expect(Number(rows[0]!.n)).toBe(6);
    });
  });

  describe('issueCertificate', () => {
    it('issues a sealed certificate from a completed case, with a well-formed identifier and a WRITE in the access log', async () => {
      const certificate = await h.issue(policeStaff, hotelInput(1));
      expect(certificate).toMatchObject({
        type: { typeCode: HOTEL, name: '特种行业许可证（旅馆业）' },
        issuer: { uscc: POLICE },
        holder: { codeType: '001', code: COMPANY, name: '勉县汉江绿源农业开发有限公司' },
        surfaceData: { businessName: '汉江绿源宾馆', rooms: 24, beds: 40, scope: '旅馆业' },
        issuedOn: '2025-05-30',
        validFrom: '2025-05-30',
        validUntil: null,
        status: 'ACTIVE',
        version: 1,
        supersedes: null,
        supersededBy: null,
        caseNumber: caseNumber(1),
        documentNumber: '勉公特旅字〔2025〕1号',
      });
      expect(certificate.identifier).toMatch(new RegExp(`^1\\.2\\.156\\.3005\\.2\\.${HOTEL}\\.${POLICE}\\.0000000001\\.001\\.[0-9A-Z]$`));
      expect(checkCertificateIdentifier(certificate.identifier)).toEqual({ ok: true });
      const body = certificate.identifier.split('.').slice(5, 9).join('');
      expect(certificate.identifier.at(-1)).toBe(mod37_36CheckChar(body));
      expect(certificate.sealedToken.split('.')).toHaveLength(3);
      expect(await logOf(certificate.identifier)).toEqual([{ action: 'WRITE', actor_subject: 'police-zhangwei', fields: ['holder', 'surfaceData'] }]);
    });

    it('issues without a case, by the agency’s departmental system, numbering serials per type and issuer', async () => {
      const first = await h.issue(policeSystem, drivingInput());
      const second = await h.issue(policeSystem, drivingInput({ holder: { codeType: '111', code: lijun.idNumber, name: '李军' } }));
      expect(first.identifier.split('.')[7]).toBe('0000000001');
      expect(second.identifier.split('.')[7]).toBe('0000000002');
      expect(first).toMatchObject({ caseNumber: null, documentNumber: null, validUntil: '2031-05-20', holder: { codeType: '111', code: WANGFANG } });
    });

    it('issues one serial per issuance under concurrency', async () => {
      const issued = await Promise.all([10, 11, 12, 13].map((i) => h.issue(policeStaff, hotelInput(i))));
      expect(new Set(issued.map((certificate) => certificate.identifier.split('.')[7])).size).toBe(4);
    });

    it('refuses a second active certificate of the type from the same case, even when two race', async () => {
      const before = await rowCount();
      const { body } = await h.post(policeStaff, ISSUE, { input: hotelInput(1) });
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseNumber' });
      expect(body.errors[0].extensions.reason).toMatch(/already produced an active certificate/);
      const raced = await Promise.all([0, 1, 2].map(() => h.post(policeStaff, ISSUE, { input: hotelInput(20) })));
      expect(raced.filter(({ body }) => body.errors === undefined)).toHaveLength(1);
      expect(raced.filter(({ body }) => body.errors?.[0].extensions.field === 'caseNumber')).toHaveLength(2);
      expect(await rowCount()).toBe(before + 1);
    });

    const refusals: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['a malformed type code', { typeCode: 'HOTEL' }, 'typeCode', /21 characters/],
      ['an unknown type', { typeCode: `${HOTEL.slice(0, 18)}999` }, 'typeCode', /证照目录/],
      ['a holder code type other than 111 and 001', { holder: { codeType: '002', code: COMPANY, name: 'x' } }, 'holder.codeType', /111/],
      ['a holder of a kind the type is not issued to', { holder: { codeType: '111', code: WANGFANG, name: '王芳' } }, 'holder.codeType', /001/],
      ['a USCC with a wrong check character', { holder: { codeType: '001', code: `${COMPANY.slice(0, 17)}${COMPANY.endsWith('0') ? '1' : '0'}`, name: 'x' } }, 'holder.code', /check character/],
      ['a blank holder name', { holder: { codeType: '001', code: COMPANY, name: ' ' } }, 'holder.name', /required/],
      ['an unknown surface field', { surfaceData: { ...(hotelInput(2)['surfaceData'] as object), stars: 5 } }, 'surfaceData.stars', /not a field/],
      ['a missing required surface field', { surfaceData: { businessName: '汉江绿源宾馆', legalRepresentative: '陈杰', address: '勉县定军路12号', scope: '旅馆业' } }, 'surfaceData.rooms', /required/],
      ['a surface value outside its enum', { surfaceData: { ...(hotelInput(2)['surfaceData'] as object), scope: '洗浴业' } }, 'surfaceData.scope', /旅馆业/],
      ['a surface integer that is text', { surfaceData: { ...(hotelInput(2)['surfaceData'] as object), rooms: '24' } }, 'surfaceData.rooms', /whole number/],
      ['an over-long surface string', { surfaceData: { ...(hotelInput(2)['surfaceData'] as object), legalRepresentative: '陈'.repeat(51) } }, 'surfaceData.legalRepresentative', /50/],
      ['validity starting before the issue date', { issuedOn: '2025-05-30', validFrom: '2025-05-29' }, 'validFrom', /issuedOn/],
      ['validity ending before it starts', { validUntil: '2025-05-30' }, 'validUntil', /after validFrom/],
      ['an issue date in the future', { issuedOn: '2025-06-02', validFrom: '2025-06-02' }, 'issuedOn', /today/],
      ['a case number without a document number', { documentNumber: null }, 'documentNumber', /required with caseNumber/],
      ['a malformed case number', { caseNumber: '61072500000' }, 'caseNumber', /32/],
      ['an unknown case', { caseNumber: caseNumber(900) }, 'caseNumber', /not a known case/],
      ['a document number other than the result’s', { documentNumber: '勉公特旅字〔2025〕999号' }, 'documentNumber', /文书编号/],
      ['a holder who is not the applicant', { holder: { codeType: '001', code: OTHER_COMPANY, name: '勉县汉江绿源农业开发有限公司' } }, 'holder.code', /applicant/],
      ['a holder name other than the applicant’s', { holder: { codeType: '001', code: COMPANY, name: '别的公司' } }, 'holder.name', /applicant/],
    ];

    it.each(refusals)('refuses %s, naming the field, and stores nothing', async (_name, change, field, reason) => {
      const before = await rowCount();
      const { body } = await h.post(policeStaff, ISSUE, { input: hotelInput(2, change) });
      expect(body.data).toBeNull();
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(body.errors[0].extensions.reason).toMatch(reason);
      expect(await rowCount()).toBe(before);
    });

    it('lists every surface-data misfit at once', async () => {
      const { body } = await h.post(policeStaff, ISSUE, { input: hotelInput(2, { surfaceData: { stars: 5, rooms: -1, scope: '洗浴业' } }) });
      expect(body.errors[0].extensions.elements.map((element: any) => element.element).sort()).toEqual(['address', 'businessName', 'legalRepresentative', 'rooms', 'scope', 'stars']);
    });

    it('refuses a type the caller’s agency may not issue', async () => {
      const before = await rowCount();
      const { body } = await h.post(housingStaff, ISSUE, { input: hotelInput(2) });
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'typeCode' });
      expect(body.errors[0].extensions.reason).toMatch(/may not be issued by agency/);
      expect(await rowCount()).toBe(before);
    });

    it('refuses a case of another agency, an unfinished case, and one that did not end with a certificate', async () => {
      h.cases.set(caseNumber(30), hotelCase(30, { owningAgency: HOUSING }));
      h.cases.set(caseNumber(31), hotelCase(31, { state: 'ACCEPTED', result: null }));
      h.cases.set(caseNumber(32), hotelCase(32, { result: { kind: 'RETURNED', completedAt: '2025-05-30T02:00:00.000Z', documentName: null, documentNumber: '勉公特旅字〔2025〕32号' } }));
      for (const [sequence, reason] of [[30, /another agency/], [31, /not completed/], [32, /出证办结/]] as const) {
        const { body } = await h.post(policeStaff, ISSUE, { input: hotelInput(sequence) });
        expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseNumber' });
        expect(body.errors[0].extensions.reason).toMatch(reason);
      }
    });

    it('refuses a validity beyond the type’s years, and a missing one where the type has years', async () => {
      for (const [change, reason] of [[{ validUntil: '2035-05-21' }, /at most 10 years/], [{ validUntil: null }, /required/]] as const) {
        const { body } = await h.post(policeStaff, ISSUE, { input: drivingInput(change) });
        expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validUntil' });
        expect(body.errors[0].extensions.reason).toMatch(reason);
      }
    });

    it('refuses a citizen ID with a wrong check digit for a 111 holder', async () => {
      const wrong = `${WANGFANG.slice(0, 17)}${WANGFANG.endsWith('0') ? '1' : '0'}`;
      const { body } = await h.post(policeStaff, ISSUE, { input: drivingInput({ holder: { codeType: '111', code: wrong, name: '王芳' } }) });
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'holder.code' });
    });

    it.each([
      ['ANONYMOUS', ANONYMOUS, 'UNAUTHENTICATED'],
      ['NATURAL_PERSON', wangfang, 'FORBIDDEN'],
      ['LEGAL_PERSON', company, 'FORBIDDEN'],
      ['AUDITOR', auditor, 'FORBIDDEN'],
      ['CATALOG_ADMIN', user('CATALOG_ADMIN'), 'FORBIDDEN'],
    ] as const)('refuses %s', async (_name, principal, code) => {
      const { body } = await h.post(principal, ISSUE, { input: drivingInput() });
      expect(body.errors[0].extensions.code).toBe(code);
    });
  });

  describe('verifyCertificate', () => {
    let hotel: any;
    beforeAll(async () => {
      hotel = await h.issue(policeStaff, hotelInput(3));
    });

    it('answers VALID by identifier and by sealed token, with issuer, seal key, type name and validity, and nothing personal', async () => {
      for (const variables of [{ identifier: hotel.identifier }, { token: hotel.sealedToken }]) {
        const answer = await verify(variables);
        expect(answer).toEqual({
          status: 'VALID',
          reason: 'genuine and in force until revoked or cancelled',
          identifier: hotel.identifier,
          issuer: { uscc: POLICE },
          sealKeyId: hotel.sealKeyId,
          typeName: '特种行业许可证（旅馆业）',
          validFrom: '2025-05-30',
          validUntil: null,
          supersededBy: null,
          checkedOn: '2025-06-01',
        });
        expect(JSON.stringify(answer)).not.toContain(COMPANY);
      }
    });

    it('answers INVALID for a wrong check character (as an imported identifier would carry), with the reason', async () => {
      const last = hotel.identifier.at(-1);
      const wrong = `${hotel.identifier.slice(0, -1)}${last === '0' ? '1' : '0'}`;
      const answer = await verify({ identifier: wrong });
      expect(answer.status).toBe('INVALID');
      expect(answer.reason).toMatch(/check character should be/);
    });

    it.each([
      ['neither argument', {}, /exactly one/],
      ['both arguments', { identifier: 'x', token: 'y' }, /exactly one/],
      ['an identifier without the OID prefix', { identifier: '2.16.156.1' }, /prefix/],
      ['a token that is no JWS', { token: 'not a token' }, /compact JWS/],
      ['a token with a header that does not decode', { token: 'aaaa.bbbb.cccc' }, /header/],
      ['an unsigned token', { token: `${Buffer.from('{"alg":"none"}').toString('base64url')}.e30.` }, /./],
      ['an over-long token', { token: `${'a'.repeat(70_000)}.b.c` }, /longer/],
    ])('answers INVALID, never an error, for %s', async (_name, variables, reason) => {
      const answer = await verify(variables);
      expect(answer.status).toBe('INVALID');
      expect(answer.reason).toMatch(reason);
    });

    it('answers UNKNOWN for a well-formed identifier issued nowhere here', async () => {
      const parts = hotel.identifier.split('.');
      const serial = '9999999999';
      const body = `${parts[5]}${parts[6]}${serial}001`;
      const identifier = [...parts.slice(0, 7), serial, '001', mod37_36CheckChar(body)].join('.');
      expect((await verify({ identifier })).status).toBe('UNKNOWN');
    });

    it('answers TAMPERED when one character of the token’s payload changes', async () => {
      const answer = await verify({ token: flipPayloadCharacter(hotel.sealedToken) });
      expect(answer.status).toBe('TAMPERED');
      expect(answer.sealKeyId).toBe(hotel.sealKeyId);
    });

    it('answers TAMPERED for a genuine token whose stored row was edited, and by identifier too', async () => {
      const edited = await h.issue(policeStaff, hotelInput(4));
      await h.service.store.query(`UPDATE certificate SET surface_data = jsonb_set(surface_data, '{rooms}', '240') WHERE identifier = $1`, [edited.identifier]);
      expect((await verify({ identifier: edited.identifier })).status).toBe('TAMPERED');
      expect((await verify({ token: edited.sealedToken })).status).toBe('TAMPERED');
      await h.service.store.query(`UPDATE certificate SET valid_until = '2099-01-01' WHERE identifier = $1`, [edited.identifier]);
      expect((await verify({ identifier: edited.identifier })).status).toBe('TAMPERED');
    });

    it('answers TAMPERED for a token sealed with a key no agency holds', async () => {
      const { generateSealKey, seal } = await import('./seal.ts');
      const stranger = await generateSealKey();
      const forged = await seal(JSON.parse(Buffer.from(hotel.sealedToken.split('.')[1], 'base64url').toString('utf8')), stranger);
      const answer = await verify({ token: forged });
      expect(answer).toMatchObject({ status: 'TAMPERED', sealKeyId: stranger.kid });
    });

    it('answers EXPIRED after validUntil and NOT_YET_VALID before validFrom, by China’s date', async () => {
      const licence = await h.issue(policeStaff, drivingInput({ holder: { codeType: '111', code: WANGFANG, name: '王芳' }, validFrom: '2025-06-10', validUntil: '2026-06-10' }));
      expect((await verify({ identifier: licence.identifier })).status).toBe('NOT_YET_VALID');
      h.setNow(new Date('2026-06-10T15:59:00Z')); // 23:59 on 10 June in China: the last valid day
      expect((await verify({ identifier: licence.identifier })).status).toBe('VALID');
      h.setNow(new Date('2026-06-10T16:00:00Z')); // 00:00 on 11 June in China
      expect((await verify({ identifier: licence.identifier })).status).toBe('EXPIRED');
      const { body } = await h.post(wangfang, READ, { identifier: licence.identifier });
      expect(body.data.certificate.status).toBe('EXPIRED');
      h.setNow(START);
    });

    it('answers the plain HTTP route the gateway forwards (GET /certificates/verify) like the field', async () => {
      const { status, body } = await h.get(`/certificates/verify?identifier=${encodeURIComponent(hotel.identifier)}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'VALID', identifier: hotel.identifier, issuer: POLICE, sealKeyId: hotel.sealKeyId });
      expect((await h.get('/certificates/verify?token=abc')).body.status).toBe('INVALID');
    });
  });

  describe('revocation, cancellation and replacement', () => {
    it('revokes with reason, time and handler; verification then says REVOKED; a second revocation is refused', async () => {
      const certificate = await h.issue(policeStaff, hotelInput(5));
      const other = await h.post(housingStaff, REVOKE, { identifier: certificate.identifier, reason: '违法经营' });
      expect(other.body.errors[0].extensions.code).toBe('FORBIDDEN');
      const { body } = await h.post(policeStaff, REVOKE, { identifier: certificate.identifier, reason: '违法经营，依法吊销' });
      expect(body.errors).toBeUndefined();
      expect(body.data.revokeCertificate).toMatchObject({ status: 'REVOKED', statusReason: '违法经营，依法吊销', statusChangedAt: START.toISOString(), statusChangedBy: 'police-zhangwei' });
      const answer = await verify({ token: certificate.sealedToken });
      expect(answer.status).toBe('REVOKED');
      expect(answer.reason).toMatch(/违法经营/);
      const again = await h.post(policeStaff, REVOKE, { identifier: certificate.identifier, reason: '再次' });
      expect(again.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'identifier' });
      expect(again.body.errors[0].extensions.reason).toMatch(/revoked: only an active certificate/);
      expect((await logOf(certificate.identifier)).map((entry) => entry.action)).toEqual(['WRITE', 'WRITE']);
    });

    it('refuses a revocation without a reason, and of an identifier that is malformed or unknown', async () => {
      const certificate = await h.issue(policeStaff, hotelInput(6));
      const unknown = makeCertificateIdentifier({ typeCode: HOTEL, issuerUscc: POLICE, serial: '8888888888', version: 1 });
      for (const [identifier, reason, field] of [[certificate.identifier, ' ', 'reason'], ['1.2.156.3005.2.x', '违法', 'identifier'], [unknown, '违法', 'identifier']] as const) {
        const { body } = await h.post(policeStaff, REVOKE, { identifier, reason });
        expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      expect((await verify({ identifier: certificate.identifier })).status).toBe('VALID');
    });

    it('cancels (注销) an active certificate', async () => {
      const certificate = await h.issue(policeSystem, hotelInput(7));
      const { body } = await h.post(policeSystem, CANCEL, { identifier: certificate.identifier, reason: '申请人申请注销' });
      expect(body.data.cancelCertificate).toEqual({ identifier: certificate.identifier, status: 'CANCELLED', statusReason: '申请人申请注销' });
      expect((await verify({ identifier: certificate.identifier })).status).toBe('CANCELLED');
    });

    it('replaces with the next version under the same serial, superseding and linking both ways', async () => {
      const old = await h.issue(policeStaff, hotelInput(8));
      const { body } = await h.post(policeStaff, REPLACE, {
        identifier: old.identifier,
        input: { surfaceData: { ...(hotelInput(8)['surfaceData'] as object), rooms: 30 }, validFrom: '2025-06-01', reason: '变更客房数' },
      });
      expect(body.errors).toBeUndefined();
      const replacement = body.data.replaceCertificate;
      const [oldParts, newParts] = [old.identifier.split('.'), replacement.identifier.split('.')];
      expect(newParts.slice(0, 8)).toEqual(oldParts.slice(0, 8));
      expect(newParts[8]).toBe('002');
      expect(checkCertificateIdentifier(replacement.identifier).ok).toBe(true);
      expect(replacement).toMatchObject({ version: 2, status: 'ACTIVE', issuedOn: '2025-06-01', supersedes: { identifier: old.identifier }, caseNumber: caseNumber(8), surfaceData: { rooms: 30 } });
      const { body: read } = await h.post(policeStaff, READ, { identifier: old.identifier });
      expect(read.data.certificate).toMatchObject({ status: 'SUPERSEDED', statusReason: '变更客房数', supersededBy: { identifier: replacement.identifier } });
      expect(await verify({ identifier: old.identifier })).toMatchObject({ status: 'SUPERSEDED', supersededBy: replacement.identifier });
      expect((await verify({ token: replacement.sealedToken })).status).toBe('VALID');
      const again = await h.post(policeStaff, REPLACE, { identifier: old.identifier, input: { surfaceData: hotelInput(8)['surfaceData'], validFrom: '2025-06-01', reason: 'x' } });
      expect(again.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'identifier' });
      const entities = await h.post(auditor, ENTITIES, { representations: [{ __typename: 'CaseResult', caseNumber: caseNumber(8) }] });
      expect(entities.body.data._entities[0]).toEqual({ caseNumber: caseNumber(8), certificate: { identifier: replacement.identifier, version: 2, status: 'ACTIVE' } });
    });

    it('refuses a replacement whose surface data does not fit, and stores nothing', async () => {
      const old = await h.issue(policeStaff, hotelInput(9));
      const before = await rowCount();
      const { body } = await h.post(policeStaff, REPLACE, { identifier: old.identifier, input: { surfaceData: { rooms: 1 }, validFrom: '2025-06-01', reason: '变更' } });
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'surfaceData.businessName' });
      expect(await rowCount()).toBe(before);
      expect((await verify({ identifier: old.identifier })).status).toBe('VALID');
    });
  });

  describe('seal keys', () => {
    it('publishes every seal key at /seals/jwks.json with kid, alg, use and agency', async () => {
      const { status, headers, body } = await h.get('/seals/jwks.json');
      expect(status).toBe(200);
      expect(headers.get('content-type')).toMatch(/jwk-set\+json/);
      expect(body.keys.length).toBeGreaterThan(0);
      for (const key of body.keys) {
        expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
        expect(key.d).toBeUndefined();
        expect([POLICE, HOUSING]).toContain(key.agency);
      }
    });

    it('rotates only for APPROVE staff of the agency, and keeps every older certificate verifiable', async () => {
      const before = await h.issue(policeStaff, hotelInput(14));
      for (const [principal, code] of [[policeClerk, 'FORBIDDEN'], [housingStaff, 'FORBIDDEN'], [policeSystem, 'FORBIDDEN'], [auditor, 'FORBIDDEN']] as const) {
        const { body } = await h.post(principal, ROTATE, { agency: POLICE });
        expect(body.errors[0].extensions.code).toBe(code);
      }
      const { body } = await h.post(policeStaff, ROTATE, { agency: POLICE });
      expect(body.errors).toBeUndefined();
      const key = body.data.rotateSealKey;
      expect(key).toMatchObject({ agency: { uscc: POLICE }, algorithm: 'ES256', retiredAt: null });
      expect(key.kid).not.toBe(before.sealKeyId);
      const after = await h.issue(policeStaff, hotelInput(15));
      expect(after.sealKeyId).toBe(key.kid);
      expect((await verify({ token: before.sealedToken })).status).toBe('VALID');
      expect((await verify({ identifier: before.identifier })).status).toBe('VALID');
      const jwks = (await h.get('/seals/jwks.json')).body;
      const retired = jwks.keys.find((published: any) => published.kid === before.sealKeyId);
      expect(retired.retired_at).toBeDefined();
      expect(jwks.keys.find((published: any) => published.kid === key.kid).retired_at).toBeUndefined();
    });
  });

  describe('reads', () => {
    let hotel: any;
    let licence: any;
    beforeAll(async () => {
      hotel = await h.issue(policeStaff, hotelInput(16));
      licence = await h.issue(policeStaff, drivingInput({ holder: { codeType: '111', code: lijun.idNumber, name: '李军' } }));
    });

    it('shows a certificate whole to its holder without logging, and to the issuing agency and auditors with a READ', async () => {
      for (const principal of [company, policeStaff, policeSystem, auditor]) {
        const { body } = await h.post(principal, READ, { identifier: hotel.identifier });
        expect(body.errors).toBeUndefined();
        expect(body.data.certificate).toMatchObject({ identifier: hotel.identifier, holder: { code: COMPANY }, surfaceData: { businessName: '汉江绿源宾馆' } });
      }
      const reads = (await logOf(hotel.identifier)).filter((entry) => entry.action === 'READ');
      expect(reads.map((entry) => entry.actor_subject)).toEqual(['police-zhangwei', 'dept-610725-police', 'auditor-hejing']);
    });

    it('answers null to anyone else: another person, another company, another agency', async () => {
      for (const principal of [wangfang, user('LEGAL_PERSON', { uscc: OTHER_COMPANY }), housingStaff]) {
        const { body } = await h.post(principal, READ, { identifier: hotel.identifier });
        expect(body.errors).toBeUndefined();
        expect(body.data.certificate).toBeNull();
      }
      const { body } = await h.post(ANONYMOUS, READ, { identifier: hotel.identifier });
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a malformed identifier naming the field', async () => {
      const { body } = await h.post(auditor, READ, { identifier: 'abc' });
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'identifier' });
    });

    it('lists the holder’s wallet, paged, active only unless asked; an agent sees whom it acts for, logged', async () => {
      const { body } = await h.post(lijun, WALLET, {});
      expect(body.data.myCertificates.edges.map((edge: any) => edge.node.identifier)).toContain(licence.identifier);
      expect(body.data.myCertificates.edges.every((edge: any) => edge.node.holder.code === lijun.idNumber)).toBe(true);

      const all = await h.post(company, WALLET, { includeInactive: true, first: 100 });
      const active = await h.post(company, WALLET, { first: 100 });
      expect(all.body.data.myCertificates.edges.length).toBeGreaterThan(active.body.data.myCertificates.edges.length);
      expect(active.body.data.myCertificates.edges.every((edge: any) => edge.node.status === 'ACTIVE')).toBe(true);

      const first = await h.post(company, WALLET, { first: 2 });
      expect(first.body.data.myCertificates.pageInfo.hasNextPage).toBe(true);
      const next = await h.post(company, WALLET, { first: 2, after: first.body.data.myCertificates.pageInfo.endCursor });
      const seen = [...first.body.data.myCertificates.edges, ...next.body.data.myCertificates.edges].map((edge: any) => edge.node.identifier);
      expect(new Set(seen).size).toBe(4);

      const agent = user('NATURAL_PERSON', { subject: 'chenjie', idNumber: '610725199001120514', actingFor: { kind: 'LEGAL_PERSON', code: COMPANY, name: '勉县汉江绿源农业开发有限公司' } });
      const { body: agentBody } = await h.post(agent, WALLET, { first: 100 });
      expect(agentBody.data.myCertificates.edges.map((edge: any) => edge.node.identifier)).toContain(hotel.identifier);
      expect((await logOf(hotel.identifier)).some((entry) => entry.actor_subject === 'chenjie' && entry.action === 'READ')).toBe(true);

      for (const principal of [policeStaff, auditor]) {
        const { body: refused } = await h.post(principal, WALLET, {});
        expect(refused.errors[0].extensions.code).toBe('FORBIDDEN');
      }
    });

    it('resolves CaseResult.certificate in one batch, null for a case without one, and Certificate entities by the same rule', async () => {
      const representations = [
        { __typename: 'CaseResult', caseNumber: caseNumber(16) },
        { __typename: 'CaseResult', caseNumber: caseNumber(39) },
        { __typename: 'Certificate', identifier: hotel.identifier },
      ];
      const { body } = await h.post(auditor, ENTITIES, { representations });
      expect(body.errors).toBeUndefined();
      expect(body.data._entities).toEqual([
        { caseNumber: caseNumber(16), certificate: { identifier: hotel.identifier, version: 1, status: 'ACTIVE' } },
        { caseNumber: caseNumber(39), certificate: null },
        { identifier: hotel.identifier, status: 'ACTIVE' },
      ]);
      const { body: stranger } = await h.post(wangfang, ENTITIES, { representations });
      expect(stranger.data._entities).toEqual([{ caseNumber: caseNumber(16), certificate: null }, { caseNumber: caseNumber(39), certificate: null }, null]);
    });

    it('gives auditors the subgraph’s access log and a sound hash chain', async () => {
      const { body } = await h.post(auditor, '{ certificatesAccessLog(first: 5) { edges { node { action resourceType } } } verifyCertificatesAccessLog { ok } }');
      expect(body.errors).toBeUndefined();
      expect(body.data.certificatesAccessLog.edges).toHaveLength(5);
      expect(body.data.verifyCertificatesAccessLog.ok).toBe(true);
    });
  });
});
