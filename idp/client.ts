/** Getting tokens from the development provider, as a client would: tests and the bench sign in with it. */
import { DEV_CLIENT } from './clients.ts';
import { findUserByUsername } from '../seeds/identity/principals.ts';

async function tokenEndpoint(issuer: string): Promise<string> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  return ((await response.json()) as { token_endpoint: string }).token_endpoint;
}

async function requestToken(issuer: string, form: Record<string, string>, client: { id: string; secret: string }): Promise<string> {
  const response = await fetch(await tokenEndpoint(issuer), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString('base64')}`,
    },
    body: new URLSearchParams(form),
  });
  const body = (await response.json()) as { access_token?: string; error?: string };
  if (!response.ok || !body.access_token) throw new Error(`token request failed: ${response.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

/** A seeded user's access token, through the development provider's password grant. */
export function passwordToken(issuer: string, username: string): Promise<string> {
  const user = findUserByUsername(username);
  if (!user) throw new Error(`no seeded user ${username}`);
  return requestToken(issuer, { grant_type: 'password', username, password: user.password }, DEV_CLIENT);
}

/** A departmental system's access token, through the client credentials grant. */
export function clientToken(issuer: string, client: { id: string; secret: string }): Promise<string> {
  return requestToken(issuer, { grant_type: 'client_credentials' }, client);
}
