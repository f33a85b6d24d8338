import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificateIdentifier } from '../../lib/codes/certificateId.ts';
import { chinaDate } from '../../lib/time.ts';
import { findUserByUsername } from '../../seeds/identity/principals.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { HOTEL_GUIDE, MATERIALS, POLICE } from '../support/applications.ts';

/**
 * Electronic certificates (电子证照) tried as a new user would, through the gateway only:
 *
 * a license case (旅馆业特种行业许可证核发 of 勉县公安局) completes with a certificate; the police
 * issue the certificate from the case; it lands in the holder's wallet, with a printable rendition
 * whose QR code leads to the verification page; anyone can verify it by identifier, by sealed token,
 * over GraphQL and over plain GET, and offline with nothing but `jose` and the published JWKS; a
 * one-character change to the sealed surface data is TAMPERED; after revocation it is REVOKED; the
 * auditor sees the certificate in the case's result; bad input is refused naming the field and
 * stores nothing; a malformed token is INVALID, never an error.
 *
 * The certificate type of this item (特种行业许可证（旅馆业）, seeds/certificates/types.ts) is
 * held by a legal person (持证主体代码类型 001, a USCC): the application is filed by the citizen
 * 陈杰 acting for 勉县汉江绿源农业开发有限公司 (代理), so the company is the case's applicant and
 * the certificate's holder, and both the company and its agent see it in myCertificates.
 */
const GUIDE = HOTEL_GUIDE;
const HOTEL = '11100000000013338W101';
const COMPANY = findUserByUsername('lvyuan')!;
const WANGFANG = findUserByUsername('wangfang')!;


const SUBMIT = /* GraphQL */ `
  mutation Submit($input: ApplicationInput!) {
    submitApplication(input: $input) { caseNumber replayed case { state version applicant { kind name idType idNumber } } }
  }
`;
const ACT = /* GraphQL */ `
  mutation Act($caseNumber: ID!, $action: CaseAction!, $input: CaseActionInput!) {
    actOnCase(caseNumber: $caseNumber, action: $action, input: $input) { case { state version } }
  }
`;
const CERTIFICATE = `identifier type { typeCode name } issuer { uscc } holder { codeType code name } surfaceData
  issuedOn validFrom validUntil status statusReason statusChangedAt statusChangedBy version caseNumber documentNumber sealKeyId sealedToken`;
const ISSUE = `mutation Issue($input: IssueCertificateInput!) { issueCertificate(input: $input) { ${CERTIFICATE} } }`;
const REVOKE = `mutation Revoke($identifier: ID!, $reason: String!) { revokeCertificate(identifier: $identifier, reason: $reason) { identifier status statusReason statusChangedAt statusChangedBy } }`;
const VERIFY = /* GraphQL */ `
  query Verify($identifier: String, $token: String) {
    verifyCertificate(identifier: $identifier, token: $token) {
      status reason identifier issuer { uscc } sealKeyId typeName validFrom validUntil supersededBy checkedOn
    }
  }
`;
const WALLET = `query Wallet($includeInactive: Boolean) { myCertificates(first: 100, includeInactive: $includeInactive) { edges { node { identifier status holder { code } } } pageInfo { hasNextPage } } }`;

const today = chinaDate();
const year = today.slice(0, 4);
const DOCUMENT_NUMBER = `勉公特旅字〔${year}〕E2E001号`;
const SURFACE = {
  businessName: '汉江绿源宾馆',
  legalRepresentative: '陈杰',
  address: '陕西省汉中市勉县勉阳街道定军路12号',
  scope: '旅馆业',
  rooms: 24,
  beds: 40,
};

/** A certificate issued by the police without a case: the base the refusals below change one thing of. */
const standalone = (overrides: Record<string, unknown> = {}) => ({
  typeCode: HOTEL,
  holder: { codeType: '001', code: COMPANY.uscc, name: COMPANY.name },
  surfaceData: SURFACE,
  issuedOn: today,
  validFrom: today,
  ...overrides,
});

const base64url = {
  decode: (part: string) => Buffer.from(part, 'base64url').toString('utf8'),
  encode: (text: string) => Buffer.from(text, 'utf8').toString('base64url'),
};

let stack: Stack;
let origin: string;
beforeAll(async () => {
  stack = await startStack();
  origin = new URL(stack.gateway.url).origin;
}, 120_000);
afterAll(async () => stack?.close());

const ok = (body: any, what: string) => {
  expect(body.errors, `${what}: ${JSON.stringify(body.errors)}`).toBeUndefined();
  return body.data;
};

async function verify(variables: { identifier?: string; token?: string }) {
  const { status, body } = await stack.graphql(VERIFY, variables);
  expect(status).toBe(200);
  return ok(body, `verifyCertificate(${JSON.stringify(variables).slice(0, 80)})`).verifyCertificate;
}

async function wallet(as: string, includeInactive = true): Promise<Array<{ identifier: string; status: string; holder: { code: string } }>> {
  const data = ok((await stack.graphql(WALLET, { includeInactive }, { as })).body, `myCertificates as ${as}`);
  expect(data.myCertificates.pageInfo.hasNextPage).toBe(false);
  return data.myCertificates.edges.map((edge: { node: unknown }) => edge.node);
}

describe('a license case ends in a sealed certificate anyone can verify', () => {
  let caseNumber: string;
  let certificate: any;

  it('files a hotel license application as the company’s agent and completes it with a certificate (出证办结)', async () => {
    const { body } = await stack.graphql(
      SUBMIT,
      { input: { implementationCode: GUIDE, clientRequestId: 'e2e-certificate', materials: MATERIALS, formData: { 旅馆名称: '汉江绿源宾馆' } } },
      { as: 'chenjie' },
    );
    const receipt = ok(body, 'submitApplication').submitApplication;
    caseNumber = receipt.caseNumber;
    expect(receipt.case.applicant).toEqual({ kind: 'LEGAL_PERSON', name: COMPANY.name, idType: 'USCC', idNumber: COMPANY.uscc });

    let version = receipt.case.version as number;
    const step = async (action: string, input: Record<string, unknown>, as: string) => {
      const response = await stack.graphql(ACT, { caseNumber, action, input: { expectedVersion: version, ...input } }, { as });
      version = ok(response.body, action).actOnCase.case.version;
      return response.body.data.actOnCase.case;
    };
    await step('ACCEPT', { opinion: '材料齐全，予以受理' }, 'police-zhangwei');
    await step('START_STEP', { step: 'REVIEW' }, 'police-liuyang');
    await step('COMPLETE_STEP', { opinion: '经审查符合条件' }, 'police-liuyang');
    await step('START_STEP', { step: 'DECIDE' }, 'police-liuyang');
    await step('DECIDE', { decision: 'APPROVE', opinion: '准予许可' }, 'police-liuyang');
    const completed = await step(
      'COMPLETE',
      { result: 'CERTIFICATE_ISSUED', resultDocument: { name: '特种行业许可证（旅馆业）', number: DOCUMENT_NUMBER }, deliveryMethod: 'WINDOW' },
      'police-zhangwei',
    );
    expect(completed.state).toBe('COMPLETED');
    await stack.cases.outbox.drain();

    const history = await stack.graphql('query($n: ID!) { case(caseNumber: $n) { state result { kind documentNumber } } }', { n: caseNumber }, { as: 'auditor-hejing' });
    expect(ok(history.body, 'case').case).toEqual({ state: 'COMPLETED', result: { kind: 'CERTIFICATE_ISSUED', documentNumber: DOCUMENT_NUMBER } });
  });

  it('refuses a certificate dated before the case was completed', async () => {
    const { body } = await stack.graphql(
      ISSUE,
      { input: standalone({ caseNumber, documentNumber: DOCUMENT_NUMBER, issuedOn: '2019-01-01', validFrom: '2019-01-01' }) },
      { as: 'police-zhangwei' },
    );
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'issuedOn' });
    expect(await wallet('lvyuan')).toEqual([]);
  });

  it('lets the police issue the certificate from the case, sealed, with a well-formed identifier', async () => {
    expect(await wallet('lvyuan')).toEqual([]);
    const { body } = await stack.graphql(
      ISSUE,
      { input: standalone({ caseNumber, documentNumber: DOCUMENT_NUMBER }) },
      { as: 'police-zhangwei' },
    );
    certificate = ok(body, 'issueCertificate').issueCertificate;
    expect(certificate).toMatchObject({
      type: { typeCode: HOTEL, name: '特种行业许可证（旅馆业）' },
      issuer: { uscc: POLICE },
      holder: { codeType: '001', code: COMPANY.uscc, name: COMPANY.name },
      surfaceData: SURFACE,
      issuedOn: today,
      validFrom: today,
      validUntil: null,
      status: 'ACTIVE',
      version: 1,
      caseNumber,
      documentNumber: DOCUMENT_NUMBER,
    });
    expect(certificate.identifier).toMatch(new RegExp(`^1\\.2\\.156\\.3005\\.2\\.${HOTEL}\\.${POLICE}\\.\\d{10}\\.001\\.[0-9A-Z]$`));
    expect(decodeProtectedHeader(certificate.sealedToken)).toEqual({ alg: 'ES256', kid: certificate.sealKeyId, typ: 'tongban-certificate+jws' });
  });

  it('refuses a second certificate from the same case', async () => {
    const { body } = await stack.graphql(ISSUE, { input: standalone({ caseNumber, documentNumber: DOCUMENT_NUMBER }) }, { as: 'police-zhangwei' });
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseNumber' });
    expect(await wallet('lvyuan')).toHaveLength(1);
  });

  it('shows it in the holder’s myCertificates and in its agent’s, and in no one else’s', async () => {
    for (const as of ['lvyuan', 'chenjie']) {
      expect(await wallet(as, false)).toEqual([{ identifier: certificate.identifier, status: 'ACTIVE', holder: { code: COMPANY.uscc } }]);
    }
    expect((await wallet('wangfang')).map((entry) => entry.identifier)).not.toContain(certificate.identifier);
    const stranger = await stack.graphql('query($i: ID!) { certificate(identifier: $i) { identifier } }', { i: certificate.identifier }, { as: 'wangfang' });
    expect(ok(stranger.body, 'certificate as a stranger').certificate).toBeNull();
  });

  it('shows the certificate in the auditor’s case history (CaseResult.certificate)', async () => {
    const query = 'query($n: ID!) { case(caseNumber: $n) { result { kind certificate { identifier status } } } }';
    const { body } = await stack.graphql(query, { n: caseNumber }, { as: 'auditor-hejing' });
    expect(ok(body, 'case').case.result).toEqual({ kind: 'CERTIFICATE_ISSUED', certificate: { identifier: certificate.identifier, status: 'ACTIVE' } });
  });

  it('verifies it by identifier as VALID, with the issuer and the seal key, to anyone', async () => {
    const verification = await verify({ identifier: certificate.identifier });
    expect(verification).toMatchObject({
      status: 'VALID',
      identifier: certificate.identifier,
      issuer: { uscc: POLICE },
      sealKeyId: certificate.sealKeyId,
      typeName: '特种行业许可证（旅馆业）',
      validFrom: today,
      validUntil: null,
      supersededBy: null,
      checkedOn: today,
    });
    // No holder and no surface data in a public answer.
    expect(JSON.stringify(verification)).not.toContain(COMPANY.uscc);
    expect(JSON.stringify(verification)).not.toContain(SURFACE.businessName);
  });

  it('verifies its sealed token as VALID', async () => {
    expect(await verify({ token: certificate.sealedToken })).toMatchObject({
      status: 'VALID',
      identifier: certificate.identifier,
      issuer: { uscc: POLICE },
      sealKeyId: certificate.sealKeyId,
    });
  });

  it('says TAMPERED after a one-character change to the surface data inside the token’s payload', async () => {
    const [header, payload, signature] = certificate.sealedToken.split('.') as [string, string, string];
    const sealed = base64url.decode(payload);
    expect(JSON.parse(sealed).surfaceData).toEqual(SURFACE);
    // 定军路12号 → 定军路13号: one character of one surface value, the rest of the payload as sealed.
    const changedText = sealed.replace('定军路12号', '定军路13号');
    expect(changedText).not.toBe(sealed);
    expect([...changedText].filter((character, i) => character !== [...sealed][i])).toHaveLength(1);
    const tampered = `${header}.${base64url.encode(changedText)}.${signature}`;

    const verification = await verify({ token: tampered });
    expect(verification.status).toBe('TAMPERED');
    expect(verification.sealKeyId).toBe(certificate.sealKeyId);
    // The genuine token and the stored certificate are untouched.
    expect((await verify({ token: certificate.sealedToken })).status).toBe('VALID');
    expect((await verify({ identifier: certificate.identifier })).status).toBe('VALID');
  });

  it('serves the seal keys through the gateway at GET /seals/jwks.json', async () => {
    const response = await fetch(`${origin}/seals/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/jwk-set+json');
    const jwks = (await response.json()) as JSONWebKeySet;
    const key = jwks.keys.find((each) => each.kid === certificate.sealKeyId) as Record<string, unknown> | undefined;
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', agency: POLICE, created_at: expect.any(String) });
    // The key in use has no retirement time (the member is left out).
    expect(key!['retired_at'] ?? null).toBeNull();
    // Public keys only.
    for (const each of jwks.keys) expect(each).not.toHaveProperty('d');
  });

  it('verifies the sealed token offline with only jose and the JWKS fetched from the gateway', async () => {
    // What a third party runs: no Tongban code, only the token and the published keys.
    const jwks = (await (await fetch(`${origin}/seals/jwks.json`)).json()) as JSONWebKeySet;
    const token: string = certificate.sealedToken;
    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ typ: 'tongban-certificate+jws', alg: 'ES256' });
    const { payload } = await compactVerify(token, createLocalJWKSet(jwks), { algorithms: ['ES256'] });
    const sealed = JSON.parse(new TextDecoder().decode(payload));
    const key = jwks.keys.find((each) => each.kid === header.kid) as Record<string, unknown>;
    expect(key['agency']).toBe(sealed.issuer);
    expect(sealed).toEqual({
      identifier: certificate.identifier,
      typeCode: HOTEL,
      holder: { codeType: '001', code: COMPANY.uscc, name: COMPANY.name },
      surfaceData: SURFACE,
      issuedOn: today,
      validFrom: today,
      validUntil: null,
      issuer: POLICE,
    });

    // The same check refuses the one-character change.
    const [h, p, s] = token.split('.') as [string, string, string];
    const changed = `${h}.${base64url.encode(base64url.decode(p).replace('定军路12号', '定军路13号'))}.${s}`;
    await expect(compactVerify(changed, createLocalJWKSet(jwks), { algorithms: ['ES256'] })).rejects.toThrow();
  });

  it('answers GET /certificates/verify?identifier=… and ?token=… through the gateway like verifyCertificate', async () => {
    const byIdentifier = await fetch(`${origin}/certificates/verify?identifier=${encodeURIComponent(certificate.identifier)}`);
    expect(byIdentifier.status).toBe(200);
    expect(await byIdentifier.json()).toMatchObject({
      status: 'VALID',
      identifier: certificate.identifier,
      issuer: POLICE,
      sealKeyId: certificate.sealKeyId,
      typeName: '特种行业许可证（旅馆业）',
      checkedOn: today,
    });
    const byToken = await fetch(`${origin}/certificates/verify?token=${encodeURIComponent(certificate.sealedToken)}`);
    expect(byToken.status).toBe(200);
    expect(await byToken.json()).toMatchObject({ status: 'VALID', identifier: certificate.identifier });
    const garbage = await fetch(`${origin}/certificates/verify?token=garbage`);
    expect(garbage.status).toBe(200);
    expect(await garbage.json()).toMatchObject({ status: 'INVALID' });
  });

  it('renders a printable HTML certificate with a QR code (an <svg>) and the identifier, whose link verifies it', async () => {
    const { body } = await stack.graphql('query($i: ID!) { certificate(identifier: $i) { printableHtml } }', { i: certificate.identifier }, { as: 'lvyuan' });
    const html: string = ok(body, 'printableHtml').certificate.printableHtml;
    expect(html).toContain('<svg');
    expect(html).toContain(certificate.identifier);
    const link = `/certificates/verify?identifier=${encodeURIComponent(certificate.identifier)}`;
    expect(html).toContain(link);
    // The page the QR code leads to, through the gateway (PUBLIC_URL names the default port, the stack runs on a free one).
    const page = await fetch(`${origin}${link}&format=html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const text = await page.text();
    expect(text).toContain(certificate.identifier);
    expect(text).not.toContain(COMPANY.uscc);
  });

  it('says REVOKED after revokeCertificate, by identifier and by token, and the case shows it revoked', async () => {
    const { body } = await stack.graphql(REVOKE, { identifier: certificate.identifier, reason: '违法经营，依法吊销' }, { as: 'police-zhangwei' });
    expect(ok(body, 'revokeCertificate').revokeCertificate).toMatchObject({
      identifier: certificate.identifier,
      status: 'REVOKED',
      statusReason: '违法经营，依法吊销',
      statusChangedBy: expect.any(String),
      statusChangedAt: expect.any(String),
    });
    const byIdentifier = await verify({ identifier: certificate.identifier });
    expect(byIdentifier).toMatchObject({ status: 'REVOKED', identifier: certificate.identifier, issuer: { uscc: POLICE }, sealKeyId: certificate.sealKeyId });
    expect(byIdentifier.reason).toContain('违法经营，依法吊销');
    expect((await verify({ token: certificate.sealedToken })).status).toBe('REVOKED');
    const viaGet = await fetch(`${origin}/certificates/verify?identifier=${encodeURIComponent(certificate.identifier)}`);
    expect(await viaGet.json()).toMatchObject({ status: 'REVOKED' });

    // Gone from the active wallet, still listed with includeInactive.
    expect(await wallet('lvyuan', false)).toEqual([]);
    expect(await wallet('lvyuan', true)).toEqual([{ identifier: certificate.identifier, status: 'REVOKED', holder: { code: COMPANY.uscc } }]);

    const query = 'query($n: ID!) { case(caseNumber: $n) { result { certificate { identifier status } } } }';
    const history = await stack.graphql(query, { n: caseNumber }, { as: 'auditor-hejing' });
    expect(ok(history.body, 'case').case.result.certificate).toEqual({ identifier: certificate.identifier, status: 'REVOKED' });

    const again = await stack.graphql(REVOKE, { identifier: certificate.identifier, reason: '再次吊销' }, { as: 'police-zhangwei' });
    expect(again.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'identifier' });
  });
});

describe('bad input is refused naming the field, and nothing is stored', () => {
  const refusals: Array<[string, string, Record<string, unknown>, string, RegExp]> = [
    ['an unknown type', 'police-zhangwei', { typeCode: '11100000000013338W199' }, 'typeCode', /证照目录/],
    ['surface data that does not fit the type (text for a number)', 'police-zhangwei', { surfaceData: { ...SURFACE, rooms: '二十四' } }, 'surfaceData.rooms', /whole number/],
    ['surface data with a field the type does not have', 'police-zhangwei', { surfaceData: { ...SURFACE, stars: 3 } }, 'surfaceData.stars', /not a field/],
    ['surface data missing a required field', 'police-zhangwei', { surfaceData: { ...SURFACE, businessName: undefined } }, 'surfaceData.businessName', /required/],
    ['a surface value outside its enum', 'police-zhangwei', { surfaceData: { ...SURFACE, scope: '洗浴业' } }, 'surfaceData.scope', /旅馆业/],
    ['a citizen as holder of a certificate only companies hold', 'police-zhangwei', { holder: { codeType: '111', code: WANGFANG.idNumber, name: '王芳' } }, 'holder.codeType', /001/],
    ['a citizen ID given as a USCC', 'police-zhangwei', { holder: { codeType: '001', code: WANGFANG.idNumber, name: '王芳' } }, 'holder.code', /check character/],
    ['a holder code type that does not exist', 'police-zhangwei', { holder: { codeType: '999', code: COMPANY.uscc, name: COMPANY.name } }, 'holder.codeType', /111/],
    ['validity starting before the issue date', 'police-zhangwei', { issuedOn: today, validFrom: '2020-01-01' }, 'validFrom', /issuedOn/],
    ['validity ending before it starts', 'police-zhangwei', { validUntil: '2020-01-01' }, 'validUntil', /after validFrom/],
    ['an issue date in the future', 'police-zhangwei', { issuedOn: '2999-01-01', validFrom: '2999-01-01' }, 'issuedOn', /today/],
    ['issuance by an agency the type does not name (住房和城乡建设局)', 'housing-sunli', {}, 'typeCode', /may not be issued by agency/],
  ];

  it.each(refusals)('refuses %s', async (_name, as, change, field, reason) => {
    const before = { company: await wallet('lvyuan'), wangfang: await wallet('wangfang') };
    const input = standalone(change);
    const { body } = await stack.graphql(ISSUE, { input: JSON.parse(JSON.stringify(input)) }, { as });
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(body.errors[0].extensions.reason).toMatch(reason);
    expect(await wallet('lvyuan')).toEqual(before.company);
    expect(await wallet('wangfang')).toEqual(before.wangfang);
  });

  it('refuses issuance by the holder itself and by the public', async () => {
    const before = await wallet('lvyuan');
    const own = await stack.graphql(ISSUE, { input: standalone() }, { as: 'lvyuan' });
    expect(own.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const anonymous = await stack.graphql(ISSUE, { input: standalone() });
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await wallet('lvyuan')).toEqual(before);
  });

  it('answers a malformed token or identifier with INVALID and a reason, never an error', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'tongban-certificate+jws', kid: 'x' }));
    const cases: Array<Record<string, string>> = [
      { token: 'not-a-token' },
      { token: 'a.b.c' },
      { token: '' },
      { token: `${header}.${base64url.encode('{"identifier":"x"}')}.AAAA` },
      { token: '🙂.🙂.🙂' },
      { identifier: 'not-an-identifier' },
      { identifier: '1.2.156.3005.2.11100000000013338W101.11610725TB7250054A.0000000001.001.?' },
      {},
    ];
    for (const variables of cases) {
      const answer = await verify(variables);
      expect(answer.status, JSON.stringify(variables)).toBe('INVALID');
      expect(answer.reason.length).toBeGreaterThan(0);
    }
  });

  it('answers a well-formed identifier that was never issued with UNKNOWN', async () => {
    const identifier = makeCertificateIdentifier({ typeCode: HOTEL, issuerUscc: POLICE, serial: '0009999999', version: 1 });
    expect(await verify({ identifier })).toMatchObject({ status: 'UNKNOWN', identifier });
  });
});
