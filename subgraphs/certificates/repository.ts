import type { JWK } from 'jose';
import type { Queryable } from '../../lib/db/store.ts';
import { iso } from '../../lib/db/rows.ts';
import type {
  CertificateModel, CertificateReadModel, CertificateSource, CertificateTypeModel, HolderCodeType, SealKeyModel, StoredStatus, SurfaceField,
} from './models.ts';

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

const TYPE_COLUMNS = 'type_code, name, holder_code_types, issuing_agencies, implementation_codes, surface_fields, validity_years, sample';

// Dates as text: a `date` column must not pass through a JavaScript Date and the server's time zone.
const CERTIFICATE_COLUMNS = `identifier, type_code, issuer_uscc, serial, version, holder_code_type, holder_code, holder_name,
  surface_data, issued_on::text AS issued_on, valid_from::text AS valid_from, valid_until::text AS valid_until,
  case_number, document_number, status, status_reason, status_changed_at, status_changed_by, supersedes, superseded_by,
  seal_kid, sealed_token, issued_by, created_at, source`;

function toType(row: Record<string, unknown>): CertificateTypeModel {
  return {
    typeCode: String(row['type_code']),
    name: String(row['name']),
    holderCodeTypes: row['holder_code_types'] as HolderCodeType[],
    issuingAgencies: row['issuing_agencies'] as string[],
    implementationCodes: row['implementation_codes'] as string[],
    surfaceFields: json<SurfaceField[]>(row['surface_fields']),
    validityYears: row['validity_years'] === null ? null : Number(row['validity_years']),
    sample: Boolean(row['sample']),
  };
}

function toCertificate(row: Record<string, unknown>): CertificateModel {
  const text = (key: string) => (row[key] === null || row[key] === undefined ? null : String(row[key]));
  return {
    identifier: String(row['identifier']),
    typeCode: String(row['type_code']),
    issuer: String(row['issuer_uscc']),
    serial: String(row['serial']),
    version: Number(row['version']),
    holder: { codeType: row['holder_code_type'] as HolderCodeType, code: String(row['holder_code']), name: String(row['holder_name']) },
    surfaceData: json<Record<string, unknown>>(row['surface_data']),
    issuedOn: String(row['issued_on']),
    validFrom: String(row['valid_from']),
    validUntil: text('valid_until'),
    caseNumber: text('case_number'),
    documentNumber: text('document_number'),
    status: row['status'] as StoredStatus,
    statusReason: text('status_reason'),
    statusChangedAt: row['status_changed_at'] === null ? null : iso(row['status_changed_at'] as Date | string),
    statusChangedBy: text('status_changed_by'),
    supersedes: text('supersedes'),
    supersededBy: text('superseded_by'),
    sealKeyId: String(row['seal_kid']),
    sealedToken: String(row['sealed_token']),
    issuedBy: String(row['issued_by']),
    createdAt: iso(row['created_at'] as Date | string),
    source: (row['source'] ?? 'ISSUED') as CertificateSource,
  };
}

function toRead(row: Record<string, unknown>): CertificateReadModel {
  return {
    id: String(row['id']),
    at: iso(row['at'] as Date | string),
    identifier: String(row['certificate_identifier']),
    typeCode: String(row['type_code']),
    holder: { codeType: row['holder_code_type'] as HolderCodeType, code: String(row['holder_code']) },
    readerSubject: String(row['reader_subject']),
    readerName: row['reader_name'] === null ? null : String(row['reader_name']),
    readerAgency: String(row['reader_agency']),
    caseNumber: String(row['case_number']),
    purpose: String(row['purpose']),
    accessLogSequence: Number(row['access_log_sequence']),
  };
}

/** Where a page of a holder's reads continues: after this time and id. */
export interface ReadPosition {
  at: string;
  id: string;
}

function toSealKey(row: Record<string, unknown>): SealKeyModel {
  return {
    kid: String(row['kid']),
    agency: String(row['agency_uscc']),
    algorithm: 'ES256',
    createdAt: iso(row['created_at'] as Date | string),
    retiredAt: row['retired_at'] === null ? null : iso(row['retired_at'] as Date | string),
  };
}

export interface StoredSealKey extends SealKeyModel {
  publicJwk: JWK;
  privateJwk: JWK;
}

/** Where a page of a wallet continues: after this creation time and identifier. */
export interface WalletPosition {
  createdAt: string;
  identifier: string;
}

/** Parameterised SQL over the certificates store; every read takes a list of keys. */
export class CertificatesRepository {
  constructor(private readonly db: Queryable) {}

  async allTypes(): Promise<CertificateTypeModel[]> {
    const { rows } = await this.db.query(`SELECT ${TYPE_COLUMNS} FROM certificate_type ORDER BY type_code`);
    return rows.map(toType);
  }

  async typesByCode(typeCodes: readonly string[]): Promise<CertificateTypeModel[]> {
    const { rows } = await this.db.query(`SELECT ${TYPE_COLUMNS} FROM certificate_type WHERE type_code = ANY($1::text[])`, [[...typeCodes]]);
    return rows.map(toType);
  }

  async certificatesByIdentifier(identifiers: readonly string[]): Promise<CertificateModel[]> {
    const { rows } = await this.db.query(`SELECT ${CERTIFICATE_COLUMNS} FROM certificate WHERE identifier = ANY($1::text[])`, [[...identifiers]]);
    return rows.map(toCertificate);
  }

  /** Per case: its active certificate, else the newest one it produced. One statement for the batch. */
  async certificatesByCase(caseNumbers: readonly string[]): Promise<CertificateModel[]> {
    const { rows } = await this.db.query(
      `SELECT DISTINCT ON (case_number) ${CERTIFICATE_COLUMNS} FROM certificate
        WHERE case_number = ANY($1::text[])
        ORDER BY case_number, (status = 'ACTIVE') DESC, created_at DESC, version DESC`,
      [[...caseNumbers]],
    );
    return rows.map(toCertificate);
  }

  /** An active certificate of this type from this case, if any (the one-per-case rule). */
  async activeFromCase(caseNumber: string, typeCode: string): Promise<string | null> {
    const { rows } = await this.db.query<{ identifier: string }>(
      "SELECT identifier FROM certificate WHERE case_number = $1 AND type_code = $2 AND status = 'ACTIVE'",
      [caseNumber, typeCode],
    );
    return rows[0]?.identifier ?? null;
  }

  /** A holder's certificates, newest first; `holders` are (code type, code) pairs. */
  async wallet(
    holders: ReadonlyArray<{ codeType: HolderCodeType; code: string }>,
    activeOnly: boolean,
    limit: number,
    after: WalletPosition | null,
  ): Promise<CertificateModel[]> {
    const params: unknown[] = [holders.map((holder) => holder.codeType), holders.map((holder) => holder.code), limit];
    const conditions = ['(holder_code_type, holder_code) IN (SELECT * FROM unnest($1::text[], $2::text[]))'];
    if (activeOnly) conditions.push("status = 'ACTIVE'");
    if (after !== null) {
      params.push(after.createdAt, after.identifier);
      conditions.push('(created_at, identifier) < ($4::timestamptz, $5)');
    }
    const { rows } = await this.db.query(
      `SELECT ${CERTIFICATE_COLUMNS} FROM certificate WHERE ${conditions.join(' AND ')}
        ORDER BY created_at DESC, identifier DESC LIMIT $3`,
      params,
    );
    return rows.map(toCertificate);
  }

  /** The next serial of (type, issuer): one statement, so concurrent issuances never share one. */
  async nextSerial(typeCode: string, issuer: string): Promise<number> {
    const { rows } = await this.db.query<{ last_value: string | number }>(
      `INSERT INTO certificate_sequence (type_code, issuer_uscc, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (type_code, issuer_uscc) DO UPDATE SET last_value = certificate_sequence.last_value + 1
       RETURNING last_value`,
      [typeCode, issuer],
    );
    return Number(rows[0]!.last_value);
  }

  /** Stores a certificate with its status (ACTIVE when issued; an imported one may arrive revoked or cancelled). */
  async insertCertificate(certificate: CertificateModel): Promise<void> {
    await this.db.query(
      `INSERT INTO certificate (identifier, type_code, issuer_uscc, serial, version, holder_code_type, holder_code, holder_name,
         surface_data, issued_on, valid_from, valid_until, case_number, document_number, status, supersedes, seal_kid,
         sealed_token, issued_by, created_at, source, status_reason, status_changed_at, status_changed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::date, $11::date, $12::date, $13, $14, $15, $16, $17, $18, $19,
         $20::timestamptz, $21, $22, $23::timestamptz, $24)`,
      [
        certificate.identifier, certificate.typeCode, certificate.issuer, certificate.serial, certificate.version,
        certificate.holder.codeType, certificate.holder.code, certificate.holder.name, JSON.stringify(certificate.surfaceData),
        certificate.issuedOn, certificate.validFrom, certificate.validUntil, certificate.caseNumber, certificate.documentNumber,
        certificate.status, certificate.supersedes, certificate.sealKeyId, certificate.sealedToken, certificate.issuedBy,
        certificate.createdAt, certificate.source, certificate.statusReason, certificate.statusChangedAt, certificate.statusChangedBy,
      ],
    );
  }

  /** Stores many certificates, 500 a statement (the bulk import); the same columns as insertCertificate. */
  async insertCertificates(certificates: readonly CertificateModel[]): Promise<void> {
    for (let i = 0; i < certificates.length; i += 500) {
      const chunk = certificates.slice(i, i + 500).map((c) => ({
        identifier: c.identifier, type_code: c.typeCode, issuer_uscc: c.issuer, serial: c.serial, version: c.version,
        holder_code_type: c.holder.codeType, holder_code: c.holder.code, holder_name: c.holder.name, surface_data: c.surfaceData,
        issued_on: c.issuedOn, valid_from: c.validFrom, valid_until: c.validUntil, case_number: c.caseNumber, document_number: c.documentNumber,
        status: c.status, supersedes: c.supersedes, seal_kid: c.sealKeyId, sealed_token: c.sealedToken, issued_by: c.issuedBy,
        created_at: c.createdAt, source: c.source, status_reason: c.statusReason, status_changed_at: c.statusChangedAt, status_changed_by: c.statusChangedBy,
      }));
      await this.db.query(
        `INSERT INTO certificate (identifier, type_code, issuer_uscc, serial, version, holder_code_type, holder_code, holder_name,
           surface_data, issued_on, valid_from, valid_until, case_number, document_number, status, supersedes, seal_kid,
           sealed_token, issued_by, created_at, source, status_reason, status_changed_at, status_changed_by)
         SELECT identifier, type_code, issuer_uscc, serial, version, holder_code_type, holder_code, holder_name,
           surface_data, issued_on, valid_from, valid_until, case_number, document_number, status, supersedes, seal_kid,
           sealed_token, issued_by, created_at, source, status_reason, status_changed_at, status_changed_by
           FROM jsonb_to_recordset($1::jsonb) AS c(identifier text, type_code text, issuer_uscc text, serial text, version integer,
             holder_code_type text, holder_code text, holder_name text, surface_data jsonb, issued_on date, valid_from date,
             valid_until date, case_number text, document_number text, status text, supersedes text, seal_kid text,
             sealed_token text, issued_by text, created_at timestamptz, source text, status_reason text,
             status_changed_at timestamptz, status_changed_by text)`,
        [JSON.stringify(chunk)],
      );
    }
  }

  /**
   * Raises the (type, issuer) serial sequence to at least `value`, so issuance after an import of
   * legacy certificates with 10-digit serials never takes a serial an imported one holds.
   */
  async raiseSerial(typeCode: string, issuer: string, value: number): Promise<void> {
    await this.db.query(
      `INSERT INTO certificate_sequence (type_code, issuer_uscc, last_value) VALUES ($1, $2, $3)
       ON CONFLICT (type_code, issuer_uscc) DO UPDATE SET last_value = GREATEST(certificate_sequence.last_value, EXCLUDED.last_value)`,
      [typeCode, issuer, value],
    );
  }

  /** Records a purpose-bound read; run in the transaction that writes its access-log entry. */
  async insertRead(read: Omit<CertificateReadModel, 'id'>): Promise<void> {
    await this.db.query(
      `INSERT INTO certificate_read (at, certificate_identifier, holder_code_type, holder_code, reader_subject, reader_name,
         reader_agency, case_number, purpose, access_log_sequence)
       VALUES ($1::timestamptz, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [read.at, read.identifier, read.holder.codeType, read.holder.code, read.readerSubject, read.readerName, read.readerAgency,
        read.caseNumber, read.purpose, read.accessLogSequence],
    );
  }

  /** Purpose-bound reads of the holders' certificates, newest first. */
  async readsOfHolders(
    holders: ReadonlyArray<{ codeType: HolderCodeType; code: string }>,
    limit: number,
    after: ReadPosition | null,
  ): Promise<CertificateReadModel[]> {
    const params: unknown[] = [holders.map((holder) => holder.codeType), holders.map((holder) => holder.code), limit];
    const conditions = ['(r.holder_code_type, r.holder_code) IN (SELECT * FROM unnest($1::text[], $2::text[]))'];
    if (after !== null) {
      params.push(after.at, after.id);
      conditions.push('(r.at, r.id) < ($4::timestamptz, $5::bigint)');
    }
    const { rows } = await this.db.query(
      `SELECT r.id, r.at, r.certificate_identifier, c.type_code, r.holder_code_type, r.holder_code, r.reader_subject, r.reader_name,
              r.reader_agency, r.case_number, r.purpose, r.access_log_sequence
         FROM certificate_read r JOIN certificate c ON c.identifier = r.certificate_identifier
        WHERE ${conditions.join(' AND ')}
        ORDER BY r.at DESC, r.id DESC LIMIT $3`,
      params,
    );
    return rows.map(toRead);
  }

  /**
   * Moves an ACTIVE certificate to another status; false when it is no longer ACTIVE (a concurrent
   * change won). The WHERE clause is the guard, so two revocations cannot both succeed.
   */
  async changeStatus(
    identifier: string,
    status: Exclude<StoredStatus, 'ACTIVE'>,
    change: { reason: string; at: string; by: string },
  ): Promise<boolean> {
    const { rows } = await this.db.query(
      `UPDATE certificate SET status = $2, status_reason = $3, status_changed_at = $4::timestamptz, status_changed_by = $5
       WHERE identifier = $1 AND status = 'ACTIVE' RETURNING identifier`,
      [identifier, status, change.reason, change.at, change.by],
    );
    return rows.length === 1;
  }

  /** Links a superseded certificate to its replacement, once the replacement row exists (a foreign key). */
  async linkSuccessor(identifier: string, successor: string): Promise<void> {
    await this.db.query('UPDATE certificate SET superseded_by = $2 WHERE identifier = $1', [identifier, successor]);
  }

  /** The agency's current signing key, or null before its first issuance. */
  async currentSealKey(agency: string): Promise<StoredSealKey | null> {
    const { rows } = await this.db.query(
      'SELECT kid, agency_uscc, public_jwk, private_jwk, created_at, retired_at FROM seal_key WHERE agency_uscc = $1 AND retired_at IS NULL',
      [agency],
    );
    const row = rows[0];
    return row ? { ...toSealKey(row), publicJwk: json<JWK>(row['public_jwk']), privateJwk: json<JWK>(row['private_jwk']) } : null;
  }

  /** Stores a new current key unless the agency has one (a concurrent first issuance); answers whether it did. */
  async insertSealKey(key: { kid: string; agency: string; publicJwk: JWK; privateJwk: JWK; at: string }): Promise<boolean> {
    const { rows } = await this.db.query(
      `INSERT INTO seal_key (kid, agency_uscc, public_jwk, private_jwk, created_at) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5::timestamptz)
       ON CONFLICT (agency_uscc) WHERE retired_at IS NULL DO NOTHING RETURNING kid`,
      [key.kid, key.agency, JSON.stringify(key.publicJwk), JSON.stringify(key.privateJwk), key.at],
    );
    return rows.length === 1;
  }

  async retireSealKeys(agency: string, at: string): Promise<void> {
    await this.db.query('UPDATE seal_key SET retired_at = $2::timestamptz WHERE agency_uscc = $1 AND retired_at IS NULL', [agency, at]);
  }

  /** Public keys by kid (retired ones included): what verification and the JWKS need. */
  async sealKeysByKid(kids: readonly string[]): Promise<Array<SealKeyModel & { publicJwk: JWK }>> {
    const { rows } = await this.db.query(
      'SELECT kid, agency_uscc, public_jwk, created_at, retired_at FROM seal_key WHERE kid = ANY($1::text[])',
      [[...kids]],
    );
    return rows.map((row) => ({ ...toSealKey(row), publicJwk: json<JWK>(row['public_jwk']) }));
  }

  async allSealKeys(): Promise<Array<SealKeyModel & { publicJwk: JWK }>> {
    const { rows } = await this.db.query('SELECT kid, agency_uscc, public_jwk, created_at, retired_at FROM seal_key ORDER BY agency_uscc, created_at, kid');
    return rows.map((row) => ({ ...toSealKey(row), publicJwk: json<JWK>(row['public_jwk']) }));
  }
}
