import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, OPERATIONS, type Operation } from '../../lib/auth/policy.ts';
import { ANONYMOUS, PRINCIPAL_KINDS, type PrincipalKind } from '../../lib/auth/principal.ts';
import { findDepartmentSystem, findUserByUsername } from '../../seeds/identity/principals.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { clientToken } from '../../idp/client.ts';

/**
 * Every principal kind × every operation, allowed or denied — written out here by hand, not derived
 * from lib/auth/policy.ts, so a change to the policy that nobody meant shows up as a failure.
 * 'masked' means allowed with personal data masked; 'own' means allowed for the caller's own data
 * only, 'agency' for data of the caller's own agency only (the probe reads someone else's, of
 * another agency, so both must be refused there). SERVICE is a Tongban subgraph calling another with
 * its own service key: it reads public data, records results, and nothing else.
 */
type Expected = 'allow' | 'masked' | 'own' | 'agency' | 'deny';
const EXPECTED: Record<Operation, Record<PrincipalKind, Expected>> = {
  'catalog.read': { ANONYMOUS: 'allow', NATURAL_PERSON: 'allow', LEGAL_PERSON: 'allow', STAFF: 'allow', DEPARTMENT_SYSTEM: 'allow', AUDITOR: 'allow', CATALOG_ADMIN: 'allow', SERVICE: 'allow' },
  'catalog.write': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'deny', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'deny', CATALOG_ADMIN: 'allow', SERVICE: 'deny' },
  'identity.me': { ANONYMOUS: 'deny', NATURAL_PERSON: 'allow', LEGAL_PERSON: 'allow', STAFF: 'allow', DEPARTMENT_SYSTEM: 'allow', AUDITOR: 'allow', CATALOG_ADMIN: 'allow', SERVICE: 'deny' },
  'person.read': { ANONYMOUS: 'deny', NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'masked', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'allow', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  'auditLog.read': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'deny', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'allow', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  // Applicants apply for themselves (an agent for whom it acts for); nobody applies on another's behalf.
  'case.submit': { ANONYMOUS: 'deny', NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'agency', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'deny', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  // Applicants their own cases, an agency (staff, its systems) its own, auditors (监察) every case.
  'case.read': { ANONYMOUS: 'deny', NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'agency', DEPARTMENT_SYSTEM: 'agency', AUDITOR: 'allow', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  // Auditors read everything and change nothing.
  'case.act': { ANONYMOUS: 'deny', NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'agency', DEPARTMENT_SYSTEM: 'agency', AUDITOR: 'deny', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  'case.queue': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'agency', DEPARTMENT_SYSTEM: 'agency', AUDITOR: 'deny', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  // 结果反馈 and 结果公示 carry no personal data: public.
  'case.status': { ANONYMOUS: 'allow', NATURAL_PERSON: 'allow', LEGAL_PERSON: 'allow', STAFF: 'allow', DEPARTMENT_SYSTEM: 'allow', AUDITOR: 'allow', CATALOG_ADMIN: 'allow', SERVICE: 'allow' },
  'result.publicList': { ANONYMOUS: 'allow', NATURAL_PERSON: 'allow', LEGAL_PERSON: 'allow', STAFF: 'allow', DEPARTMENT_SYSTEM: 'allow', AUDITOR: 'allow', CATALOG_ADMIN: 'allow', SERVICE: 'allow' },
  // Only the cases subgraph, as itself, records a result; no user can.
  'result.record': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'deny', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'deny', CATALOG_ADMIN: 'deny', SERVICE: 'allow' },
  'calendar.read': { ANONYMOUS: 'allow', NATURAL_PERSON: 'allow', LEGAL_PERSON: 'allow', STAFF: 'allow', DEPARTMENT_SYSTEM: 'allow', AUDITOR: 'allow', CATALOG_ADMIN: 'allow', SERVICE: 'allow' },
  'calendar.write': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'deny', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'deny', CATALOG_ADMIN: 'allow', SERVICE: 'deny' },
  'case.facts': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'deny', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'deny', CATALOG_ADMIN: 'deny', SERVICE: 'allow' },
  'case.exchange': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'deny', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'deny', CATALOG_ADMIN: 'deny', SERVICE: 'allow' },
  // The evidence of what departments pushed: auditors (监察) only; departments get receipts, not the log.
  'exchange.read': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'deny', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'allow', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  'delivery.admin': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'deny', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'allow', CATALOG_ADMIN: 'allow', SERVICE: 'deny' },
  // Departments' own systems (wrapped legacy queries): staff of any agency (减材料) and auditors.
  'legacy.query': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'allow', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'allow', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  // 证照目录 and verification carry no personal data: public, like the catalog.
  'certificate.types': { ANONYMOUS: 'allow', NATURAL_PERSON: 'allow', LEGAL_PERSON: 'allow', STAFF: 'allow', DEPARTMENT_SYSTEM: 'allow', AUDITOR: 'allow', CATALOG_ADMIN: 'allow', SERVICE: 'allow' },
  'certificate.verify': { ANONYMOUS: 'allow', NATURAL_PERSON: 'allow', LEGAL_PERSON: 'allow', STAFF: 'allow', DEPARTMENT_SYSTEM: 'allow', AUDITOR: 'allow', CATALOG_ADMIN: 'allow', SERVICE: 'allow' },
  // Only an issuing agency (its staff or its system) issues, replaces, revokes and cancels; auditors change nothing.
  'certificate.issue': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'agency', DEPARTMENT_SYSTEM: 'agency', AUDITOR: 'deny', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  'certificate.revoke': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'agency', DEPARTMENT_SYSTEM: 'agency', AUDITOR: 'deny', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  // A seal key is rotated by people of the agency, never by a system.
  'certificate.sealKey': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'agency', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'deny', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  // A certificate: its holder, the issuing agency, auditors; a holder's wallet: the holder alone.
  'certificate.read': { ANONYMOUS: 'deny', NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'agency', DEPARTMENT_SYSTEM: 'agency', AUDITOR: 'allow', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  'certificate.readOwn': { ANONYMOUS: 'deny', NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'deny', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'deny', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  // Purpose-bound sharing: staff, for a case of their own agency.
  'certificate.readShared': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'agency', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'deny', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  'certificate.import': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'agency', DEPARTMENT_SYSTEM: 'agency', AUDITOR: 'deny', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  // 电子监察: auditors keep the rules; staff may read them (what is watched is no secret to the watched).
  'supervision.rules': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'allow', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'allow', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  'supervision.rules.write': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'deny', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'allow', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  // Alerts, orders, tasks, figures: an agency sees its own; systems and the public nothing.
  'supervision.read': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'agency', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'allow', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  'supervision.act': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'agency', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'allow', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  // Only the cases and exchange services report what happened to cases.
  'supervision.observe': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'deny', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'deny', CATALOG_ADMIN: 'deny', SERVICE: 'allow' },
  'complaint.file': { ANONYMOUS: 'deny', NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'deny', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'allow', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  'complaint.read': { ANONYMOUS: 'deny', NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'agency', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'allow', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  'complaint.act': { ANONYMOUS: 'deny', NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'agency', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'allow', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  // 好差评 is the applicant's alone; the agency and auditors read it.
  'evaluation.submit': { ANONYMOUS: 'deny', NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'deny', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'deny', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
  'evaluation.read': { ANONYMOUS: 'deny', NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'agency', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'allow', CATALOG_ADMIN: 'deny', SERVICE: 'deny' },
};

/**
 * One seeded principal of each kind that can come through the gateway (seeds/identity/principals.ts).
 * SERVICE cannot: no access token may claim it (tests/security/tokens.test.ts), only a subgraph's own
 * service key (lib/auth/internalToken.test.ts).
 */
type GatewayKind = Exclude<PrincipalKind, 'SERVICE'>;
const SIGN_IN: Record<Exclude<GatewayKind, 'ANONYMOUS'>, string> = {
  NATURAL_PERSON: 'lijun',
  LEGAL_PERSON: 'lvyuan',
  STAFF: 'police-zhangwei',
  DEPARTMENT_SYSTEM: 'dept-610725-police',
  AUDITOR: 'auditor-hejing',
  CATALOG_ADMIN: 'catalog-madong',
};

/** Someone else's personal data: 王芳's register entry. */
const OTHER = findUserByUsername('wangfang')!;
/** An agency the probe's principals do not belong to (they have none): 勉县公安局. */
const OTHER_AGENCY = '11610725TB7250054A';

/**
 * What the decision probe asks about: someone else's data, of another agency, for the operations
 * whose data has an owner or an agency. The others (the catalog, `me`, …) have no owner but the caller.
 */
const PROBE_RESOURCE: Partial<Record<Operation, { owners?: string[]; agency?: string }>> = {
  'person.read': { owners: [OTHER.idNumber!] },
  'case.submit': { owners: [OTHER.idNumber!], agency: OTHER_AGENCY },
  'case.read': { owners: [OTHER.idNumber!], agency: OTHER_AGENCY },
  'case.act': { owners: [OTHER.idNumber!], agency: OTHER_AGENCY },
  'case.queue': { agency: OTHER_AGENCY },
  'certificate.issue': { agency: OTHER_AGENCY },
  'certificate.revoke': { agency: OTHER_AGENCY },
  'certificate.sealKey': { agency: OTHER_AGENCY },
  'certificate.read': { owners: [OTHER.idNumber!], agency: OTHER_AGENCY },
  'certificate.readOwn': { owners: [OTHER.idNumber!] },
  'certificate.readShared': { agency: OTHER_AGENCY },
  'certificate.import': { agency: OTHER_AGENCY },
  'supervision.read': { agency: OTHER_AGENCY },
  'supervision.act': { agency: OTHER_AGENCY },
  'complaint.file': { owners: [OTHER.idNumber!] },
  'complaint.read': { owners: [OTHER.idNumber!], agency: OTHER_AGENCY },
  'complaint.act': { owners: [OTHER.idNumber!], agency: OTHER_AGENCY },
  'evaluation.submit': { owners: [OTHER.idNumber!] },
  'evaluation.read': { owners: [OTHER.idNumber!], agency: OTHER_AGENCY },
};

/** The GraphQL probe of each operation that has a field today; catalog.write arrives with catalog management. */
const PROBES: Partial<Record<Operation, string>> = {
  'catalog.read': '{ serviceItems(first: 1) { totalCount } }',
  'identity.me': '{ me { subject kind } }',
  'person.read': `{ person(idNumber: "${OTHER.idNumber}") { name idNumber phone masked } }`,
  'auditLog.read': '{ accessLog(first: 1) { edges { node { sequence } } } verifyAccessLog { ok } }',
  // The simulated department's LicenseRegistry, wrapped (adapters/legacy-query).
  'legacy.query': '{ departmentLicenses(agency: "11610725TB72501263", holderCode: "91610725TBQ725018D") { licenseNumber } }',
  'supervision.rules': '{ supervisionRules { code version } }',
}; 

describe('the policy table', () => {
  it('decides every kind × operation as expected', () => {
    for (const operation of OPERATIONS) {
      for (const kind of PRINCIPAL_KINDS) {
        const principal = { ...ANONYMOUS, kind, subject: `probe-${kind}` };
        const expected = EXPECTED[operation][kind];
        // On someone else's data (of another agency): only unrestricted scopes pass.
        const decision = decide(principal, operation, PROBE_RESOURCE[operation] ?? {});
        expect({ operation, kind, allowed: decision.allowed }).toEqual({ operation, kind, allowed: expected === 'allow' || expected === 'masked' });
        if (decision.allowed) expect({ operation, kind, masked: decision.scope === 'masked' }).toEqual({ operation, kind, masked: expected === 'masked' });
        // On the caller's own data: every scope passes, and the scope is the one expected.
        const own = decide(principal, operation);
        expect({ operation, kind, allowed: own.allowed }).toEqual({ operation, kind, allowed: expected !== 'deny' });
        if (own.allowed && (expected === 'own' || expected === 'agency' || expected === 'masked')) {
          expect({ operation, kind, scope: own.scope }).toEqual({ operation, kind, scope: expected });
        }
        if (!own.allowed) expect(own.code).toBe(kind === 'ANONYMOUS' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      }
    }
  });

  it('leaves nothing but public data to anonymous callers', () => {
    for (const operation of OPERATIONS) {
      const decision = decide(ANONYMOUS, operation);
      if (decision.allowed) expect({ operation, scope: decision.scope }).toEqual({ operation, scope: 'public' });
    }
  });

  it('lets an owner read their own data where the scope is own', () => {
    const self = { ...ANONYMOUS, kind: 'NATURAL_PERSON' as const, subject: OTHER.subject, idNumber: OTHER.idNumber };
    expect(decide(self, 'person.read', { owners: [OTHER.idNumber!] })).toEqual({ allowed: true, scope: 'own' });
  });
});

describe('the policy matrix through the gateway, with real tokens', () => {
  let stack: Stack;
  const tokens = new Map<GatewayKind, string | undefined>();
  beforeAll(async () => {
    stack = await startStack();
    tokens.set('ANONYMOUS', undefined);
    for (const [kind, name] of Object.entries(SIGN_IN) as Array<[GatewayKind, string]>) {
      const system = findDepartmentSystem(name);
      tokens.set(kind, system ? await clientToken(stack.issuer, { id: system.clientId, secret: system.clientSecret }) : await stack.tokenFor(name));
    }
  });
  afterAll(async () => stack?.close());

  // SERVICE is not a kind any access token can carry; it is checked without the gateway (see SIGN_IN).
  const GATEWAY_KINDS = PRINCIPAL_KINDS.filter((kind): kind is GatewayKind => kind !== 'SERVICE');
  const cases = Object.entries(PROBES).flatMap(([operation, query]) =>
    GATEWAY_KINDS.map((kind) => [operation as Operation, kind, query] as const),
  );

  it.each(cases)('%s as %s', async (operation, kind, query) => {
    const token = tokens.get(kind);
    const { status, body } = await stack.graphql(query, undefined, token ? { token } : {});
    const expected = EXPECTED[operation][kind];
    if (expected === 'allow' || expected === 'masked') {
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      if (operation === 'person.read') {
        const person = body.data.person;
        expect(person.masked).toBe(expected === 'masked');
        expect(person.idNumber).toBe(expected === 'masked' ? `${OTHER.idNumber!.slice(0, 6)}********${OTHER.idNumber!.slice(-4)}` : OTHER.idNumber);
        expect(person.name).toBe(expected === 'masked' ? `${OTHER.name[0]}*` : OTHER.name);
      }
    } else {
      const code = kind === 'ANONYMOUS' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      expect(status).toBe(kind === 'ANONYMOUS' ? 401 : 403);
      expect(body.errors.map((error: any) => error.extensions.code)).toContain(code);
      expect(JSON.stringify(body.data ?? null)).not.toContain(OTHER.idNumber!.slice(-4));
    }
  });
});
