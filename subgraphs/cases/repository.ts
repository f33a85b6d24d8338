import type { Queryable, Store } from '../../lib/db/store.ts';
import { iso, isoOrNull } from '../../lib/db/rows.ts';
import type { GuideTerms } from './datasources/catalog.ts';
import type { CaseSnapshot, ProcessRecord } from './domain/processRecord.ts';
import type { StoredDeadlines } from './deadlines/index.ts';

/** A case row as the resolvers use it. */
export interface CaseRow {
  caseNumber: string;
  implementationCode: string;
  version: number;
  snapshot: CaseSnapshot;
  guideVersion: number;
  guideTerms: GuideTerms;
  formData: Record<string, unknown> | null;
  deadlines: StoredDeadlines | null;
  dueOn: string | null;
  submittedAt: string;
  acceptedAt: string | null;
  submittedBy: string;
  clientRequestId: string;
  requestSha256: string;
}

export interface RecordRow {
  record: ProcessRecord;
  recordedAt: string;
}

export interface MaterialRow {
  caseNumber: string;
  materialId: string;
  name: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  receivedAt: string;
}

/** A file already checked (type, size) and hashed, ready to store. */
export interface MaterialFile {
  materialId: string;
  name: string;
  fileName: string;
  contentType: string;
  content: Buffer;
  sha256: string;
}

const dateOrNull = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  // pg returns DATE as a local-midnight Date; PGlite as a Date at UTC midnight or a string.
  if (value instanceof Date) {
    const local = new Date(value.getTime() - value.getTimezoneOffset() * 60_000);
    return (value.getUTCHours() === 0 ? value : local).toISOString().slice(0, 10);
  }
  return String(value).slice(0, 10);
};

const CASE_COLUMNS = `case_number, implementation_code, version, snapshot, guide_version, guide_terms, form_data, deadlines,
  due_on::text AS due_on, submitted_at, accepted_at, submitted_by, client_request_id, request_sha256`;

function toCase(row: Record<string, unknown>): CaseRow {
  return {
    caseNumber: String(row['case_number']),
    implementationCode: String(row['implementation_code']),
    version: Number(row['version']),
    snapshot: row['snapshot'] as CaseSnapshot,
    guideVersion: Number(row['guide_version']),
    guideTerms: row['guide_terms'] as GuideTerms,
    formData: (row['form_data'] as Record<string, unknown> | null) ?? null,
    deadlines: (row['deadlines'] as StoredDeadlines | null) ?? null,
    dueOn: dateOrNull(row['due_on']),
    submittedAt: iso(row['submitted_at']),
    acceptedAt: isoOrNull(row['accepted_at']),
    submittedBy: String(row['submitted_by']),
    clientRequestId: String(row['client_request_id']),
    requestSha256: String(row['request_sha256']),
  };
}

export interface NewCase {
  snapshot: CaseSnapshot;
  record: ProcessRecord;
  guideTerms: GuideTerms;
  formData: Record<string, unknown> | null;
  materials: MaterialFile[];
  submittedBy: string;
  clientRequestId: string;
  requestSha256: string;
}

export interface CaseUpdate {
  before: CaseSnapshot;
  next: CaseSnapshot;
  record: ProcessRecord;
  deadlines: StoredDeadlines | null;
  dueOn: string | null;
  acceptedAt: string | null;
  materials: MaterialFile[];
}

/** Filters of lists; `agency` limits to cases the agency owns or takes part in. */
export interface CaseListFilter {
  /** Citizen IDs / USCCs: cases where one is the applicant or the agent. */
  parties?: readonly string[];
  agency?: string;
  states?: readonly string[];
  step?: string;
  dueOnOrBefore?: string;
}

export class CasesRepository {
  constructor(private readonly store: Store) {}

  /**
   * The next sequence number of (implementation code, year), in its own transaction: the row lock
   * is held for one statement, not for the whole submission.
   */
  async nextSequence(implementationCode: string, year: number): Promise<number> {
    const { rows } = await this.store.query<{ last_value: number }>(
      `INSERT INTO case_sequence (implementation_code, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (implementation_code, year) DO UPDATE SET last_value = case_sequence.last_value + 1
       RETURNING last_value`,
      [implementationCode, year],
    );
    return Number(rows[0]!.last_value);
  }

  async bySubmission(submittedBy: string, clientRequestId: string): Promise<CaseRow | null> {
    const { rows } = await this.store.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE submitted_by = $1 AND client_request_id = $2`, [
      submittedBy,
      clientRequestId,
    ]);
    return rows[0] ? toCase(rows[0]) : null;
  }

  /** Cases by number, in the order asked; null for unknown numbers. One statement. */
  async casesByNumber(caseNumbers: readonly string[]): Promise<Array<CaseRow | null>> {
    const { rows } = await this.store.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE case_number = ANY($1::text[])`, [caseNumbers]);
    const byNumber = new Map(rows.map((row) => [String(row['case_number']), toCase(row)]));
    return caseNumbers.map((number) => byNumber.get(number) ?? null);
  }

  /** Every record of the given cases, oldest first. One statement whatever the number of steps. */
  async recordsOf(caseNumbers: readonly string[]): Promise<Map<string, RecordRow[]>> {
    const { rows } = await this.store.query(
      'SELECT case_number, record, recorded_at FROM case_record WHERE case_number = ANY($1::text[]) ORDER BY case_number, version',
      [caseNumbers],
    );
    const out = new Map<string, RecordRow[]>(caseNumbers.map((number) => [number, []]));
    for (const row of rows) out.get(String(row['case_number']))?.push({ record: row['record'] as ProcessRecord, recordedAt: iso(row['recorded_at']) });
    return out;
  }

  async materialsOf(caseNumbers: readonly string[]): Promise<Map<string, MaterialRow[]>> {
    const { rows } = await this.store.query(
      `SELECT case_number, material_id, name, file_name, content_type, size, sha256, received_at
         FROM case_material WHERE case_number = ANY($1::text[]) ORDER BY case_number, received_at, material_id`,
      [caseNumbers],
    );
    const out = new Map<string, MaterialRow[]>(caseNumbers.map((number) => [number, []]));
    for (const row of rows) {
      out.get(String(row['case_number']))?.push({
        caseNumber: String(row['case_number']),
        materialId: String(row['material_id']),
        name: String(row['name']),
        fileName: String(row['file_name']),
        contentType: String(row['content_type']),
        size: Number(row['size']),
        sha256: String(row['sha256']),
        receivedAt: iso(row['received_at']),
      });
    }
    return out;
  }

  /** Writes a new case, its first record and its files in one transaction; the record's recorded_at. */
  async insertCase(tx: Queryable, created: NewCase): Promise<string> {
    const { snapshot, record } = created;
    await tx.query(
      `INSERT INTO cases (case_number, implementation_code, name, kind, state, owning_agency, participating_agencies,
         applicant_id_number, agent_id_number, version, snapshot, guide_version, guide_terms, form_data, open_steps,
         submitted_at, updated_at, submitted_by, client_request_id, request_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13::jsonb, $14::jsonb, '{}', $15, $15, $16, $17, $18)`,
      [
        snapshot.caseNumber,
        created.guideTerms.implementationCode,
        snapshot.name,
        snapshot.kind,
        snapshot.state,
        snapshot.owningAgency,
        snapshot.participatingAgencies,
        snapshot.applicant.idNumber,
        snapshot.agent?.idNumber ?? null,
        snapshot.version,
        JSON.stringify(snapshot),
        created.guideTerms.version,
        JSON.stringify(created.guideTerms),
        created.formData === null ? null : JSON.stringify(created.formData),
        snapshot.application.submittedAt,
        created.submittedBy,
        created.clientRequestId,
        created.requestSha256,
      ],
    );
    const recordedAt = await this.insertRecord(tx, record);
    await this.insertMaterials(tx, snapshot.caseNumber, record.version, record.occurredAt, created.materials);
    return recordedAt;
  }

  /**
   * Writes a transition where the case still has the version it was computed from: the record's
   * recorded_at, or null when another transition won (the caller answers VERSION_CONFLICT).
   */
  async updateCase(tx: Queryable, update: CaseUpdate): Promise<string | null> {
    const { next, before } = update;
    const { rows } = await tx.query(
      `UPDATE cases SET state = $3, version = $4, snapshot = $5::jsonb, deadlines = $6::jsonb, due_on = $7::date,
              open_steps = $8, accepted_at = COALESCE(accepted_at, $9::timestamptz), updated_at = now()
        WHERE case_number = $1 AND version = $2 RETURNING case_number`,
      [
        next.caseNumber,
        before.version,
        next.state,
        next.version,
        JSON.stringify(next),
        update.deadlines === null ? null : JSON.stringify(update.deadlines),
        update.dueOn,
        next.openSteps.map((open) => open.step),
        update.acceptedAt,
      ],
    );
    if (rows.length === 0) return null;
    const recordedAt = await this.insertRecord(tx, update.record);
    await this.insertMaterials(tx, next.caseNumber, update.record.version, update.record.occurredAt, update.materials);
    return recordedAt;
  }

  private async insertRecord(tx: Queryable, record: ProcessRecord): Promise<string> {
    const { rows } = await tx.query(
      `INSERT INTO case_record (case_number, version, action, occurred_at, record, source_message_id, fee_yuan)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::numeric) RETURNING recorded_at`,
      [record.caseNumber, record.version, record.action, record.occurredAt, JSON.stringify(record), record.sourceMessageId ?? null, record.feeYuan ?? null],
    );
    return iso(rows[0]!['recorded_at']);
  }

  private async insertMaterials(tx: Queryable, caseNumber: string, version: number, at: string, files: readonly MaterialFile[]): Promise<void> {
    if (files.length === 0) return;
    // Two statements for any number of files: content once per digest, then the links.
    await tx.query(
      `INSERT INTO material_content (sha256, size, content)
       SELECT * FROM unnest($1::text[], $2::int[], $3::bytea[]) ON CONFLICT (sha256) DO NOTHING`,
      [files.map((file) => file.sha256), files.map((file) => file.content.length), files.map((file) => file.content)],
    );
    await tx.query(
      `INSERT INTO case_material (case_number, material_id, name, file_name, content_type, size, sha256, received_at, received_version)
       SELECT $1, m, n, f, t, s, h, $2::timestamptz, $3 FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[]) AS u(m, n, f, t, s, h)
       ON CONFLICT DO NOTHING`,
      [
        caseNumber,
        at,
        version,
        files.map((file) => file.materialId),
        files.map((file) => file.name),
        files.map((file) => file.fileName),
        files.map((file) => file.contentType),
        files.map((file) => file.content.length),
        files.map((file) => file.sha256),
      ],
    );
  }

  /** The record a CaseExchange message produced, if any. */
  async recordByMessageId(messageId: string): Promise<ProcessRecord | null> {
    const { rows } = await this.store.query('SELECT record FROM case_record WHERE source_message_id = $1', [messageId]);
    return rows[0] ? (rows[0]['record'] as ProcessRecord) : null;
  }

  /** Cases awaiting a correction whose deadline has passed, oldest deadline first. */
  async overdueCorrections(now: string, limit: number): Promise<CaseRow[]> {
    const { rows } = await this.store.query(
      `SELECT ${CASE_COLUMNS} FROM cases
        WHERE state = 'CORRECTION_REQUESTED' AND (snapshot -> 'correction' ->> 'dueAt')::timestamptz <= $1::timestamptz
        ORDER BY (snapshot -> 'correction' ->> 'dueAt')::timestamptz LIMIT $2`,
      [now, limit],
    );
    return rows.map(toCase);
  }

  /** One page of cases, newest submission first, plus the total. Keyset on (submitted_at, case_number). */
  async listCases(filter: CaseListFilter, limit: number, after: { sortKey: string | null; caseNumber: string } | null, order: 'newest' | 'due'): Promise<{ rows: CaseRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.parties) {
      const parties = param(filter.parties);
      where.push(`(applicant_id_number = ANY(${parties}::text[]) OR agent_id_number = ANY(${parties}::text[]))`);
    }
    if (filter.agency) {
      const agency = param(filter.agency);
      where.push(`(owning_agency = ${agency} OR ${agency} = ANY(participating_agencies))`);
    }
    if (filter.states?.length) where.push(`state = ANY(${param(filter.states)}::text[])`);
    if (filter.step) where.push(`${param(filter.step)} = ANY(open_steps)`);
    if (filter.dueOnOrBefore) where.push(`due_on <= ${param(filter.dueOnOrBefore)}::date`);
    const base = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const { rows: count } = await this.store.query<{ n: string | number }>(`SELECT count(*) AS n FROM cases ${base}`, params);
    const pageWhere = [...where];
    let orderBy: string;
    if (order === 'newest') {
      if (after) pageWhere.push(`(submitted_at, case_number) < (${param(after.sortKey)}::timestamptz, ${param(after.caseNumber)})`);
      orderBy = 'submitted_at DESC, case_number DESC';
    } else {
      // Most urgent first; cases without a due date (not yet accepted) after those with one.
      if (after) pageWhere.push(`(COALESCE(due_on, 'infinity'::date), case_number) > (COALESCE(${param(after.sortKey)}::date, 'infinity'::date), ${param(after.caseNumber)})`);
      orderBy = `COALESCE(due_on, 'infinity'::date), case_number`;
    }
    const { rows } = await this.store.query(
      `SELECT ${CASE_COLUMNS} FROM cases ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''} ORDER BY ${orderBy} LIMIT ${param(limit)}`,
      params,
    );
    return { rows: rows.map(toCase), total: Number(count[0]!.n) };
  }
}
