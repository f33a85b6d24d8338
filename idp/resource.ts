import type { ResourceServerInfo } from 'oidc-provider';

/**
 * The one resource server the development provider issues tokens for: Tongban's gateway. OAuth
 * resource indicators must be absolute URIs (RFC 8707), hence a URN, while the tokens' `aud` is
 * the plain audience the gateway checks (OIDC_AUDIENCE).
 */
export const TONGBAN_RESOURCE = 'urn:tongban';

export const DEFAULT_AUDIENCE = 'tongban';

/** One hour: short enough that a rotated-out key is soon unneeded, long enough for a curl session. */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;

export function tongbanResourceServer(audience: string): ResourceServerInfo {
  return {
    // Tongban authorises on the identity claims, not on OAuth scopes.
    scope: '',
    audience,
    accessTokenFormat: 'jwt',
    accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
  };
}
