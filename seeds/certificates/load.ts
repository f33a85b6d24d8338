import type { Queryable } from '../../lib/db/store.ts';
import { CERTIFICATE_TYPES } from './types.ts';

/**
 * Loads the sample 证照目录 into the certificates store at start. Idempotent: upserts by type code,
 * so a changed seed updates its rows and a restart changes nothing; types added by other means stay.
 */
export async function loadCertificateTypes(db: Queryable): Promise<number> {
  for (const type of CERTIFICATE_TYPES) {
    await db.query(
      `INSERT INTO certificate_type (type_code, name, holder_code_types, issuing_agencies, implementation_codes, surface_fields, validity_years, sample)
       VALUES ($1, $2, $3::text[], $4::text[], $5::text[], $6::jsonb, $7, $8)
       ON CONFLICT (type_code) DO UPDATE SET name = EXCLUDED.name, holder_code_types = EXCLUDED.holder_code_types,
         issuing_agencies = EXCLUDED.issuing_agencies, implementation_codes = EXCLUDED.implementation_codes,
         surface_fields = EXCLUDED.surface_fields, validity_years = EXCLUDED.validity_years, sample = EXCLUDED.sample`,
      [type.typeCode, type.name, type.holderCodeTypes, type.issuingAgencies, type.implementationCodes,
        JSON.stringify(type.surfaceFields), type.validityYears, type.sample],
    );
  }
  return CERTIFICATE_TYPES.length;
}
