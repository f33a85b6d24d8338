/**
 * The people and systems the development identity provider (idp/) signs in. DEVELOPMENT ONLY:
 * every name, ID number, USCC and phone number is synthetic (valid in form, checked by the
 * tests), and the usernames, passwords and client secrets are published in docs/identity.md.
 * A production deployment takes its principals from the province's unified identity platform.
 */
import { citizenIdCheckDigit, makeUscc, organizationCodeCheckChar } from '../../lib/codes/index.ts';
import type { PrincipalKind, Represented, StepRole } from '../../lib/auth/principal.ts';
import { buildCatalogSeed } from '../catalog/build.ts';
import { COUNTY_REGION_CODE } from '../catalog/regions.ts';

/** What the gateway learns about a principal from its token (lib/auth/principal.ts). */
export interface SeedIdentity {
  /** Stable and opaque: a real platform never reuses or changes it, so neither do we. */
  subject: string;
  kind: Exclude<PrincipalKind, 'ANONYMOUS'>;
  name: string;
  idNumber: string | null;
  uscc: string | null;
  agency: string | null;
  roles: string[];
  realNameLevel: 1 | 2 | 3 | 4 | null;
  actingFor: Represented | null;
}

/** A person or legal person who signs in with a username and password (password grant). */
export interface SeedUser extends SeedIdentity {
  kind: Exclude<PrincipalKind, 'ANONYMOUS' | 'DEPARTMENT_SYSTEM'>;
  /** Sample mobile number; not carried in tokens. */
  phone: string;
  username: string;
  /** Dev-only, published in docs/identity.md. */
  password: string;
}

/** A departmental system: an OAuth client that gets tokens with client credentials; its subject is its client_id. */
export interface SeedDepartmentSystem extends SeedIdentity {
  kind: 'DEPARTMENT_SYSTEM';
  clientId: string;
  /** Dev-only, published in docs/identity.md. */
  clientSecret: string;
}

const agencyUsccByName = new Map(buildCatalogSeed().agencies.map((agency) => [agency.name, agency.uscc]));

/** The USCC the catalog seed gives an agency, so that staff and systems point at real catalog rows. */
function agencyUscc(name: string): string {
  const uscc = agencyUsccByName.get(name);
  if (uscc === undefined) throw new RangeError(`${name} is not an agency of the catalog seed`);
  return uscc;
}

const POLICE = agencyUscc('勉县公安局');
const HOUSING = agencyUscc('勉县住房和城乡建设局');
const INDUSTRY_COMMERCE = agencyUscc('勉县工商行政管理局');

/** Region + birth date + sequence (odd for men, even for women), then the GB 11643 check. */
function citizenId(region: string, birthDate: string, sequence: string): string {
  const first17 = `${region}${birthDate}${sequence}`;
  return first17 + citizenIdCheckDigit(first17);
}

// 汉台区 of 汉中市: an applicant from outside 勉县, for cross-region (通办) cases.
const HANTAI_REGION_CODE = '610702';

// "TB" (Tongban) + Q (企业) + 725 (勉县) + serial: synthetic, apart from the agencies' TB725nnn.
function sampleCompanyUscc(serial: number): string {
  const body = `TBQ725${String(serial).padStart(2, '0')}`;
  return makeUscc({
    registrationAuthority: '9', // 工商
    organizationType: '1', // 企业
    regionCode: COUNTY_REGION_CODE,
    organizationCode: body + organizationCodeCheckChar(body),
  });
}

const COMPANY: Represented = {
  kind: 'LEGAL_PERSON',
  code: sampleCompanyUscc(1),
  name: '勉县汉江绿源农业开发有限公司',
};

function devLogin(username: string): { username: string; password: string } {
  return { username, password: `dev-only-${username}` };
}

const NO_ORGANIZATION = { uscc: null, agency: null, actingFor: null } as const;

export const SEED_USERS: readonly SeedUser[] = [
  {
    subject: 'dev-person-01',
    kind: 'NATURAL_PERSON',
    name: '王芳',
    idNumber: citizenId(COUNTY_REGION_CODE, '19850314', '022'),
    ...NO_ORGANIZATION,
    roles: [],
    realNameLevel: 3,
    phone: '13909160001',
    ...devLogin('wangfang'),
  },
  {
    subject: 'dev-person-02',
    kind: 'NATURAL_PERSON',
    name: '李军',
    idNumber: citizenId(COUNTY_REGION_CODE, '19780921', '031'),
    ...NO_ORGANIZATION,
    roles: [],
    realNameLevel: 2,
    phone: '13909160002',
    ...devLogin('lijun'),
  },
  {
    subject: 'dev-person-03',
    kind: 'NATURAL_PERSON',
    name: '赵敏',
    idNumber: citizenId(HANTAI_REGION_CODE, '19920605', '044'),
    ...NO_ORGANIZATION,
    roles: [],
    realNameLevel: 2,
    phone: '13909160003',
    ...devLogin('zhaomin'),
  },
  {
    subject: 'dev-legal-01',
    kind: 'LEGAL_PERSON',
    name: COMPANY.name,
    // A legal person is identified by its USCC; its representative's ID is not its identity.
    idNumber: null,
    uscc: COMPANY.code,
    agency: null,
    roles: [],
    realNameLevel: 3,
    actingFor: null,
    phone: '13909160010',
    ...devLogin('lvyuan'),
  },
  {
    subject: 'dev-person-04',
    kind: 'NATURAL_PERSON',
    name: '陈杰',
    idNumber: citizenId(COUNTY_REGION_CODE, '19900112', '051'),
    uscc: null,
    agency: null,
    roles: [],
    realNameLevel: 3,
    actingFor: COMPANY,
    phone: '13909160011',
    ...devLogin('chenjie'),
  },
  staff('dev-staff-01', '张伟', citizenId(COUNTY_REGION_CODE, '19820707', '013'), POLICE, ['ACCEPT'], '13909160101', 'police-zhangwei'),
  staff('dev-staff-02', '刘洋', citizenId(COUNTY_REGION_CODE, '19760218', '035'), POLICE, ['REVIEW', 'APPROVE'], '13909160102', 'police-liuyang'),
  staff('dev-staff-03', '孙丽', citizenId(COUNTY_REGION_CODE, '19880430', '026'), HOUSING, ['ACCEPT'], '13909160201', 'housing-sunli'),
  staff('dev-staff-04', '周强', citizenId(COUNTY_REGION_CODE, '19800816', '017'), HOUSING, ['REVIEW'], '13909160202', 'housing-zhouqiang'),
  staff('dev-staff-05', '吴华', citizenId(COUNTY_REGION_CODE, '19711125', '039'), HOUSING, ['APPROVE'], '13909160203', 'housing-wuhua'),
  staff('dev-staff-06', '郑涛', citizenId(COUNTY_REGION_CODE, '19861009', '053'), INDUSTRY_COMMERCE, ['ACCEPT', 'REVIEW'], '13909160301', 'commerce-zhengtao'),
  staff('dev-staff-07', '冯霞', citizenId(COUNTY_REGION_CODE, '19790503', '048'), INDUSTRY_COMMERCE, ['APPROVE'], '13909160302', 'commerce-fengxia'),
  {
    // 电子监察: reads across agencies, so it belongs to none of them.
    subject: 'dev-auditor-01',
    kind: 'AUDITOR',
    name: '何静',
    idNumber: citizenId(COUNTY_REGION_CODE, '19810620', '062'),
    ...NO_ORGANIZATION,
    roles: [],
    realNameLevel: 4,
    phone: '13909160401',
    ...devLogin('auditor-hejing'),
  },
  {
    // A second auditor: a supervision order is reviewed (审核) by an auditor other than the one who initiated it.
    subject: 'dev-auditor-02',
    kind: 'AUDITOR',
    name: '赵磊',
    idNumber: citizenId(COUNTY_REGION_CODE, '19830914', '081'),
    ...NO_ORGANIZATION,
    roles: [],
    realNameLevel: 4,
    phone: '13909160402',
    ...devLogin('auditor-zhaolei'),
  },
  {
    // 勉县审改办, which keeps the catalog; not an implementing agency of the catalog seed.
    subject: 'dev-catalog-01',
    kind: 'CATALOG_ADMIN',
    name: '马东',
    idNumber: citizenId(COUNTY_REGION_CODE, '19840211', '075'),
    ...NO_ORGANIZATION,
    roles: [],
    realNameLevel: 4,
    phone: '13909160501',
    ...devLogin('catalog-madong'),
  },
];

function staff(
  subject: string,
  name: string,
  idNumber: string,
  agency: string,
  roles: StepRole[],
  phone: string,
  username: string,
): SeedUser {
  // Staff are verified in person when their account is issued: level 4.
  return { subject, kind: 'STAFF', name, idNumber, uscc: null, agency, roles, realNameLevel: 4, actingFor: null, phone, ...devLogin(username) };
}

export const SEED_DEPARTMENT_SYSTEMS: readonly SeedDepartmentSystem[] = [
  departmentSystem('dept-610725-police', '勉县公安局业务系统', POLICE),
  departmentSystem('dept-610725-housing', '勉县住房和城乡建设局业务系统', HOUSING),
  departmentSystem('dept-610725-commerce', '勉县工商行政管理局业务系统', INDUSTRY_COMMERCE),
];

function departmentSystem(clientId: string, name: string, agency: string): SeedDepartmentSystem {
  return {
    subject: clientId,
    kind: 'DEPARTMENT_SYSTEM',
    name,
    idNumber: null,
    uscc: null,
    agency,
    // A system acts for its agency as a whole; step roles belong to the people in it.
    roles: [],
    realNameLevel: null,
    actingFor: null,
    clientId,
    clientSecret: `dev-only-secret-${clientId}`,
  };
}

export function findUserBySubject(subject: string): SeedUser | undefined {
  return SEED_USERS.find((user) => user.subject === subject);
}

export function findUserByUsername(username: string): SeedUser | undefined {
  return SEED_USERS.find((user) => user.username === username);
}

export function findDepartmentSystem(clientId: string): SeedDepartmentSystem | undefined {
  return SEED_DEPARTMENT_SYSTEMS.find((system) => system.clientId === clientId);
}

/** Users and systems alike, by the subject their tokens carry. */
export function findPrincipalBySubject(subject: string): SeedIdentity | undefined {
  return findUserBySubject(subject) ?? SEED_DEPARTMENT_SYSTEMS.find((system) => system.subject === subject);
}
