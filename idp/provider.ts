/// <reference path="./oidc-provider.d.ts" />
import { Provider, errors } from 'oidc-provider';
import type { AccessToken, Adapter, ClientCredentials, Configuration, JWK } from 'oidc-provider';
import { findDepartmentSystem, findUserBySubject } from '../seeds/identity/principals.ts';
import type { SeedIdentity } from '../seeds/identity/principals.ts';
import { tongbanClaims } from './claims.ts';
import { PASSWORD_GRANT, staticClients } from './clients.ts';
import { PASSWORD_GRANT_PARAMETERS, passwordGrant } from './passwordGrant.ts';
import { ACCESS_TOKEN_TTL_SECONDS, TONGBAN_RESOURCE, tongbanResourceServer } from './resource.ts';

export interface ProviderSetup {
  /** Private signing keys, the one to sign with first. */
  keys: readonly JWK[];
  cookieKeys: readonly string[];
  audience: string;
  adapter: (model: string) => Adapter;
}

/**
 * One oidc-provider instance. Its keys are fixed when it is built, so the development provider
 * builds a new one at every key rotation; everything here must therefore be cheap and stateless.
 */
export function createProvider(issuer: string, setup: ProviderSetup): Provider {
  const resourceServer = tongbanResourceServer(setup.audience);
  const configuration: Configuration = {
    adapter: setup.adapter,
    clients: staticClients(),
    jwks: { keys: setup.keys.map((key) => ({ ...key })) },
    cookies: { keys: [...setup.cookieKeys] },
    async extraTokenClaims(_ctx, token) {
      const identity = identityOf(token);
      return identity && tongbanClaims(identity);
    },
    features: {
      // Tongban has no browser login against this provider; its demo login pages would only mislead.
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Every token is for Tongban, so curl users need not name the resource.
        async defaultResource() {
          return TONGBAN_RESOURCE;
        },
        async useGrantedResource() {
          return true;
        },
        async getResourceServerInfo(_ctx, indicator) {
          if (indicator !== TONGBAN_RESOURCE) throw new errors.InvalidTarget(`the only resource is ${TONGBAN_RESOURCE}`);
          return resourceServer;
        },
      },
    },
    ttl: { AccessToken: ACCESS_TOKEN_TTL_SECONDS, ClientCredentials: ACCESS_TOKEN_TTL_SECONDS },
  };
  const provider = new Provider(issuer, configuration);
  provider.registerGrantType(PASSWORD_GRANT, passwordGrant(resourceServer), PASSWORD_GRANT_PARAMETERS);
  return provider;
}

/** A user's token names its account; a client-credentials token only its client, the department system. */
function identityOf(token: AccessToken | ClientCredentials): SeedIdentity | undefined {
  if (token.kind === 'ClientCredentials') return findDepartmentSystem(token.clientId);
  return token.accountId === undefined ? undefined : findUserBySubject(token.accountId);
}
