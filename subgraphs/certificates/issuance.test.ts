import { describe, expect, it } from 'vitest';
import type { GraphQLError } from 'graphql';
import { CERTIFICATE_TYPES } from '../../seeds/certificates/types.ts';
import { caseProblem, validateIssuance, validateSurfaceData, type IssuanceInput } from './issuance.ts';
import type { CertificateTypeModel } from './models.ts';
import { COMPANY, DRIVING, drivingInput, HOTEL, hotelCase, hotelInput, HOUSING, POLICE, WANGFANG } from './testSupport.ts';

const typeOf = (code: string): CertificateTypeModel => CERTIFICATE_TYPES.find((type) => type.typeCode === code)!;
const TODAY = '2025-06-01';

function refusal(run: () => unknown): { field: string; reason: string; elements?: unknown } {
  try {
    run();
  } catch (error) {
    const extensions = (error as GraphQLError).extensions as { code: string; field: string; reason: string; elements?: unknown };
    expect(extensions.code).toBe('BAD_USER_INPUT');
    return extensions;
  }
  throw new Error('expected a refusal');
}

describe('validateIssuance (shared by issuance, replacement and the bulk import)', () => {
  it('returns the record to store and seal', () => {
    const record = validateIssuance(hotelInput(1) as unknown as IssuanceInput, { type: typeOf(HOTEL), issuer: POLICE, today: TODAY });
    expect(record).toEqual({
      typeCode: HOTEL,
      issuer: POLICE,
      holder: { codeType: '001', code: COMPANY, name: '勉县汉江绿源农业开发有限公司' },
      surfaceData: { businessName: '汉江绿源宾馆', legalRepresentative: '陈杰', address: '陕西省汉中市勉县勉阳街道定军路12号', scope: '旅馆业', rooms: 24, beds: 40 },
      issuedOn: '2025-05-30',
      validFrom: '2025-05-30',
      validUntil: null,
      caseNumber: hotelInput(1)['caseNumber'],
      documentNumber: '勉公特旅字〔2025〕1号',
    });
  });

  it('checks the type first: format, existence, issuer', () => {
    expect(refusal(() => validateIssuance({ ...(hotelInput(1) as unknown as IssuanceInput), typeCode: 'x' }, { type: null, issuer: POLICE, today: TODAY })).field).toBe('typeCode');
    expect(refusal(() => validateIssuance(hotelInput(1) as unknown as IssuanceInput, { type: null, issuer: POLICE, today: TODAY })).reason).toMatch(/证照目录/);
    expect(refusal(() => validateIssuance(hotelInput(1) as unknown as IssuanceInput, { type: typeOf(HOTEL), issuer: HOUSING, today: TODAY })).reason).toMatch(HOUSING);
  });

  it('accepts a validity of exactly the type’s years and refuses one day more', () => {
    const ok = validateIssuance(drivingInput({ validUntil: '2035-05-20' }) as unknown as IssuanceInput, { type: typeOf(DRIVING), issuer: POLICE, today: TODAY });
    expect(ok.validUntil).toBe('2035-05-20');
    expect(refusal(() => validateIssuance(drivingInput({ validUntil: '2035-05-21' }) as unknown as IssuanceInput, { type: typeOf(DRIVING), issuer: POLICE, today: TODAY })).field).toBe('validUntil');
  });

  it('checks surface data field by field: dates, integers, enums, lengths, unknown fields', () => {
    const driving = typeOf(DRIVING);
    const base = drivingInput()['surfaceData'] as Record<string, unknown>;
    expect(refusal(() => validateSurfaceData(driving, { ...base, birthDate: '1985-02-30' })).field).toBe('surfaceData.birthDate');
    expect(refusal(() => validateSurfaceData(driving, { ...base, vehicleClass: 'Z' })).field).toBe('surfaceData.vehicleClass');
    expect(refusal(() => validateSurfaceData(driving, { ...base, fileNumber: '1234567890123' })).field).toBe('surfaceData.fileNumber');
    expect(refusal(() => validateSurfaceData(driving, { ...base, name: ' 王芳' })).reason).toMatch(/spaces/);
    expect(refusal(() => validateSurfaceData(typeOf(HOTEL), { ...(hotelInput(1)['surfaceData'] as object), rooms: 2.5 })).field).toBe('surfaceData.rooms');
    expect(validateSurfaceData(typeOf(HOTEL), { ...(hotelInput(1)['surfaceData'] as object), beds: null })).not.toHaveProperty('beds');
  });
});

describe('caseProblem', () => {
  const record = validateIssuance(hotelInput(1) as unknown as IssuanceInput, { type: typeOf(HOTEL), issuer: POLICE, today: TODAY });
  const field = (facts: ReturnType<typeof hotelCase> | null) => (caseProblem(record, typeOf(HOTEL), facts)?.extensions as { field?: string } | undefined)?.field ?? null;

  it('accepts the completed case of the issuer with the result’s document number and the holder as applicant', () => {
    expect(caseProblem(record, typeOf(HOTEL), hotelCase(1))).toBeNull();
  });

  it('names what does not fit', () => {
    expect(field(null)).toBe('caseNumber');
    expect(field(hotelCase(1, { implementationCode: '610725000000TB7250054101' }))).toBe('typeCode');
    expect(field(hotelCase(1, { applicant: { kind: 'NATURAL_PERSON', name: '王芳', idType: 'CITIZEN_ID', idNumber: WANGFANG } }))).toBe('holder.code');
    expect(field(hotelCase(1, { result: { kind: 'CERTIFICATE_ISSUED', completedAt: '2025-05-30T02:00:00.000Z', documentName: null, documentNumber: null } }))).toBe('documentNumber');
  });
});

describe('the sample 证照目录', () => {
  it('names valid type codes, unique surface fields and enum values for every ENUM', () => {
    for (const type of CERTIFICATE_TYPES) {
      expect(type.typeCode).toMatch(/^[0-9A-Z]{18}\d{3}$/);
      expect(new Set(type.surfaceFields.map((field) => field.name)).size).toBe(type.surfaceFields.length);
      for (const field of type.surfaceFields) if (field.type === 'ENUM') expect(field.values?.length).toBeGreaterThan(0);
      expect(type.sample).toBe(true);
    }
    expect(new Set(CERTIFICATE_TYPES.map((type) => type.typeCode)).size).toBe(CERTIFICATE_TYPES.length);
  });

  it('matches the catalog seed: each implementation’s agency issues the type, and its result is the type’s certificate', async () => {
    const { buildCatalogSeed } = await import('../../seeds/catalog/build.ts');
    const guides = new Map(buildCatalogSeed().guides.map((guide) => [guide.implementationCode, guide]));
    for (const type of CERTIFICATE_TYPES) {
      for (const code of type.implementationCodes) {
        const guide = guides.get(code)!;
        expect(guide).toBeDefined();
        expect(type.issuingAgencies).toContain(guide.agencyUscc);
        expect((guide.content as { result: { name: string; kind: string } }).result).toMatchObject({ name: type.name, kind: 'CERTIFICATE' });
      }
    }
  });
});
