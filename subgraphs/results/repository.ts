import type { Queryable } from '../../lib/db/store.ts';
import { iso } from '../../lib/db/rows.ts';
import type { AttachmentModel, DeliveryMethod, ResultKind, ResultModel, ResultRecord } from './models.ts';

const COLUMNS = `case_number, implementation_code, agency_uscc, case_name, item_name, item_type, publish, applicant_masked,
  kind, status, opinion, reason, attachments, completed_at, document_name, document_number, delivery_method, published,
  payload_sha256, recorded_at`;

interface ResultRow {
  case_number: string;
  implementation_code: string;
  agency_uscc: string;
  case_name: string;
  item_name: string;
  item_type: string;
  publish: boolean;
  applicant_masked: string;
  kind: string;
  status: string;
  opinion: string | null;
  reason: string | null;
  attachments: unknown;
  completed_at: Date | string;
  document_name: string | null;
  document_number: string | null;
  delivery_method: string | null;
  published: boolean;
  payload_sha256: string;
  recorded_at: Date | string;
}


export interface StoredResult {
  result: ResultModel;
  payloadSha256: string;
}

function toStored(row: ResultRow): StoredResult {
  const attachments = (typeof row.attachments === 'string' ? JSON.parse(row.attachments) : row.attachments) as AttachmentModel[];
  return {
    payloadSha256: row.payload_sha256,
    result: {
      caseNumber: row.case_number,
      implementationCode: row.implementation_code,
      agency: row.agency_uscc,
      caseName: row.case_name,
      itemName: row.item_name,
      itemType: row.item_type,
      publish: row.publish,
      applicantName: row.applicant_masked,
      kind: row.kind as ResultKind,
      status: row.status,
      opinion: row.opinion,
      reason: row.reason,
      attachments: attachments.map((attachment) => ({ name: attachment.name, reference: attachment.reference })),
      completedAt: iso(row.completed_at),
      documentName: row.document_name,
      documentNumber: row.document_number,
      deliveryMethod: row.delivery_method as DeliveryMethod | null,
      published: row.published,
      recordedAt: iso(row.recorded_at),
    },
  };
}

/** Where a page of 结果公示 continues: after this completion time and case number. */
export interface PublicResultPosition {
  completedAt: string;
  caseNumber: string;
}

/** Parameterised SQL over case_result. There is no UPDATE: a result, once stored, stays as it is. */
export class ResultsRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Stores a result unless one exists for the case; answers the stored row either way, and
   * whether this call inserted it. Run inside a transaction: a concurrent insert of the same case
   * makes ON CONFLICT wait for it, and the SELECT then sees the row it committed.
   */
  async insertOnce(record: ResultRecord, payloadSha256: string): Promise<{ inserted: boolean; stored: StoredResult }> {
    const { rows } = await this.db.query<ResultRow>(
      `INSERT INTO case_result (case_number, implementation_code, agency_uscc, case_name, item_name, item_type, publish,
         applicant_masked, kind, status, opinion, reason, attachments, completed_at, document_name, document_number,
         delivery_method, payload_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14::timestamptz, $15, $16, $17, $18)
       ON CONFLICT (case_number) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        record.caseNumber,
        record.implementationCode,
        record.agency,
        record.caseName,
        record.itemName,
        record.itemType,
        record.publish,
        record.applicantName,
        record.kind,
        record.status,
        record.opinion,
        record.reason,
        JSON.stringify(record.attachments),
        record.completedAt,
        record.documentName,
        record.documentNumber,
        record.deliveryMethod,
        payloadSha256,
      ],
    );
    if (rows[0]) return { inserted: true, stored: toStored(rows[0]) };
    const [existing] = await this.resultsByCaseNumber([record.caseNumber]);
    if (!existing) throw new Error(`case_result ${record.caseNumber}: insert conflicted but no row is visible`);
    return { inserted: false, stored: existing };
  }

  /** One statement for any number of cases (the DataLoader's batch). */
  async resultsByCaseNumber(caseNumbers: readonly string[]): Promise<StoredResult[]> {
    const { rows } = await this.db.query<ResultRow>(`SELECT ${COLUMNS} FROM case_result WHERE case_number = ANY($1)`, [
      [...caseNumbers],
    ]);
    return rows.map(toStored);
  }

  /** Published results of one implementation, newest completion first, after a position. */
  async publicPage(implementationCode: string, limit: number, after: PublicResultPosition | null): Promise<ResultModel[]> {
    const params: unknown[] = [implementationCode, limit];
    const keyset = after === null ? '' : 'AND (completed_at, case_number) < ($3::timestamptz, $4)';
    if (after !== null) params.push(after.completedAt, after.caseNumber);
    const { rows } = await this.db.query<ResultRow>(
      `SELECT ${COLUMNS} FROM case_result
        WHERE implementation_code = $1 AND published ${keyset}
        ORDER BY completed_at DESC, case_number DESC
        LIMIT $2`,
      params,
    );
    return rows.map((row) => toStored(row).result);
  }

  async publicCount(implementationCode: string): Promise<number> {
    const { rows } = await this.db.query<{ count: string | number }>(
      'SELECT count(*) AS count FROM case_result WHERE implementation_code = $1 AND published',
      [implementationCode],
    );
    return Number(rows[0]?.count ?? 0);
  }
}
