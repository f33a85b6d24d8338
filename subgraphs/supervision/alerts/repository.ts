import type { Queryable } from '../../../lib/db/store.ts';
import { iso, isoOrNull } from '../../../lib/db/rows.ts';
import type { AlertColour, RuleCheck, RuleType } from '../rules/model.ts';
import type { AlertModel, AlertState } from './model.ts';

const COLUMNS = `id, case_number, subject_kind, subject_id, occasion, rule_code, rule_version, type, rule_check, colour, message, agency,
  region, implementation_code, item_type, evidence, observed_at, raised_at, state, acknowledged_at, acknowledged_by,
  acknowledgement_note, resolved_at, resolved_by, resolution`;

interface AlertRow {
  id: string;
  case_number: string | null;
  subject_kind: string | null;
  subject_id: string | null;
  occasion: string;
  rule_code: string;
  rule_version: number;
  type: string;
  rule_check: string;
  colour: string;
  message: string;
  agency: string;
  region: string;
  implementation_code: string | null;
  item_type: string | null;
  evidence: unknown;
  observed_at: Date | string;
  raised_at: Date | string;
  state: string;
  acknowledged_at: Date | string | null;
  acknowledged_by: string | null;
  acknowledgement_note: string | null;
  resolved_at: Date | string | null;
  resolved_by: string | null;
  resolution: string | null;
}


function toModel(row: AlertRow): AlertModel {
  return {
    id: row.id,
    caseNumber: row.case_number,
    subject: row.subject_kind === null ? null : { kind: row.subject_kind as 'ORDER' | 'COMPLAINT' | 'RECTIFICATION', id: row.subject_id! },
    occasion: row.occasion,
    ruleCode: row.rule_code,
    ruleVersion: Number(row.rule_version),
    type: row.type as RuleType,
    check: row.rule_check as RuleCheck,
    colour: row.colour as AlertColour,
    message: row.message,
    agency: row.agency,
    region: row.region,
    implementationCode: row.implementation_code,
    itemType: row.item_type,
    evidence: (typeof row.evidence === 'string' ? JSON.parse(row.evidence) : row.evidence) as Record<string, unknown>,
    observedAt: iso(row.observed_at),
    raisedAt: iso(row.raised_at),
    state: row.state as AlertState,
    acknowledgedAt: isoOrNull(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    acknowledgementNote: row.acknowledgement_note,
    resolvedAt: isoOrNull(row.resolved_at),
    resolvedBy: row.resolved_by,
    resolution: row.resolution,
  };
}

/** A new alert's row. */
export type NewAlert = Omit<AlertModel, 'state' | 'acknowledgedAt' | 'acknowledgedBy' | 'acknowledgementNote' | 'resolvedAt' | 'resolvedBy' | 'resolution'> & { about: string };

/** The auditor's list filter, validated (alerts/fields.ts). `raisedBefore` is exclusive. */
export interface AlertListFilter {
  agency?: string;
  regionPrefix?: string;
  colour?: AlertColour;
  ruleCode?: string;
  type?: RuleType;
  states?: AlertState[];
  raisedFrom?: string;
  raisedBefore?: string;
  caseNumber?: string;
}

/** Where a page continues: after this raise time and id (newest first). */
export interface AlertPosition {
  raisedAt: string;
  id: string;
}

function whereOf(filter: AlertListFilter, params: unknown[]): string[] {
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (filter.agency) where.push(`agency = ${param(filter.agency)}`);
  if (filter.regionPrefix) where.push(`region LIKE ${param(`${filter.regionPrefix}%`)}`);
  if (filter.colour) where.push(`colour = ${param(filter.colour)}`);
  if (filter.ruleCode) where.push(`rule_code = ${param(filter.ruleCode)}`);
  if (filter.type) where.push(`type = ${param(filter.type)}`);
  if (filter.states?.length) where.push(`state = ANY(${param(filter.states)}::text[])`);
  if (filter.raisedFrom) where.push(`raised_at >= ${param(filter.raisedFrom)}::timestamptz`);
  if (filter.raisedBefore) where.push(`raised_at < ${param(filter.raisedBefore)}::timestamptz`);
  if (filter.caseNumber) where.push(`case_number = ${param(filter.caseNumber)}`);
  return where;
}

/** Parameterised SQL over alert. An alert's content never changes; only its state moves forward. */
export class AlertsRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Resolves, as the system, the still unresolved DECISION_BEFORE_ACCEPTANCE alerts that CaseExchange
   * reports raised on a case (they carry the pushed message's 处理时间) when the acceptance now
   * recorded is dated no later than the pushed decision: the department did decide after accepting,
   * and only the delivery of its messages was out of order (delivery is at least once, in any order).
   * Answers how many it resolved.
   */
  async resolveReorderedPushes(caseNumber: string, acceptedAt: string, at: Date): Promise<number> {
    const { rows } = await this.db.query(
      `UPDATE alert SET state = 'RESOLVED', resolved_at = $3::timestamptz, resolved_by = 'system',
              resolution = '受理记录随后到达，受理时间不晚于所推送的处理时间：报文到达顺序问题，非违规'
        WHERE case_number = $1 AND rule_check = 'DECISION_BEFORE_ACCEPTANCE' AND state <> 'RESOLVED'
          AND evidence ? 'messageId' AND (evidence->>'occurredAt')::timestamptz >= $2::timestamptz
        RETURNING id`,
      [caseNumber, acceptedAt, at.toISOString()],
    );
    return rows.length;
  }

  /** Inserts unless the (rule, case or subject, occasion) key exists; answers the alert's id either way. */
  async insertOnce(alert: NewAlert): Promise<{ id: string; inserted: boolean }> {
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO alert (id, case_number, subject_kind, subject_id, about, occasion, rule_code, rule_version, type, rule_check, colour,
         message, agency, region, implementation_code, item_type, evidence, observed_at, raised_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb, $18::timestamptz, $19::timestamptz)
       ON CONFLICT (rule_code, about, occasion) DO NOTHING RETURNING id`,
      [
        alert.id,
        alert.caseNumber,
        alert.subject?.kind ?? null,
        alert.subject?.id ?? null,
        alert.about,
        alert.occasion,
        alert.ruleCode,
        alert.ruleVersion,
        alert.type,
        alert.check,
        alert.colour,
        alert.message,
        alert.agency,
        alert.region,
        alert.implementationCode,
        alert.itemType,
        JSON.stringify(alert.evidence),
        alert.observedAt,
        alert.raisedAt,
      ],
    );
    if (rows[0]) return { id: rows[0].id, inserted: true };
    const existing = await this.db.query<{ id: string }>('SELECT id FROM alert WHERE rule_code = $1 AND about = $2 AND occasion = $3', [alert.ruleCode, alert.about, alert.occasion]);
    if (!existing.rows[0]) throw new Error(`alert ${alert.ruleCode}/${alert.about}/${alert.occasion}: insert conflicted but no row is visible`);
    return { id: existing.rows[0].id, inserted: false };
  }

  async byIds(ids: readonly string[]): Promise<AlertModel[]> {
    const { rows } = await this.db.query<AlertRow>(`SELECT ${COLUMNS} FROM alert WHERE id = ANY($1)`, [[...ids]]);
    return rows.map(toModel);
  }

  /** The alerts of each case, oldest first; one statement for a DataLoader batch. */
  async byCases(caseNumbers: readonly string[]): Promise<Map<string, AlertModel[]>> {
    const { rows } = await this.db.query<AlertRow>(`SELECT ${COLUMNS} FROM alert WHERE case_number = ANY($1) ORDER BY raised_at, id`, [[...caseNumbers]]);
    const byCase = new Map<string, AlertModel[]>();
    for (const alert of rows.map(toModel)) {
      const list = byCase.get(alert.caseNumber!);
      if (list) list.push(alert);
      else byCase.set(alert.caseNumber!, [alert]);
    }
    return byCase;
  }

  /** One page, newest first, after a position. */
  async page(filter: AlertListFilter, limit: number, after: AlertPosition | null): Promise<AlertModel[]> {
    const params: unknown[] = [];
    const where = whereOf(filter, params);
    if (after) {
      params.push(after.raisedAt, after.id);
      where.push(`(raised_at, id) < ($${params.length - 1}::timestamptz, $${params.length})`);
    }
    params.push(limit);
    const { rows } = await this.db.query<AlertRow>(
      `SELECT ${COLUMNS} FROM alert ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY raised_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toModel);
  }

  async count(filter: AlertListFilter): Promise<number> {
    const params: unknown[] = [];
    const where = whereOf(filter, params);
    const { rows } = await this.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM alert ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params);
    return Number(rows[0]?.n ?? 0);
  }

  /** The alert, locked until the transaction ends (its state is about to move). */
  async lock(id: string): Promise<AlertModel | null> {
    const { rows } = await this.db.query<AlertRow>(`SELECT ${COLUMNS} FROM alert WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ? toModel(rows[0]) : null;
  }

  async acknowledge(id: string, by: string, at: Date, note: string | null): Promise<AlertModel> {
    const { rows } = await this.db.query<AlertRow>(
      `UPDATE alert SET state = 'ACKNOWLEDGED', acknowledged_at = $2, acknowledged_by = $3, acknowledgement_note = $4 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, at.toISOString(), by, note],
    );
    return toModel(rows[0]!);
  }

  async resolve(id: string, by: string, at: Date, resolution: string): Promise<AlertModel> {
    const { rows } = await this.db.query<AlertRow>(
      `UPDATE alert SET state = 'RESOLVED', resolved_at = $2, resolved_by = $3, resolution = $4 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, at.toISOString(), by, resolution],
    );
    return toModel(rows[0]!);
  }
}
