import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/config.ts';
import { APPLICATION_INTAKE_WSDL, departmentSystemFor, loadDepartmentSystems, parseDepartmentSystems } from './config.ts';

const HOUSING = '11610725TB72501263';
const POLICE = '11610725TB7250054A';

const entry = (overrides: Record<string, unknown> = {}) => ({
  agency: HOUSING,
  name: '住建局业务系统',
  endpoint: 'https://zjj.example.gov.cn/ws/ApplicationIntake',
  username: 'tongban',
  password: 's3cret',
  ...overrides,
});

function refusal(raw: unknown): string {
  try {
    parseDepartmentSystems(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('DEPARTMENT_SYSTEMS', () => {
  it('unset means the simulated 勉县住房和城乡建设局 system on port 4008', () => {
    const { systems, simulated } = loadDepartmentSystems({});
    expect(simulated).toBe(true);
    expect(systems).toEqual([
      expect.objectContaining({ agency: HOUSING, endpoint: 'http://127.0.0.1:4008/soap/ApplicationIntake', wsdl: APPLICATION_INTAKE_WSDL, timeoutMs: 10_000 }),
    ]);
    expect(loadDepartmentSystems({}, { port: 5008 }).systems[0]!.endpoint).toBe('http://127.0.0.1:5008/soap/ApplicationIntake');
  });

  it('reads a JSON array with defaults for the WSDL and the timeout', () => {
    const { systems, simulated } = loadDepartmentSystems({
      DEPARTMENT_SYSTEMS: JSON.stringify([entry(), entry({ agency: POLICE, wsdl: 'adapters/departments/wsdl/ApplicationIntake.wsdl', timeoutMs: 3000 })]),
    });
    expect(simulated).toBe(false);
    expect(systems).toHaveLength(2);
    expect(systems[0]).toEqual({
      agency: HOUSING,
      name: '住建局业务系统',
      endpoint: 'https://zjj.example.gov.cn/ws/ApplicationIntake',
      wsdl: APPLICATION_INTAKE_WSDL,
      credentials: { username: 'tongban', password: 's3cret' },
      timeoutMs: 10_000,
    });
    expect(systems[1]).toMatchObject({ agency: POLICE, wsdl: APPLICATION_INTAKE_WSDL, timeoutMs: 3000 });
    expect(departmentSystemFor(systems, POLICE)?.timeoutMs).toBe(3000);
    expect(departmentSystemFor(systems, '11610725TB72500000')).toBeUndefined();
  });

  it('names the variable, the entry and the field of what is wrong', () => {
    expect(refusal('[{')).toMatch(/^DEPARTMENT_SYSTEMS: expected a JSON array .* not JSON/);
    expect(refusal('{"agency":"x"}')).toBe('DEPARTMENT_SYSTEMS: expected a JSON array of departmental systems');
    expect(refusal([entry(), 'x'])).toMatch(/^DEPARTMENT_SYSTEMS: entry 1: expected an object/);
    expect(refusal([entry({ endpoint: undefined })])).toBe(`DEPARTMENT_SYSTEMS: entry 0 (agency ${HOUSING}): endpoint is required`);
    expect(refusal([entry({ endpoint: 'ftp://x/y' })])).toBe(`DEPARTMENT_SYSTEMS: entry 0 (agency ${HOUSING}): endpoint should be an http or https URL, got 'ftp:'`);
    expect(refusal([entry({ endpoint: 'not a url' })])).toMatch(/entry 0 .*endpoint should be an http or https URL, got 'not a url'/);
    expect(refusal([entry({ agency: '11610725TB72501264' })])).toMatch(/entry 0 \(agency 11610725TB72501264\): agency should be the agency's unified social credit code \(check character/);
    expect(refusal([entry({ password: '' })])).toMatch(/entry 0 .*password should be a non-empty string/);
    expect(refusal([entry({ timeoutMs: 5 })])).toMatch(/entry 0 .*timeoutMs should be a whole number of milliseconds between 100 and 600000, got 5/);
    expect(refusal([entry({ timeout: 5000 })])).toMatch(/entry 0 .*timeout is not a known field/);
    expect(refusal([entry({ wsdl: 'adapters/departments/wsdl/Missing.wsdl' })])).toMatch(/entry 0 .*wsdl file not found: .*Missing\.wsdl/);
    expect(refusal([entry({ wsdl: 'https://dept.example/service?wsdl' })])).toMatch(/wsdl should be a file kept in the repository/);
    expect(refusal([entry(), entry({ name: 'again' })])).toBe(`DEPARTMENT_SYSTEMS: entry 1: agency ${HOUSING} is already configured by entry 0; an agency has one system`);
  });
});
