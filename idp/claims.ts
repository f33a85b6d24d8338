import type { SeedIdentity } from '../seeds/identity/principals.ts';

/**
 * Tongban's claims for a principal, as lib/auth/principal.ts reads them. `sub` and `client_id`
 * are left to oidc-provider, which derives them from the grant. Missing values are omitted rather
 * than sent as null, as a real identity platform does with claims it has no value for.
 */
export function tongbanClaims(identity: SeedIdentity): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    tongban_kind: identity.kind,
    name: identity.name,
    roles: [...identity.roles],
  };
  if (identity.idNumber !== null) claims['id_number'] = identity.idNumber;
  if (identity.uscc !== null) claims['uscc'] = identity.uscc;
  if (identity.agency !== null) claims['agency'] = identity.agency;
  if (identity.realNameLevel !== null) claims['real_name_level'] = identity.realNameLevel;
  if (identity.actingFor !== null) claims['acting_for'] = { ...identity.actingFor };
  return claims;
}
