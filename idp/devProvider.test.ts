import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalFromClaims } from '../lib/auth/principal.ts';
import { findDepartmentSystem, findUserByUsername } from '../seeds/identity/principals.ts';
import { DEV_CLIENT } from './clients.ts';
import { ROTATE_KEYS_PATH, startDevIdentityProvider } from './server.ts';
import type { DevIdentityProvider } from './server.ts';

interface Discovery {
  issuer: string;
  jwks_uri: string;
  token_endpoint: string;
  grant_types_supported: string[];
}

let idp: DevIdentityProvider;
let discovery: Discovery;

beforeAll(async () => {
  idp = await startDevIdentityProvider({ host: '127.0.0.1', port: 0 });
  discovery = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Discovery;
});

afterAll(async () => {
  await idp?.close();
});

async function requestToken(clientId: string, clientSecret: string, params: Record<string, string>) {
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function userToken(username: string): Promise<string> {
  const user = findUserByUsername(username)!;
  const { status, body } = await requestToken(DEV_CLIENT.id, DEV_CLIENT.secret, {
    grant_type: 'password',
    username,
    password: user.password,
  });
  expect(status, JSON.stringify(body)).toBe(200);
  return body['access_token'] as string;
}

/** Verifies as the gateway does: keys from the published JWKS, fetched afresh. */
function verify(token: string) {
  return jwtVerify(token, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
    issuer: idp.issuer,
    audience: 'tongban',
    typ: 'at+jwt',
    algorithms: ['RS256', 'ES256'],
  });
}

describe('development identity provider', () => {
  it('publishes a discovery document with its issuer, keys, token endpoint and grant types', () => {
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(discovery.issuer).toBe(idp.issuer);
    expect(discovery.jwks_uri).toMatch(new RegExp(`^${idp.issuer}/`));
    expect(discovery.token_endpoint).toMatch(new RegExp(`^${idp.issuer}/`));
    expect(discovery.grant_types_supported).toEqual(expect.arrayContaining(['password', 'client_credentials']));
  });

  it('issues a citizen an RFC 9068 access token for tongban carrying the seeded identity', async () => {
    const citizen = findUserByUsername('wangfang')!;
    const { payload, protectedHeader } = await verify(await userToken('wangfang'));

    expect(protectedHeader).toMatchObject({ typ: 'at+jwt', alg: 'RS256' });
    expect(payload).toMatchObject({
      iss: idp.issuer,
      aud: 'tongban',
      sub: citizen.subject,
      client_id: DEV_CLIENT.id,
      tongban_kind: 'NATURAL_PERSON',
      name: citizen.name,
      id_number: citizen.idNumber,
      real_name_level: citizen.realNameLevel,
      roles: [],
    });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload).not.toHaveProperty('acting_for');
    expect(principalFromClaims(payload)).toMatchObject({ subject: citizen.subject, kind: 'NATURAL_PERSON', idNumber: citizen.idNumber });
  });

  it('tells an agent whom it acts for and staff their agency and step roles', async () => {
    const agent = findUserByUsername('chenjie')!;
    const { payload: agentClaims } = await verify(await userToken('chenjie'));
    expect(agentClaims['acting_for']).toEqual(agent.actingFor);

    const officer = findUserByUsername('police-liuyang')!;
    const { payload: staffClaims } = await verify(await userToken('police-liuyang'));
    expect(staffClaims).toMatchObject({ tongban_kind: 'STAFF', agency: officer.agency, roles: ['REVIEW', 'APPROVE'] });
  });

  it('refuses a wrong password or an unknown user with invalid_grant', async () => {
    const wrong = await requestToken(DEV_CLIENT.id, DEV_CLIENT.secret, { grant_type: 'password', username: 'wangfang', password: 'guess' });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const unknown = await requestToken(DEV_CLIENT.id, DEV_CLIENT.secret, { grant_type: 'password', username: 'nobody', password: 'guess' });
    expect(unknown).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses the password grant to a client with the wrong secret', async () => {
    const user = findUserByUsername('wangfang')!;
    const response = await requestToken(DEV_CLIENT.id, 'not-the-secret', { grant_type: 'password', username: user.username, password: user.password });
    expect(response).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('issues a department system a client-credentials token for its agency', async () => {
    const system = findDepartmentSystem('dept-610725-police')!;
    const { status, body } = await requestToken(system.clientId, system.clientSecret, { grant_type: 'client_credentials' });
    expect(status, JSON.stringify(body)).toBe(200);

    const { payload } = await verify(body['access_token'] as string);
    expect(payload).toMatchObject({
      sub: system.clientId,
      client_id: system.clientId,
      aud: 'tongban',
      tongban_kind: 'DEPARTMENT_SYSTEM',
      agency: system.agency,
      name: system.name,
    });
    expect(principalFromClaims(payload)).toMatchObject({ kind: 'DEPARTMENT_SYSTEM', agency: system.agency, clientId: system.clientId });
  });

  it('signs with a new key after rotation and keeps verifying tokens signed with the old one', async () => {
    const before = await userToken('lijun');
    const oldKid = decodeProtectedHeader(before).kid;

    const { kid: newKid } = await idp.rotateSigningKey();
    const after = await userToken('lijun');

    expect(newKid).not.toBe(oldKid);
    expect(decodeProtectedHeader(after).kid).toBe(newKid);
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
    expect(jwks.keys.every((key) => key.d === undefined)).toBe(true);
    await expect(verify(before)).resolves.toBeTruthy();
    await expect(verify(after)).resolves.toBeTruthy();
  });

  it('rotates keys by hand on POST /dev/rotate-keys', async () => {
    const response = await fetch(`${idp.issuer}${ROTATE_KEYS_PATH}`, { method: 'POST' });
    expect(response.status).toBe(200);
    const { kid } = (await response.json()) as { kid: string };
    const token = await userToken('zhaomin');
    expect(decodeProtectedHeader(token).kid).toBe(kid);

    expect((await fetch(`${idp.issuer}${ROTATE_KEYS_PATH}`)).status).toBe(405);
  });
});
