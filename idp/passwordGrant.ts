import { createHash, timingSafeEqual } from 'node:crypto';
import { errors } from 'oidc-provider';
import type { KoaContextWithOIDC, ResourceServerInfo } from 'oidc-provider';
import { findUserByUsername } from '../seeds/identity/principals.ts';
import { TONGBAN_RESOURCE } from './resource.ts';

export const PASSWORD_GRANT_PARAMETERS = ['username', 'password', 'resource', 'scope'];

const digest = (value: string) => createHash('sha256').update(value).digest();

// Compared as digests so that neither the length nor the first differing character shows in timing.
function passwordMatches(expected: string, given: string): boolean {
  return timingSafeEqual(digest(expected), digest(given));
}

function requiredParameter(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw new errors.InvalidRequest(`missing required parameter '${name}'`);
  return value;
}

/**
 * The resource owner password grant (RFC 6749 §4.3), which OAuth 2.1 and oidc-provider dropped:
 * here only so that a developer can get a seeded user's token with one curl command. Never
 * register it on a provider anyone else can reach.
 */
export function passwordGrant(resourceServerInfo: ResourceServerInfo) {
  return async function handlePasswordGrant(ctx: KoaContextWithOIDC): Promise<void> {
    const { provider, client, params = {} } = ctx.oidc;
    if (client === undefined) throw new errors.InvalidRequest('client authentication is required');
    const username = requiredParameter(params, 'username');
    const password = requiredParameter(params, 'password');
    const user = findUserByUsername(username);
    // Compared even for an unknown user, so that timing does not tell which usernames exist.
    const matches = passwordMatches(user?.password ?? '', password);
    if (user === undefined || !matches) throw new errors.InvalidGrant('unknown user or wrong password');
    const resource = params['resource'] ?? TONGBAN_RESOURCE;
    if (resource !== TONGBAN_RESOURCE) throw new errors.InvalidTarget(`the only resource is ${TONGBAN_RESOURCE}`);

    const resourceServer = new provider.ResourceServer(TONGBAN_RESOURCE, resourceServerInfo);
    const requested = typeof params['scope'] === 'string' ? params['scope'].split(' ') : [];
    const scope = requested.filter((value) => value !== '' && resourceServer.scopes.has(value)).join(' ');
    const token = new provider.AccessToken({
      accountId: user.subject,
      client,
      resourceServer,
      gty: 'password',
      ...(scope ? { scope } : {}),
    });
    ctx.oidc.entity('AccessToken', token);
    const accessToken = await token.save();
    ctx.body = {
      access_token: accessToken,
      token_type: token.tokenType,
      expires_in: token.expiration,
      ...(token.scope ? { scope: token.scope } : {}),
    };
  };
}
