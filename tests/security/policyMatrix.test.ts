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
 * only (the probe reads someone else's, so it must be refused).
 */
type Expected = 'allow' | 'masked' | 'own' | 'deny';
const EXPECTED: Record<Operation, Record<PrincipalKind, Expected>> = {
  'catalog.read': { ANONYMOUS: 'allow', NATURAL_PERSON: 'allow', LEGAL_PERSON: 'allow', STAFF: 'allow', DEPARTMENT_SYSTEM: 'allow', AUDITOR: 'allow', CATALOG_ADMIN: 'allow' },
  'catalog.write': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'deny', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'deny', CATALOG_ADMIN: 'allow' },
  'identity.me': { ANONYMOUS: 'deny', NATURAL_PERSON: 'allow', LEGAL_PERSON: 'allow', STAFF: 'allow', DEPARTMENT_SYSTEM: 'allow', AUDITOR: 'allow', CATALOG_ADMIN: 'allow' },
  'person.read': { ANONYMOUS: 'deny', NATURAL_PERSON: 'own', LEGAL_PERSON: 'own', STAFF: 'masked', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'allow', CATALOG_ADMIN: 'deny' },
  'auditLog.read': { ANONYMOUS: 'deny', NATURAL_PERSON: 'deny', LEGAL_PERSON: 'deny', STAFF: 'deny', DEPARTMENT_SYSTEM: 'deny', AUDITOR: 'allow', CATALOG_ADMIN: 'deny' },
};

/** One seeded principal of each kind (seeds/identity/principals.ts). */
const SIGN_IN: Record<Exclude<PrincipalKind, 'ANONYMOUS'>, string> = {
  NATURAL_PERSON: 'lijun',
  LEGAL_PERSON: 'lvyuan',
  STAFF: 'police-zhangwei',
  DEPARTMENT_SYSTEM: 'dept-610725-police',
  AUDITOR: 'auditor-hejing',
  CATALOG_ADMIN: 'catalog-madong',
};

/** Someone else's personal data: 王芳's register entry. */
const OTHER = findUserByUsername('wangfang')!;

/** The GraphQL probe of each operation that has a field today; catalog.write arrives with catalog management. */
const PROBES: Partial<Record<Operation, string>> = {
  'catalog.read': '{ serviceItems(first: 1) { totalCount } }',
  'identity.me': '{ me { subject kind } }',
  'person.read': `{ person(idNumber: "${OTHER.idNumber}") { name idNumber phone masked } }`,
  'auditLog.read': '{ accessLog(first: 1) { edges { node { sequence } } } verifyAccessLog { ok } }',
};

describe('the policy table', () => {
  it('decides every kind × operation as expected', () => {
    for (const operation of OPERATIONS) {
      for (const kind of PRINCIPAL_KINDS) {
        // person.read is probed on someone else's data; the other operations have no owner but the caller.
        const resource = operation === 'person.read' ? { owners: [OTHER.idNumber!] } : {};
        const decision = decide({ ...ANONYMOUS, kind, subject: `probe-${kind}` }, operation, resource);
        const expected = EXPECTED[operation][kind];
        expect({ operation, kind, allowed: decision.allowed }).toEqual({ operation, kind, allowed: expected === 'allow' || expected === 'masked' });
        if (decision.allowed) expect(decision.scope === 'masked').toBe(expected === 'masked');
      }
    }
  });

  it('lets an owner read their own data where the scope is own', () => {
    const self = { ...ANONYMOUS, kind: 'NATURAL_PERSON' as const, subject: OTHER.subject, idNumber: OTHER.idNumber };
    expect(decide(self, 'person.read', { owners: [OTHER.idNumber!] })).toEqual({ allowed: true, scope: 'own' });
  });
});

describe('the policy matrix through the gateway, with real tokens', () => {
  let stack: Stack;
  const tokens = new Map<PrincipalKind, string | undefined>();
  beforeAll(async () => {
    stack = await startStack();
    tokens.set('ANONYMOUS', undefined);
    for (const [kind, name] of Object.entries(SIGN_IN) as Array<[PrincipalKind, string]>) {
      const system = findDepartmentSystem(name);
      tokens.set(kind, system ? await clientToken(stack.issuer, { id: system.clientId, secret: system.clientSecret }) : await stack.tokenFor(name));
    }
  });
  afterAll(async () => stack?.close());

  const cases = Object.entries(PROBES).flatMap(([operation, query]) =>
    PRINCIPAL_KINDS.map((kind) => [operation as Operation, kind, query] as const),
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
