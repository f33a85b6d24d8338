import type { ApolloServerPlugin } from '@apollo/server';
import { WWW_AUTHENTICATE_REALM } from './useAuthentication.ts';

/**
 * GraphQL answers 200 with errors in the body, but HTTP clients and proxies act on status codes:
 * an operation refused for lack of a token becomes 401 with a WWW-Authenticate challenge, and one
 * refused entirely for lack of a right (no data at all) becomes 403.
 */
export function useAuthStatus(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { errors, data } = response.body.singleResult;
          const codes = new Set((errors ?? []).map((error) => error.extensions?.['code']));
          if (codes.has('UNAUTHENTICATED')) {
            response.http.status = 401;
            response.http.headers.set('www-authenticate', WWW_AUTHENTICATE_REALM);
          } else if (codes.has('FORBIDDEN') && (data === null || data === undefined || Object.values(data).every((value) => value === null))) {
            response.http.status = 403;
          }
        },
      };
    },
  };
}
