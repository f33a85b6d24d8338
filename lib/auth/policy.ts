import type { Principal, PrincipalKind } from './principal.ts';

/**
 * Who may do what: Tongban's one policy table. Subgraphs enforce it entity by entity (reference
 * resolvers included) with `authorize`; the gateway only authenticates. `tests/security/
 * policyMatrix.test.ts` checks every kind × operation through the gateway with real tokens, and
 * docs/authorization.md shows this table to people.
 *
 * Scopes:
 * - public: anyone, no token needed;
 * - own: only data about the principal itself (for an agent, also the person it acts for);
 * - agency: only data of the principal's own agency;
 * - all: everything;
 * - masked: everything, with personal data (ID numbers, phones, third parties' names) masked.
 * A kind missing from a row is denied.
 */
export type Scope = 'public' | 'own' | 'agency' | 'all' | 'masked';

export const OPERATIONS = [
  'catalog.read',
  'catalog.write',
  'identity.me',
  'person.read',
  'auditLog.read',
  'case.submit',
  'case.read',
  'case.act',
  'case.queue',
  'case.status',
  'result.publicList',
  'result.record',
  'calendar.read',
  'calendar.write',
  'case.facts',
  'case.exchange',
  'exchange.read',
  'delivery.admin',
  'legacy.query',
  'certificate.types',
  'certificate.issue',
  'certificate.revoke',
  'certificate.sealKey',
  'certificate.verify',
  'certificate.read',
  'certificate.readOwn',
  'certificate.readShared',
  'certificate.import',
  'supervision.rules',
  'supervision.rules.write',
  'supervision.read',
  'supervision.act',
  'supervision.observe',
  'complaint.file',
  'complaint.read',
  'complaint.act',
  'evaluation.submit',
  'evaluation.read',
] as const;
export type Operation = (typeof OPERATIONS)[number];

const SIGNED_IN: PrincipalKind[] = ['NATURAL_PERSON', 'LEGAL_PERSON', 'STAFF', 'DEPARTMENT_SYSTEM', 'AUDITOR', 'CATALOG_ADMIN'];
/** Public data: anyone, and the subgraphs themselves (cases reads the guide it files a case under). */
const everyone = (scope: Scope) => Object.fromEntries(['ANONYMOUS', ...SIGNED_IN, 'SERVICE'].map((kind) => [kind, scope]));
const signedIn = (scope: Scope) => Object.fromEntries(SIGNED_IN.map((kind) => [kind, scope]));

export const POLICY: Readonly<Record<Operation, Readonly<Partial<Record<PrincipalKind, Scope>>>>> = {
  /** The catalog: items, guides, agencies, regions. */
  'catalog.read': everyone('public'),
  /** Creating and changing items and guides (comes with dynamic catalog management). */
  'catalog.write': { CATALOG_ADMIN: 'all' },
  /** `me`: the caller's own principal. */
  'identity.me': signedIn('own'),
  /** `person(idNumber)`: a registered natural person. Auditors read everything, read-only; staff see masked data. */
  'person.read': { NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'masked', AUDITOR: 'all' },
  /** The access audit log and its chain check. */
  'auditLog.read': { AUDITOR: 'all' },
  /**
   * `submitApplication`: a natural or legal person applies for itself, or an agent for whom it acts
   * for; the window (staff of the guide's agency with the ACCEPT role) files for an applicant in person.
   */
  'case.submit': { NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'agency' },
  /** `case(caseNumber)`, `myCases`: the applicant's own cases, an agency's cases, every case for auditors (监察). */
  'case.read': { NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'agency', DEPARTMENT_SYSTEM: 'agency', AUDITOR: 'all' },
  /** Moving a case through its states; the case state machine decides which action each may take. */
  'case.act': { NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'agency', DEPARTMENT_SYSTEM: 'agency' },
  /** An agency's work queue (待办). */
  'case.queue': { STAFF: 'agency', DEPARTMENT_SYSTEM: 'agency' },
  /** `caseStatus(caseNumber, idNumber)`: 结果反馈, no personal data, rate limited. */
  'case.status': everyone('public'),
  /** `publicResults`: 结果公示 of license results, applicants masked. */
  'result.publicList': everyone('public'),
  /** Recording a case's result in the results store: the cases subgraph only, after the case completed. */
  'result.record': { SERVICE: 'all' },
  /** The working-day calendar (public: applicants count their own deadlines). */
  'calendar.read': everyone('public'),
  /** Publishing a year's holiday arrangement (a new calendar version). */
  'calendar.write': { CATALOG_ADMIN: 'all' },
  /** What the certificates subgraph reads of a case to issue its certificate or check a purpose-bound read. */
  'case.facts': { SERVICE: 'all' },
  /** A departmental system's record pushed over CaseExchange, passed on by the exchange service. */
  'case.exchange': { SERVICE: 'all' },
  /** The CaseExchange evidence log: every inbound envelope, its receipt or fault, and the chain check (监察). */
  'exchange.read': { AUDITOR: 'all' },
  /** Applications delivered to departmental systems (统一受理): watching the queue, redriving dead letters. Platform administrators are the catalog's today. */
  'delivery.admin': { CATALOG_ADMIN: 'all', AUDITOR: 'all' },
  /**
   * Departments' own systems queried through wrapped legacy query services (departmentLicenses,
   * departmentCaseStatus): staff of any agency (减材料: look a licence up instead of asking for it), auditors.
   */
  'legacy.query': { STAFF: 'all', AUDITOR: 'all' },
  /** 证照目录: certificate types, their surface-data fields and issuing agencies (no personal data). */
  'certificate.types': everyone('public'),
  /**
   * Issuing (and replacing, 换发) an electronic certificate: staff or the departmental system of an
   * agency the type names as issuer; the subgraph also checks the case the certificate comes from.
   */
  'certificate.issue': { STAFF: 'agency', DEPARTMENT_SYSTEM: 'agency' },
  /** Revoking (吊销/撤销) and cancelling (注销) a certificate: the issuing agency only. */
  'certificate.revoke': { STAFF: 'agency', DEPARTMENT_SYSTEM: 'agency' },
  /** Rotating an agency's electronic seal key: its staff (the subgraph requires the APPROVE role); never a system. */
  'certificate.sealKey': { STAFF: 'agency' },
  /** `verifyCertificate`: anyone holding an identifier or a sealed token; answers no personal data. */
  'certificate.verify': everyone('public'),
  /** `certificate(identifier)`: the holder (or its agent), the issuing agency, auditors (监察). */
  'certificate.read': { NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'agency', DEPARTMENT_SYSTEM: 'agency', AUDITOR: 'all' },
  /** `myCertificates`: the holder's wallet (an agent sees the wallet of whom it acts for). */
  'certificate.readOwn': { NATURAL_PERSON: 'own', LEGAL_PERSON: 'own' },
  /**
   * Purpose-bound sharing (减材料): staff of another agency read a holder's certificate for a stated
   * purpose and a case of their own agency that needs it (the agency checked is the case's).
   */
  'certificate.readShared': { STAFF: 'agency' },
  /** 证照汇聚: bulk import of certificates an agency's departmental system already issued. */
  'certificate.import': { STAFF: 'agency', DEPARTMENT_SYSTEM: 'agency' },
  /** 监察规则: what is watched. Auditors keep the rules; staff read them to know what is watched. */
  'supervision.rules': { STAFF: 'all', AUDITOR: 'all' },
  /** Creating a rule or a new version of one (监察部门 maintains the rule store, seed 001 §6(6)). */
  'supervision.rules.write': { AUDITOR: 'all' },
  /** Alerts, supervision orders, rectification tasks and efficiency figures: auditors all, staff their agency's. */
  'supervision.read': { STAFF: 'agency', AUDITOR: 'all' },
  /**
   * Acting on alerts, supervision orders and rectification tasks; each state machine decides which
   * step is whose (auditors initiate, review and close; the agency's staff sign and answer).
   */
  'supervision.act': { STAFF: 'agency', AUDITOR: 'all' },
  /** What the cases subgraph and the exchange service report to supervision: those services only. */
  'supervision.observe': { SERVICE: 'all' },
  /** 投诉: a person online about their own matters; an auditor recording a phone call or a visit. */
  'complaint.file': { NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', AUDITOR: 'all' },
  /** A complaint: its complainant, the agency complained about, auditors. */
  'complaint.read': { NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'agency', AUDITOR: 'all' },
  /** Moving a complaint on: auditors accept, route and follow up; the agency answers; the complainant confirms. */
  'complaint.act': { NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'agency', AUDITOR: 'all' },
  /** 好差评: the applicant of a completed case (an agent for whom it applied). */
  'evaluation.submit': { NATURAL_PERSON: 'own', LEGAL_PERSON: 'own' },
  /** An evaluation: the applicant, the agency evaluated, auditors. */
  'evaluation.read': { NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'agency', AUDITOR: 'all' },
};

export type Decision =
  | { allowed: true; scope: Scope }
  | { allowed: false; code: 'UNAUTHENTICATED' | 'FORBIDDEN'; reason: string };

/**
 * The decision for one principal, operation and (optional) resource. `owners` are the identity
 * codes (citizen ID, USCC, subject) the resource belongs to; `agency` the agency it belongs to.
 */
export function decide(
  principal: Principal,
  operation: Operation,
  resource: { owners?: readonly string[]; agency?: string | null } = {},
): Decision {
  const scope = POLICY[operation][principal.kind];
  if (!scope) {
    return principal.kind === 'ANONYMOUS'
      ? { allowed: false, code: 'UNAUTHENTICATED', reason: `${operation} requires signing in` }
      : { allowed: false, code: 'FORBIDDEN', reason: `${principal.kind} may not ${operation}` };
  }
  if (scope === 'own' && resource.owners && !resource.owners.some((owner) => identityCodes(principal).includes(owner))) {
    return { allowed: false, code: 'FORBIDDEN', reason: `${operation} is limited to the caller's own data` };
  }
  if (scope === 'agency' && resource.agency !== undefined && resource.agency !== principal.agency) {
    return { allowed: false, code: 'FORBIDDEN', reason: `${operation} is limited to the caller's own agency` };
  }
  return { allowed: true, scope };
}

/** The codes that identify a principal as an owner: itself, and whom it acts for. */
export function identityCodes(principal: Principal): string[] {
  return [principal.subject, principal.idNumber, principal.uscc, principal.actingFor?.code].filter(
    (code): code is string => typeof code === 'string',
  );
}
