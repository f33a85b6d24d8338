import type { ClientMetadata } from 'oidc-provider';
import { SEED_DEPARTMENT_SYSTEMS } from '../seeds/identity/principals.ts';

/**
 * The client people use with curl to sign in as a seeded user (the password grant). Its secret is
 * published in docs/identity.md: this client exists only in the development provider.
 */
export const DEV_CLIENT = { id: 'tongban-dev', secret: 'dev-only-tongban-dev-secret' } as const;

export const PASSWORD_GRANT = 'password';

/** No client here signs users in through a browser: none has redirect URIs or response types. */
export function staticClients(): ClientMetadata[] {
  return [
    {
      client_id: DEV_CLIENT.id,
      client_secret: DEV_CLIENT.secret,
      client_name: 'Tongban development login (password grant)',
      grant_types: [PASSWORD_GRANT],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    ...SEED_DEPARTMENT_SYSTEMS.map(
      (system): ClientMetadata => ({
        client_id: system.clientId,
        client_secret: system.clientSecret,
        client_name: system.name,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
      }),
    ),
  ];
}
