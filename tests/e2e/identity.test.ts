import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROTATE_KEYS_PATH } from '../../idp/server.ts';
import { findUserByUsername } from '../../seeds/identity/principals.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { passwordToken } from '../../idp/client.ts';

const CITIZEN = findUserByUsername('wangfang')!;
const OTHER_CITIZEN = findUserByUsername('lijun')!;
const PERSON = (idNumber: string) => `{ person(idNumber: "${idNumber}") { subject name idNumber phone masked } }`;

/** Signing in with the development provider and reading personal data, as a portal would. */
describe('identity through the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => stack?.close());

  it("a citizen's token reaches me", async () => {
    const { status, body } = await stack.graphql('{ me { subject kind name idNumber realNameLevel roles agency { uscc } } }', undefined, { as: 'wangfang' });
    expect(status).toBe(200);
    expect(body.data.me).toEqual({
      subject: CITIZEN.subject,
      kind: 'NATURAL_PERSON',
      name: CITIZEN.name,
      idNumber: CITIZEN.idNumber,
      realNameLevel: CITIZEN.realNameLevel,
      roles: [],
      agency: null,
    });
  });

  it("staff see their agency through the catalog, and an agent whom it acts for", async () => {
    const staff = await stack.graphql('{ me { kind roles agency { name } } }', undefined, { as: 'police-liuyang' });
    expect(staff.body.data.me).toEqual({ kind: 'STAFF', roles: ['REVIEW', 'APPROVE'], agency: { name: '勉县公安局' } });
    const agent = await stack.graphql('{ me { kind actingFor { kind name } } }', undefined, { as: 'chenjie' });
    expect(agent.body.data.me).toEqual({ kind: 'NATURAL_PERSON', actingFor: { kind: 'LEGAL_PERSON', name: '勉县汉江绿源农业开发有限公司' } });
  });

  it("refuses a citizen another citizen's data, and records nothing of it", async () => {
    const { status, body } = await stack.graphql(PERSON(OTHER_CITIZEN.idNumber!), undefined, { as: 'wangfang' });
    expect(status).toBe(403);
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(JSON.stringify(body)).not.toContain(OTHER_CITIZEN.idNumber);
  });

  it('an auditor reads it with the ID number visible, and the read lands in the audit log with purpose and origin', async () => {
    const purpose = '投诉核查 2026-118';
    const { status, body } = await stack.graphql(PERSON(OTHER_CITIZEN.idNumber!), undefined, {
      as: 'auditor-hejing',
      headers: { 'x-access-purpose': encodeURIComponent(purpose) },
    });
    expect(status).toBe(200);
    expect(body.data.person).toEqual({
      subject: OTHER_CITIZEN.subject,
      name: OTHER_CITIZEN.name,
      idNumber: OTHER_CITIZEN.idNumber,
      phone: OTHER_CITIZEN.phone,
      masked: false,
    });
    const log = await stack.graphql(
      `{ accessLog(filter: { resourceId: "${OTHER_CITIZEN.subject}" }, first: 5) { edges { node { actorSubject actorKind action resourceType fields purpose clientIp } } }
         verifyAccessLog { ok entries } }`,
      undefined,
      { as: 'auditor-hejing' },
    );
    expect(log.body.errors).toBeUndefined();
    expect(log.body.data.accessLog.edges[0].node).toEqual({
      actorSubject: 'dev-auditor-01',
      actorKind: 'AUDITOR',
      action: 'READ',
      resourceType: 'person',
      fields: ['name', 'idNumber', 'phone'],
      purpose,
      clientIp: '127.0.0.1',
    });
    expect(log.body.data.verifyAccessLog.ok).toBe(true);
  });

  it('staff read a person with the personal data masked', async () => {
    const { body } = await stack.graphql(PERSON(CITIZEN.idNumber!), undefined, { as: 'police-zhangwei' });
    expect(body.data.person).toMatchObject({ masked: true, name: `${CITIZEN.name[0]}*`, idNumber: `${CITIZEN.idNumber!.slice(0, 6)}********${CITIZEN.idNumber!.slice(-4)}` });
    expect(body.data.person.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
  });

  it('keeps accepting tokens when the provider rotates its signing key, without a restart', async () => {
    const before = await stack.tokenFor('zhaomin');
    const rotated = await fetch(`${stack.issuer}${ROTATE_KEYS_PATH}`, { method: 'POST' });
    expect(rotated.status).toBe(200);
    const { kid } = (await rotated.json()) as { kid: string };
    const after = await passwordToken(stack.issuer, 'zhaomin');
    expect(JSON.parse(Buffer.from(after.split('.')[0]!, 'base64url').toString()).kid).toBe(kid);
    for (const token of [after, before]) {
      const { status, body } = await stack.graphql('{ me { subject } }', undefined, { token });
      expect(status).toBe(200);
      expect(body.data.me.subject).toBe('dev-person-03');
    }
  });
});
