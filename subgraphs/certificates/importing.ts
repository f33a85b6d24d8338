import { GraphQLError } from 'graphql';
import { authorize } from '../../lib/auth/authorize.ts';
import { CERTIFICATE_OID_PREFIX, checkCertificateIdentifier } from '../../lib/codes/certificateId.ts';
import { badUserInput } from '../../lib/errors.ts';
import { chinaDate } from '../../lib/time.ts';
import { CERTIFICATE_FIELDS } from './access.ts';
import { appendAccessBatch } from '../../lib/audit/accessLog.ts';
import type { Context } from './context.ts';
import { CsvError, parseCsv } from './csv.ts';
import { validateIssuance } from './issuance.ts';
import type { CertificateModel, CertificateTypeModel, IssuanceRecord, StoredStatus } from './models.ts';
import { CertificatesRepository } from './repository.ts';
import { canonicalPayload, seal, sealedPayload } from './seal.ts';
import { signingKey } from './sealKeys.ts';

/**
 * 证照汇聚: the bulk import of certificates an agency's departmental system already issued. Each
 * row is checked like an issuance (validateIssuance) plus its identifier: well-formed with the
 * right MOD 37,36 check character (legacy USCCs inside are accepted with a warning), its type part
 * the row's typeCode and its issuer part the importing agency. Valid rows are sealed with the
 * agency's current seal key and stored (source IMPORTED) in one transaction; invalid ones are
 * reported with the field and the reason. A row identical to a stored certificate is UNCHANGED; a
 * row whose identifier is stored with other content is REJECTED — an import never overwrites.
 *
 * The whole import is refused (BAD_USER_INPUT on `content`, nothing stored) when the content is over
 * 5 MB or 10,000 rows, is not CSV with a header of known columns or not a JSON array of objects
 * with known keys.
 */

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;

export type ImportFormat = 'CSV' | 'JSON';
export type ImportOutcome = 'ACCEPTED' | 'UNCHANGED' | 'REJECTED';

export interface ImportRowReport {
  row: number;
  identifier: string | null;
  outcome: ImportOutcome;
  field: string | null;
  reason: string | null;
}

export interface ImportReport {
  accepted: number;
  unchanged: number;
  rejected: number;
  rows: ImportRowReport[];
}

/** The CSV columns (the JSON keys are the same, with `holder: { codeType, code, name }` and surfaceData an object). */
export const CSV_COLUMNS = ['identifier', 'typeCode', 'holderCodeType', 'holderCode', 'holderName', 'surfaceData', 'issuedOn', 'validFrom', 'validUntil', 'status'] as const;
const REQUIRED_CSV_COLUMNS = CSV_COLUMNS.filter((column) => column !== 'validUntil' && column !== 'status');
const JSON_KEYS = ['identifier', 'typeCode', 'holder', 'surfaceData', 'issuedOn', 'validFrom', 'validUntil', 'status'];
/** The statuses an imported certificate may carry; SUPERSEDED needs its successor and EXPIRED is computed. */
export const IMPORT_STATUSES = ['ACTIVE', 'REVOKED', 'CANCELLED'] as const;

/** One row as read, before any check: values are whatever the content held. */
interface RawRow {
  row: number;
  identifier: unknown;
  typeCode: unknown;
  holder: unknown;
  surfaceData: unknown;
  issuedOn: unknown;
  validFrom: unknown;
  validUntil: unknown;
  status: unknown;
  /** A problem found while reading the row (CSV: the wrong number of fields; JSON: not an object). */
  problem?: { field: string; reason: string };
}

const refused = (reason: string) => badUserInput('content', reason);

function readCsv(content: string): RawRow[] {
  let records: string[][];
  try {
    records = parseCsv(content);
  } catch (error) {
    if (error instanceof CsvError) throw refused(`is not valid CSV: ${error.message}`);
    throw error;
  }
  const nonBlank = records.filter((record) => !(record.length === 1 && record[0]!.trim() === ''));
  const header = nonBlank.shift();
  if (header === undefined) throw refused(`has no header row (columns: ${CSV_COLUMNS.join(', ')})`);
  const columns = header.map((name) => name.trim());
  for (const column of columns) {
    if (!(CSV_COLUMNS as readonly string[]).includes(column)) throw refused(`has an unknown column "${column}" (known columns: ${CSV_COLUMNS.join(', ')})`);
  }
  const duplicate = columns.find((column, i) => columns.indexOf(column) !== i);
  if (duplicate !== undefined) throw refused(`names the column "${duplicate}" twice`);
  const missing = REQUIRED_CSV_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) throw refused(`lacks the column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`);
  if (nonBlank.length > MAX_IMPORT_ROWS) throw refused(`has ${nonBlank.length} rows; at most ${MAX_IMPORT_ROWS} are imported at once`);

  return nonBlank.map((record, i) => {
    const value = (column: string): string | null => {
      const at = columns.indexOf(column);
      if (at < 0) return null;
      const text = (record[at] ?? '').trim();
      return text === '' ? null : text;
    };
    const row: RawRow = {
      row: i + 1,
      identifier: value('identifier'),
      typeCode: value('typeCode'),
      holder: { codeType: value('holderCodeType') ?? '', code: value('holderCode') ?? '', name: record[columns.indexOf('holderName')] ?? '' },
      surfaceData: undefined,
      issuedOn: value('issuedOn'),
      validFrom: value('validFrom'),
      validUntil: value('validUntil'),
      status: value('status'),
    };
    if (record.length !== columns.length) {
      row.problem = { field: 'row', reason: `has ${record.length} fields; the header has ${columns.length}` };
      return row;
    }
    const surface = value('surfaceData');
    if (surface === null) row.problem = { field: 'surfaceData', reason: 'is required (a JSON object of the type’s surface fields)' };
    else {
      try {
        row.surfaceData = JSON.parse(surface);
      } catch {
        row.problem = { field: 'surfaceData', reason: 'is not JSON (a JSON object of the type’s surface fields)' };
      }
    }
    return row;
  });
}

function readJson(content: string): RawRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
  } catch {
    throw refused('is not JSON');
  }
  if (!Array.isArray(parsed)) throw refused('should be a JSON array of certificates');
  if (parsed.length > MAX_IMPORT_ROWS) throw refused(`has ${parsed.length} rows; at most ${MAX_IMPORT_ROWS} are imported at once`);
  return parsed.map((item, i) => {
    const row = i + 1;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return { row, identifier: null, typeCode: null, holder: null, surfaceData: null, issuedOn: null, validFrom: null, validUntil: null, status: null, problem: { field: 'row', reason: 'should be an object' } };
    }
    const object = item as Record<string, unknown>;
    const unknown = Object.keys(object).find((key) => !JSON_KEYS.includes(key));
    if (unknown !== undefined) throw refused(`row ${row} has an unknown key "${unknown}" (known keys: ${JSON_KEYS.join(', ')})`);
    return {
      row,
      identifier: object['identifier'] ?? null,
      typeCode: object['typeCode'] ?? null,
      holder: object['holder'] ?? null,
      surfaceData: object['surfaceData'],
      issuedOn: object['issuedOn'] ?? null,
      validFrom: object['validFrom'] ?? null,
      validUntil: object['validUntil'] ?? null,
      status: object['status'] ?? null,
    };
  });
}

/** A row that passed every check that needs neither the store nor the other rows. */
interface ValidRow {
  row: number;
  identifier: string;
  serial: string;
  version: number;
  record: IssuanceRecord;
  status: Exclude<StoredStatus, 'SUPERSEDED'>;
  /** The canonical sealed payload: what "identical" compares. */
  canonical: string;
}

class RowProblem extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const text = (field: string, value: unknown, required = true): string | null => {
  if (value === null || value === undefined) {
    if (required) throw new RowProblem(field, 'is required');
    return null;
  }
  if (typeof value !== 'string') throw new RowProblem(field, 'should be a string');
  return value;
};

/** Checks one row on its own; throws RowProblem. */
function validateRow(raw: RawRow, agency: string, types: Map<string, CertificateTypeModel>, today: string): ValidRow {
  if (raw.problem) throw new RowProblem(raw.problem.field, raw.problem.reason);
  const identifier = text('identifier', raw.identifier)!;
  const check = checkCertificateIdentifier(identifier);
  if (!check.ok) throw new RowProblem('identifier', check.reason);
  const [typePart, issuerPart, serial, versionText] = identifier.slice(CERTIFICATE_OID_PREFIX.length + 1).split('.') as [string, string, string, string];
  const typeCode = text('typeCode', raw.typeCode)!;
  if (typePart !== typeCode) throw new RowProblem('identifier', `its type part ${typePart} is not the row’s typeCode ${typeCode}`);
  if (issuerPart !== agency) throw new RowProblem('identifier', `its issuer part ${issuerPart} is not your agency (${agency}): an agency imports only the certificates it issued`);
  const status = text('status', raw.status, false) ?? 'ACTIVE';
  if (!(IMPORT_STATUSES as readonly string[]).includes(status)) throw new RowProblem('status', `should be one of ${IMPORT_STATUSES.join(', ')} (or empty: ACTIVE)`);

  const holder = raw.holder;
  if (holder === null || typeof holder !== 'object' || Array.isArray(holder)) throw new RowProblem('holder', 'should be an object with codeType, code and name');
  const holderFields = holder as Record<string, unknown>;
  const surfaceData = raw.surfaceData;
  if (surfaceData === null || surfaceData === undefined || typeof surfaceData !== 'object' || Array.isArray(surfaceData)) {
    throw new RowProblem('surfaceData', 'should be a JSON object of the type’s surface fields');
  }
  try {
    const record = validateIssuance(
      {
        typeCode,
        holder: {
          codeType: text('holder.codeType', holderFields['codeType'])!,
          code: text('holder.code', holderFields['code'])!,
          name: text('holder.name', holderFields['name'])!,
        },
        surfaceData: surfaceData as Record<string, unknown>,
        issuedOn: text('issuedOn', raw.issuedOn)!,
        validFrom: text('validFrom', raw.validFrom)!,
        validUntil: text('validUntil', raw.validUntil, false),
      },
      { type: types.get(typeCode) ?? null, issuer: agency, today },
    );
    return {
      row: raw.row,
      identifier,
      serial,
      version: Number(versionText),
      record,
      status: status as ValidRow['status'],
      canonical: canonicalPayload(sealedPayload({ ...record, identifier })),
    };
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions['code'] === 'BAD_USER_INPUT') {
      throw new RowProblem(String(error.extensions['field']), String(error.extensions['reason']));
    }
    throw error;
  }
}

/** Seals computed concurrently. */
const SEAL_BATCH = 64;
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';
const IMPORTED_STATUS_REASON = 'imported with this status from the departmental register (证照汇聚)';

/** importCertificates: staff or the departmental system of the issuing agency. */
export async function importCertificates(context: Context, format: ImportFormat, content: string): Promise<ImportReport> {
  const { principal } = context.identity;
  authorize(principal, 'certificate.import');
  const agency = principal.agency!;
  if (Buffer.byteLength(content, 'utf8') > MAX_IMPORT_BYTES) throw refused(`should be at most ${MAX_IMPORT_BYTES} bytes (5 MB); split the file`);
  const rawRows = format === 'CSV' ? readCsv(content) : readJson(content);
  const at = context.now();
  const today = chinaDate(at);

  const typeCodes = [...new Set(rawRows.map((row) => row.typeCode).filter((code): code is string => typeof code === 'string' && code.length === 21))];
  const types = new Map((await context.repository.typesByCode(typeCodes)).map((type) => [type.typeCode, type]));

  const reports = new Map<number, ImportRowReport>();
  const reject = (row: number, identifier: unknown, field: string, reason: string) =>
    reports.set(row, { row, identifier: typeof identifier === 'string' ? identifier : null, outcome: 'REJECTED', field, reason });
  const candidates: ValidRow[] = [];
  const firstOf = new Map<string, ValidRow>();
  for (const raw of rawRows) {
    try {
      const valid = validateRow(raw, agency, types, today);
      const earlier = firstOf.get(valid.identifier);
      if (earlier === undefined) {
        firstOf.set(valid.identifier, valid);
        candidates.push(valid);
      } else if (earlier.canonical === valid.canonical && earlier.status === valid.status) {
        reports.set(raw.row, { row: raw.row, identifier: valid.identifier, outcome: 'UNCHANGED', field: null, reason: `the same certificate as row ${earlier.row}` });
      } else {
        reject(raw.row, valid.identifier, 'identifier', `appears again with other content (row ${earlier.row})`);
      }
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      reject(raw.row, raw.identifier, error.field, error.reason);
    }
  }

  const store = async () =>
    context.store.transaction(async (tx) => {
      const repository = new CertificatesRepository(tx);
      const outcomes = new Map<number, ImportRowReport>();
      const stored = new Map<string, CertificateModel>();
      for (let i = 0; i < candidates.length; i += 1000) {
        for (const certificate of await repository.certificatesByIdentifier(candidates.slice(i, i + 1000).map((row) => row.identifier))) {
          stored.set(certificate.identifier, certificate);
        }
      }
      const fresh: ValidRow[] = [];
      for (const row of candidates) {
        const existing = stored.get(row.identifier);
        if (existing === undefined) {
          fresh.push(row);
        } else if (canonicalPayload(sealedPayload(existing)) === row.canonical) {
          const note = existing.status === row.status ? null : `stored as ${existing.status}; an import never changes a stored certificate`;
          outcomes.set(row.row, { row: row.row, identifier: row.identifier, outcome: 'UNCHANGED', field: null, reason: note });
        } else {
          outcomes.set(row.row, {
            row: row.row,
            identifier: row.identifier,
            outcome: 'REJECTED',
            field: 'identifier',
            reason: 'is already stored with other content: an import never overwrites a certificate (use replaceCertificate)',
          });
        }
      }
      if (fresh.length === 0) return outcomes;
      const key = await signingKey(repository, agency, at);
      const serials = new Map<string, number>();
      const certificates: CertificateModel[] = [];
      // Sealing is the costly part: a few at a time, so WebCrypto's threads share it.
      for (let i = 0; i < fresh.length; i += SEAL_BATCH) {
        const batch = fresh.slice(i, i + SEAL_BATCH);
        const tokens = await Promise.all(batch.map((row) => seal(sealedPayload({ ...row.record, identifier: row.identifier }), key)));
        batch.forEach((row, j) => {
          const ended = row.status !== 'ACTIVE';
          certificates.push({
            ...row.record,
            identifier: row.identifier,
            serial: row.serial,
            version: row.version,
            status: row.status,
            statusReason: ended ? IMPORTED_STATUS_REASON : null,
            statusChangedAt: ended ? at.toISOString() : null,
            statusChangedBy: ended ? principal.subject : null,
            supersedes: null,
            supersededBy: null,
            sealKeyId: key.kid,
            sealedToken: tokens[j]!,
            issuedBy: principal.subject,
            createdAt: at.toISOString(),
            source: 'IMPORTED',
          });
          outcomes.set(row.row, { row: row.row, identifier: row.identifier, outcome: 'ACCEPTED', field: null, reason: null });
          // Native issuance numbers serials with 10 digits: keep it above every imported one of that shape.
          if (/^\d{10}$/.test(row.serial)) serials.set(row.record.typeCode, Math.max(serials.get(row.record.typeCode) ?? 0, Number(row.serial)));
        });
      }
      await repository.insertCertificates(certificates);
      await appendAccessBatch(
        tx,
        context.identity,
        certificates.map((certificate) => ({ action: 'WRITE', resourceType: 'certificate', resourceId: certificate.identifier, fields: CERTIFICATE_FIELDS })),
        at,
      );
      for (const [typeCode, serial] of serials) await repository.raiseSerial(typeCode, agency, serial);
      return outcomes;
    });

  let outcomes: Map<number, ImportRowReport>;
  try {
    outcomes = await store();
  } catch (error) {
    // A concurrent import stored one of the identifiers first: classify again against what it stored.
    if (!isUniqueViolation(error)) throw error;
    outcomes = await store();
  }
  for (const [row, report] of outcomes) reports.set(row, report);
  const rows = [...reports.values()].sort((a, b) => a.row - b.row);
  const count = (outcome: ImportOutcome) => rows.filter((row) => row.outcome === outcome).length;
  return { accepted: count('ACCEPTED'), unchanged: count('UNCHANGED'), rejected: count('REJECTED'), rows };
}
