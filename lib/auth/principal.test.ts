import { describe, expect, it } from 'vitest';
import { principalFromClaims, PrincipalError, PRINCIPAL_KINDS } from './principal.ts';

const CITIZEN = { sub: 'c-1', tongban_kind: 'NATURAL_PERSON', name: '测试公民', id_number: '11010519491231002X' };

describe('principals from access-token claims', () => {
  it('maps a consistent claim set', () => {
    expect(principalFromClaims(CITIZEN)).toMatchObject({ subject: 'c-1', kind: 'NATURAL_PERSON', idNumber: CITIZEN.id_number });
  });

  it('refuses the kinds no access token may carry: SERVICE (subgraphs only) and ANONYMOUS', () => {
    expect(PRINCIPAL_KINDS).toContain('SERVICE');
    for (const kind of ['SERVICE', 'ANONYMOUS']) {
      expect(() => principalFromClaims({ ...CITIZEN, tongban_kind: kind })).toThrow(PrincipalError);
      expect(() => principalFromClaims({ sub: 'cases', tongban_kind: kind, name: 'cases' })).toThrow('token has no valid tongban_kind claim');
    }
  });
});
