import { describe, expect, it } from 'vitest';
import type { CatalogSource } from '../datasources/catalog.ts';
import { makeBasicCode } from '../../../lib/codes/basicCode.ts';
import { catalogRegion, checkPeriod, checkScope, regionPrefix } from './scope.ts';
import { guideFigures } from './testSupport.ts';

const POLICE = '11610725TB7250054A';
const GUIDE = '610725000000TB7250054102';
const ELSEWHERE = '610702000000TB7020011101';
const BASIC = makeBasicCode('LICENSE', 54, 2);

const catalog: CatalogSource = {
  async agencyName(uscc) {
    return uscc === POLICE ? '勉县公安局' : null;
  },
  async guide(code) {
    return code === GUIDE ? { implementationCode: GUIDE, name: '旅馆业特种行业许可证核发', agency: POLICE, itemType: 'LICENSE' } : null;
  },
  async guidesInScope(scope) {
    if ('implementationCode' in scope && scope.implementationCode === GUIDE) return [guideFigures({ implementationCode: GUIDE })];
    if ('basicCode' in scope && scope.basicCode === BASIC) return [guideFigures({ implementationCode: GUIDE }), guideFigures({ implementationCode: ELSEWHERE })];
    return [];
  },
};

async function refusal(promise: Promise<unknown> | (() => unknown)) {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('expected a refusal');
}

describe('the scope of the figures', () => {
  it('takes one existing agency, one region prefix, one existing guide or one implemented basic item', async () => {
    expect(await checkScope({ agency: POLICE }, catalog)).toEqual({ kind: 'agency', agency: POLICE });
    expect(await checkScope({ implementationCode: GUIDE }, catalog)).toMatchObject({ kind: 'guides', implementationCodes: [GUIDE] });
    expect(await checkScope({ basicCode: BASIC }, catalog)).toMatchObject({ kind: 'guides', implementationCodes: [GUIDE, ELSEWHERE] });
    expect(await checkScope({ region: '610725' }, catalog)).toEqual({ kind: 'region', prefix: '610725' });
  });

  it('reads a six-digit city or province code as its prefix', () => {
    expect(regionPrefix('61')).toBe('61');
    expect(regionPrefix('610000')).toBe('61');
    expect(regionPrefix('6107')).toBe('6107');
    expect(regionPrefix('610700')).toBe('6107');
    expect(catalogRegion('6107')).toBe('610700');
    expect(catalogRegion('61')).toBe('610000');
  });

  it.each([
    [{}, 'scope'],
    [{ agency: POLICE, region: '6107' }, 'scope'],
    [{ agency: 'not-a-uscc' }, 'scope.agency'],
    [{ agency: '91610725MA6YX1234Y' }, 'scope.agency'],
    [{ region: '6' }, 'scope.region'],
    [{ region: '61072' }, 'scope.region'],
    [{ region: '99' }, 'scope.region'],
    [{ region: '6100' }, 'scope.region'],
    [{ region: '610025' }, 'scope.region'],
    [{ implementationCode: 'short' }, 'scope.implementationCode'],
    [{ implementationCode: '610725000000TB7250054199' }, 'scope.implementationCode'],
    [{ basicCode: 'short' }, 'scope.basicCode'],
    [{ basicCode: makeBasicCode('LICENSE', 54, 3) }, 'scope.basicCode'],
    [{ basicCode: BASIC, implementationCode: GUIDE }, 'scope'],
  ])('refuses %j naming %s', async (scope, field) => {
    expect(await refusal(checkScope(scope, catalog))).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('the period of the figures', () => {
  it('bounds a period of China dates by China midnights', () => {
    const period = checkPeriod({ from: '2026-03-01', to: '2026-03-31' });
    expect(period.start.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(period.end.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(checkPeriod({ from: '2024-01-01', to: '2024-12-31' }).to).toBe('2024-12-31');
  });

  it.each([
    [{ from: '2026-02-30', to: '2026-03-01' }, 'period.from'],
    [{ from: '2026-03-01', to: '31.03.2026' }, 'period.to'],
    [{ from: '2026-03-02', to: '2026-03-01' }, 'period.to'],
    [{ from: '2025-01-01', to: '2026-01-02' }, 'period.to'],
  ])('refuses %j naming %s', async (period, field) => {
    expect(await refusal(() => checkPeriod(period))).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
