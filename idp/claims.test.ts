import { describe, expect, it } from 'vitest';
import { principalFromClaims } from '../lib/auth/principal.ts';
import { SEED_DEPARTMENT_SYSTEMS, SEED_USERS } from '../seeds/identity/principals.ts';
import { tongbanClaims } from './claims.ts';

describe('tongbanClaims', () => {
  it('gives every seeded principal claims the gateway accepts and maps back to the seed', () => {
    for (const identity of [...SEED_USERS, ...SEED_DEPARTMENT_SYSTEMS]) {
      const principal = principalFromClaims({ ...tongbanClaims(identity), sub: identity.subject, client_id: 'tongban-dev' });
      expect(principal).toEqual({
        subject: identity.subject,
        kind: identity.kind,
        name: identity.name,
        idNumber: identity.idNumber,
        uscc: identity.uscc,
        agency: identity.agency,
        roles: identity.roles,
        realNameLevel: identity.realNameLevel,
        actingFor: identity.actingFor,
        clientId: 'tongban-dev',
      });
    }
  });

  it('omits claims a principal has no value for', () => {
    const citizen = SEED_USERS.find((user) => user.kind === 'NATURAL_PERSON' && user.actingFor === null)!;
    expect(Object.keys(tongbanClaims(citizen)).sort()).toEqual(['id_number', 'name', 'real_name_level', 'roles', 'tongban_kind']);
  });
});
