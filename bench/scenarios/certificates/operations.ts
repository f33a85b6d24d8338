import { citizenIdCheckDigit, makeUscc, organizationCodeCheckChar } from '../../../lib/codes/index.ts';
import { MIANXIAN_POLICE, MPS_USCC } from '../../../seeds/certificates/types.ts';
import type { GraphQLOperation } from '../../lib/graphql.ts';

/**
 * The GraphQL the certificates scenario sends, and the issuance inputs it builds: every issuance
 * names a holder no other request of the run names, under one of 勉县公安局's four certificate
 * types in turn, so nothing is ever refused as a repeat.
 */

export const POLICE = MIANXIAN_POLICE;

/** What a QR code's verification page or a third party asks: no sign-in. */
export const VERIFY = `query BenchVerify($identifier: String, $token: String) {
  verifyCertificate(identifier: $identifier, token: $token) { status reason identifier issuer { uscc } sealKeyId typeName validFrom validUntil supersededBy checkedOn }
}`;

export const ISSUE = `mutation BenchIssue($input: IssueCertificateInput!) {
  issueCertificate(input: $input) { identifier status version issuer { uscc } holder { codeType code } sealKeyId sealedToken }
}`;

export const verifyByIdentifier = (identifier: string): GraphQLOperation => ({ operationName: 'BenchVerify', query: VERIFY, variables: { identifier } });
export const verifyByToken = (token: string): GraphQLOperation => ({ operationName: 'BenchVerify', query: VERIFY, variables: { token } });

const COUNTY = '610725';
const DAY_MS = 86_400_000;
const BIRTH_DAYS = 18_000; // about 49 years of birth dates from 1950
const FIRST_BIRTH = Date.UTC(1950, 0, 1);

/** A GB 11643-valid citizen ID of 勉县, different for every `n` below 18,000,000. */
export function citizenIdFor(n: number): string {
  const birth = new Date(FIRST_BIRTH + (n % BIRTH_DAYS) * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');
  const sequence = String(Math.floor(n / BIRTH_DAYS) % 1000).padStart(3, '0');
  const first17 = `${COUNTY}${birth}${sequence}`;
  return first17 + citizenIdCheckDigit(first17);
}

/** A GB 32100-valid USCC of a 勉县 company ("BQ" + 6 digits: synthetic, apart from the seed's TBQ725nn), different for every `n` below 1,000,000. */
export function companyUsccFor(n: number): string {
  const body = `BQ${String(n % 1_000_000).padStart(6, '0')}`;
  return makeUscc({ registrationAuthority: '9', organizationType: '1', regionCode: COUNTY, organizationCode: body + organizationCodeCheckChar(body) });
}

const business = (n: number) => ({ businessName: `汉江${n}号宾馆`, legalRepresentative: '陈杰', address: `陕西省汉中市勉县勉阳街道定军路${n}号` });

/**
 * The police types of the sample catalogue (seeds/certificates/types.ts), in the order issuance
 * cycles through them, each with its surface data and holder for the request `n`.
 */
const POLICE_TYPES: ReadonlyArray<{ typeCode: string; input(n: number, today: string): Record<string, unknown> }> = [
  {
    typeCode: `${MPS_USCC}101`, // 特种行业许可证（旅馆业）
    input: (n) => ({ holder: { codeType: '001', code: companyUsccFor(n), name: `勉县汉江${n}号宾馆有限公司` }, surfaceData: { ...business(n), scope: '旅馆业', rooms: 24, beds: 40 } }),
  },
  {
    typeCode: `${MPS_USCC}102`, // 特种行业许可证（公章刻制业）
    input: (n) => ({ holder: { codeType: '001', code: companyUsccFor(n), name: `勉县${n}号刻章有限公司` }, surfaceData: { ...business(n), scope: '公章刻制业' } }),
  },
  {
    typeCode: `${MPS_USCC}103`, // 中华人民共和国机动车驾驶证: 111 holders, at most 10 years
    input: (n, today) => ({
      holder: { codeType: '111', code: citizenIdFor(n), name: '王芳' },
      surfaceData: {
        name: '王芳', sex: '女', nationality: '中国', address: `陕西省汉中市勉县勉阳街道武侯路${n}号`, birthDate: '1985-03-14',
        firstIssuedOn: today, vehicleClass: 'C1', fileNumber: String(610700000000 + (n % 100_000_000)),
      },
      validUntil: `${Number(today.slice(0, 4)) + 6}${today.slice(4)}`.replace(/-02-29$/, '-02-28'),
    }),
  },
  {
    typeCode: `${MPS_USCC}104`, // 公众聚集场所投入使用、营业前消防安全检查合格证
    input: (n) => ({
      holder: { codeType: '001', code: companyUsccFor(n), name: `勉县${n}号商贸有限公司` },
      surfaceData: { businessName: `勉县${n}号商场`, address: `陕西省汉中市勉县勉阳街道天荡山路${n}号`, usage: '商场', floorArea: 1200 },
    }),
  },
];

export const POLICE_TYPE_COUNT = POLICE_TYPES.length;

/** The issuance `n` of a run: type n mod 4, a holder no other n names; issued today, without a case. */
export function issuanceInput(n: number, today: string): Record<string, unknown> {
  const type = POLICE_TYPES[n % POLICE_TYPES.length]!;
  return { typeCode: type.typeCode, issuedOn: today, validFrom: today, ...type.input(n, today) };
}

export const issueOperation = (n: number, today: string): GraphQLOperation => ({ operationName: 'BenchIssue', query: ISSUE, variables: { input: issuanceInput(n, today) } });

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
