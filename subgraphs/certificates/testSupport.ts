import { postToSubgraph } from '../../tests/support/subgraphRequest.ts';
import type { JSONWebKeySet } from 'jose';
import { createInternalSigner, generateInternalKeyPair, type InternalSigner } from '../../lib/auth/internalToken.ts';
import { ANONYMOUS, type Principal } from '../../lib/auth/principal.ts';
import { citizenIdCheckDigit } from '../../lib/codes/citizenId.ts';
import { makeUscc } from '../../lib/codes/uscc.ts';
import { organizationCodeCheckChar } from '../../lib/codes/organizationCode.ts';
import type { SubgraphService } from '../../lib/http/startSubgraph.ts';
import { createLogger } from '../../lib/logger.ts';
import { MIANXIAN_HOUSING, MIANXIAN_POLICE, MOHURD_USCC, MPS_USCC } from '../../seeds/certificates/types.ts';
import { subgraphTestConfig } from '../../tests/support/stores.ts';
import type { CaseFacts, CasesSource } from '../cases/client/caseFacts.ts';
import { startCertificates } from './service.ts';

export { MIANXIAN_HOUSING as HOUSING, MIANXIAN_POLICE as POLICE };

/** Seeded sample types (seeds/certificates/types.ts). */
export const HOTEL = `${MPS_USCC}101`;
export const DRIVING = `${MPS_USCC}103`;
export const CONSTRUCTION = `${MOHURD_USCC}001`;
export const HOTEL_CODE = '610725000000TB7250054102';

const citizenId = (first17: string) => first17 + citizenIdCheckDigit(first17);
/** 王芳 and 李军 as the identity seed builds them; a company with a synthetic USCC. */
export const WANGFANG = citizenId('61072519850314022');
export const LIJUN = citizenId('61072519780921031');
export const COMPANY = makeUscc({ registrationAuthority: '9', organizationType: '1', regionCode: '610725', organizationCode: `TBQ72501${organizationCodeCheckChar('TBQ72501')}` });
export const OTHER_COMPANY = makeUscc({ registrationAuthority: '9', organizationType: '1', regionCode: '610725', organizationCode: `TBQ72502${organizationCodeCheckChar('TBQ72502')}` });

export const caseNumber = (sequence: number, code = HOTEL_CODE) => `${code}25${String(sequence).padStart(6, '0')}`;

/** The clock the harness starts at: 2025-06-01 in China. */
export const START = new Date('2025-06-01T02:00:00Z');

export const user = (kind: Principal['kind'], extra: Partial<Principal> = {}): Principal => ({
  ...ANONYMOUS,
  subject: `${kind.toLowerCase()}-1`,
  kind,
  ...extra,
});

export const policeStaff = user('STAFF', { subject: 'police-zhangwei', agency: MIANXIAN_POLICE, roles: ['ACCEPT', 'REVIEW', 'APPROVE'], idNumber: citizenId('61072519800101011') });
export const policeClerk = user('STAFF', { subject: 'police-clerk', agency: MIANXIAN_POLICE, roles: ['ACCEPT'] });
export const housingStaff = user('STAFF', { subject: 'housing-liu', agency: MIANXIAN_HOUSING, roles: ['ACCEPT', 'REVIEW', 'APPROVE'] });
export const policeSystem = user('DEPARTMENT_SYSTEM', { subject: 'dept-610725-police', agency: MIANXIAN_POLICE });
export const company = user('LEGAL_PERSON', { subject: 'lvyuan', uscc: COMPANY, name: '勉县汉江绿源农业开发有限公司' });
export const wangfang = user('NATURAL_PERSON', { subject: 'wangfang', idNumber: WANGFANG, name: '王芳' });
export const lijun = user('NATURAL_PERSON', { subject: 'lijun', idNumber: LIJUN, name: '李军' });
export const auditor = user('AUDITOR', { subject: 'auditor-hejing' });

/** A completed 特种行业许可证（旅馆业） case of the company, as the cases subgraph would describe it. */
export function hotelCase(sequence: number, overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    caseNumber: caseNumber(sequence),
    state: 'COMPLETED',
    owningAgency: MIANXIAN_POLICE,
    participatingAgencies: [],
    implementationCode: HOTEL_CODE,
    applicant: { kind: 'LEGAL_PERSON', name: '勉县汉江绿源农业开发有限公司', idType: 'USCC', idNumber: COMPANY },
    agent: null,
    result: { kind: 'CERTIFICATE_ISSUED', completedAt: '2025-05-30T02:00:00.000Z', documentName: '特种行业许可证（旅馆业）', documentNumber: `勉公特旅字〔2025〕${sequence}号` },
    ...overrides,
  };
}

/** A valid issueCertificate input for the hotel case `sequence`; `overrides` replace fields. */
export function hotelInput(sequence: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    typeCode: HOTEL,
    holder: { codeType: '001', code: COMPANY, name: '勉县汉江绿源农业开发有限公司' },
    surfaceData: { businessName: '汉江绿源宾馆', legalRepresentative: '陈杰', address: '陕西省汉中市勉县勉阳街道定军路12号', scope: '旅馆业', rooms: 24, beds: 40 },
    issuedOn: '2025-05-30',
    validFrom: '2025-05-30',
    caseNumber: caseNumber(sequence),
    documentNumber: `勉公特旅字〔2025〕${sequence}号`,
    ...overrides,
  };
}

/** A driving licence for 王芳, without a case. */
export function drivingInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    typeCode: DRIVING,
    holder: { codeType: '111', code: WANGFANG, name: '王芳' },
    surfaceData: {
      name: '王芳', sex: '女', nationality: '中国', address: '陕西省汉中市勉县勉阳街道武侯路8号', birthDate: '1985-03-14',
      firstIssuedOn: '2025-05-20', vehicleClass: 'C1', fileNumber: '610700123456',
    },
    issuedOn: '2025-05-20',
    validFrom: '2025-05-20',
    validUntil: '2031-05-20',
    ...overrides,
  };
}

export const CERTIFICATE_FIELDS = `identifier type { typeCode name } issuer { uscc } holder { codeType code name } surfaceData
  issuedOn validFrom validUntil status statusReason statusChangedAt statusChangedBy version
  supersedes { identifier } supersededBy { identifier } caseNumber documentNumber sealKeyId sealedToken`;

export const ISSUE = `mutation Issue($input: IssueCertificateInput!) { issueCertificate(input: $input) { ${CERTIFICATE_FIELDS} } }`;
export const VERIFY = `query Verify($identifier: String, $token: String) {
  verifyCertificate(identifier: $identifier, token: $token) {
    status reason identifier issuer { uscc } sealKeyId typeName validFrom validUntil supersededBy checkedOn
  }
}`;

export interface CertificatesHarness {
  service: SubgraphService;
  gateway: InternalSigner;
  /** The fake cases subgraph: case facts by number. */
  cases: Map<string, CaseFacts>;
  /** Moves the subgraph's clock. */
  setNow(at: Date): void;
  post(principal: Principal, query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: any }>;
  /** GETs a plain route as the gateway forwards it (with an internal token for an anonymous caller). */
  get(path: string): Promise<{ status: number; headers: Headers; body: any }>;
  issue(principal: Principal, input: Record<string, unknown>): Promise<any>;
  close(): Promise<void>;
}

/**
 * The certificates subgraph on a free port with its own store (in-memory PGlite, or a throw-away
 * schema in the PostgreSQL of DATABASE_URL), a fake cases subgraph and a clock the test moves.
 */
export async function startCertificatesHarness(kind: 'pglite' | 'postgres'): Promise<CertificatesHarness> {
  const { config, dropStore } = await subgraphTestConfig(kind, 'CERTIFICATES_DB_SCHEMA');
  const gatewayKeys = await generateInternalKeyPair();
  const internalKeys: JSONWebKeySet = { keys: [...gatewayKeys.publicJwks.keys] };
  const facts = new Map<string, CaseFacts>();
  const cases: CasesSource = { caseFacts: async (number) => facts.get(number) ?? null };
  let now = START;
  const service = await startCertificates({ config, logger: createLogger('silent'), port: 0, dataDir: null, internalKeys, cases, now: () => now });
  const gateway = await createInternalSigner(gatewayKeys.privateJwk, 60);
  const post: CertificatesHarness['post'] = (principal, query, variables = {}) =>
    postToSubgraph(service.url, gateway, principal, query, variables, { clientIp: '203.0.113.9', purpose: null });
  return {
    service,
    gateway,
    cases: facts,
    setNow: (at) => {
      now = at;
    },
    post,
    async get(path) {
      const token = await gateway.sign({ principal: ANONYMOUS, meta: { clientIp: null, purpose: null } });
      const response = await fetch(new URL(path, service.url), { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, headers: response.headers, body: await response.json() };
    },
    async issue(principal, input) {
      const { body } = await post(principal, ISSUE, { input });
      if (body.errors) throw new Error(`issueCertificate failed: ${JSON.stringify(body.errors)}`);
      return body.data.issueCertificate;
    },
    async close() {
      await service.close();
      await dropStore();
    },
  };
}
