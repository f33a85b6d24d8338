import { describe, expect, it } from 'vitest';
import { STEP_ROLES } from '../../lib/auth/principal.ts';
import { checkCitizenId, checkUscc, checkUsccStrict } from '../../lib/codes/index.ts';
import { buildCatalogSeed } from '../catalog/build.ts';
import {
  SEED_DEPARTMENT_SYSTEMS,
  SEED_USERS,
  findDepartmentSystem,
  findPrincipalBySubject,
  findUserBySubject,
  findUserByUsername,
} from './principals.ts';

const everyone = [...SEED_USERS, ...SEED_DEPARTMENT_SYSTEMS];
const catalogAgencies = new Map(buildCatalogSeed().agencies.map((agency) => [agency.uscc, agency.name]));
const byKind = (kind: string) => SEED_USERS.filter((user) => user.kind === kind);

describe('seeded principals', () => {
  it('carry valid citizen IDs', () => {
    const ids = everyone.flatMap((principal) => [principal.idNumber, principal.actingFor?.kind === 'NATURAL_PERSON' ? principal.actingFor.code : null]);
    for (const id of ids.filter((value): value is string => value !== null)) {
      expect(checkCitizenId(id), id).toEqual({ ok: true });
    }
  });

  it('carry valid USCCs', () => {
    const codes = everyone.flatMap((principal) => [principal.uscc, principal.agency, principal.actingFor?.kind === 'LEGAL_PERSON' ? principal.actingFor.code : null]);
    for (const code of codes.filter((value): value is string => value !== null)) {
      expect(checkUscc(code).ok, code).toBe(true);
      expect(checkUsccStrict(code).ok, code).toBe(true);
    }
  });

  it('give natural persons and staff a 勉县 ID unless they are meant to be from elsewhere', () => {
    const locals = SEED_USERS.filter((user) => user.idNumber !== null && user.subject !== 'dev-person-03');
    for (const user of locals) expect(user.idNumber?.slice(0, 6), user.subject).toBe('610725');
  });

  it('seed at least three citizens verified at level 2 or 3', () => {
    const citizens = byKind('NATURAL_PERSON').filter((user) => user.actingFor === null);
    expect(citizens.length).toBeGreaterThanOrEqual(3);
    for (const citizen of citizens) expect([2, 3]).toContain(citizen.realNameLevel);
  });

  it('seed a 勉县 company registered by 工商 and an agent acting for it', () => {
    const [company] = byKind('LEGAL_PERSON');
    expect(company?.uscc?.slice(0, 8)).toBe('91610725');
    const agents = SEED_USERS.filter((user) => user.actingFor?.code === company?.uscc);
    expect(agents).toHaveLength(1);
    expect(agents[0]).toMatchObject({ kind: 'NATURAL_PERSON', actingFor: { kind: 'LEGAL_PERSON', name: company?.name } });
  });

  it('place staff and department systems in agencies of the catalog seed', () => {
    for (const principal of [...byKind('STAFF'), ...SEED_DEPARTMENT_SYSTEMS]) {
      expect(principal.agency, principal.subject).not.toBeNull();
      expect(catalogAgencies.has(principal.agency!), principal.subject).toBe(true);
    }
  });

  it('staff each of the three agencies for every step role', () => {
    for (const name of ['勉县公安局', '勉县住房和城乡建设局', '勉县工商行政管理局']) {
      const roles = new Set(byKind('STAFF').filter((user) => catalogAgencies.get(user.agency!) === name).flatMap((user) => user.roles));
      expect([...roles].sort(), name).toEqual([...STEP_ROLES].sort());
    }
  });

  it('give each of the three agencies a department system', () => {
    const names = SEED_DEPARTMENT_SYSTEMS.map((system) => catalogAgencies.get(system.agency!));
    expect(names).toEqual(expect.arrayContaining(['勉县公安局', '勉县住房和城乡建设局', '勉县工商行政管理局']));
  });

  it('seed two auditors (one initiates a supervision order, the other reviews it) and a catalog maintainer, outside the agencies', () => {
    expect(byKind('AUDITOR')).toHaveLength(2);
    expect(byKind('CATALOG_ADMIN')).toHaveLength(1);
  });

  it('keep subjects, usernames and client ids unique', () => {
    const subjects = everyone.map((principal) => principal.subject);
    const usernames = SEED_USERS.map((user) => user.username);
    const clientIds = SEED_DEPARTMENT_SYSTEMS.map((system) => system.clientId);
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(new Set(usernames).size).toBe(usernames.length);
    expect(new Set(clientIds).size).toBe(clientIds.length);
  });

  it('are found by subject, username and client id', () => {
    const agent = findUserByUsername('chenjie');
    expect(agent?.actingFor?.kind).toBe('LEGAL_PERSON');
    expect(findUserBySubject(agent!.subject)).toBe(agent);
    expect(findPrincipalBySubject('dept-610725-police')).toBe(findDepartmentSystem('dept-610725-police'));
    expect(findUserByUsername('nobody')).toBeUndefined();
  });
});
