import type { Queryable } from '../../../lib/db/store.ts';
import { iso, isoOrNull } from '../../../lib/db/rows.ts';
import type { CaseFact, CaseObservation, ExchangeReport, GuideFact } from '../observations/observation.ts';

/**
 * Supervision's projection of a case (supervised_case): the latest observed CaseFact with the guide
 * terms, plus the columns lists, figures and the clock filter on. Other areas read it here (who may
 * evaluate or complain: the applicant; which agencies handle a case; the figures' periods).
 */
export interface SupervisedCase {
  caseNumber: string;
  agency: string;
  participatingAgencies: string[];
  region: string;
  implementationCode: string;
  itemType: string;
  kind: string;
  state: string;
  channel: string;
  applicantIdType: string;
  applicantIdNumber: string;
  agentIdNumber: string | null;
  submittedAt: string;
  acceptedAt: string | null;
  decidedAt: string | null;
  completedAt: string | null;
  decision: string | null;
  resultKind: string | null;
  version: number;
  facts: CaseFact;
  guide: GuideFact;
  nextCheckOn: string | null;
}

const COLUMNS = `case_number, agency, participating_agencies, region, implementation_code, item_type, kind, state, channel,
  applicant_id_type, applicant_id_number, agent_id_number, submitted_at, accepted_at, decided_at, completed_at, decision,
  result_kind, version, facts, guide, next_check_on::text AS next_check_on`;

interface CaseRow {
  case_number: string;
  agency: string;
  participating_agencies: string[];
  region: string;
  implementation_code: string;
  item_type: string;
  kind: string;
  state: string;
  channel: string;
  applicant_id_type: string;
  applicant_id_number: string;
  agent_id_number: string | null;
  submitted_at: Date | string;
  accepted_at: Date | string | null;
  decided_at: Date | string | null;
  completed_at: Date | string | null;
  decision: string | null;
  result_kind: string | null;
  version: number;
  facts: unknown;
  guide: unknown;
  next_check_on: string | null;
}

const json = <T>(value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as T;

function toCase(row: CaseRow): SupervisedCase {
  return {
    caseNumber: row.case_number,
    agency: row.agency,
    participatingAgencies: row.participating_agencies ?? [],
    region: row.region,
    implementationCode: row.implementation_code,
    itemType: row.item_type,
    kind: row.kind,
    state: row.state,
    channel: row.channel,
    applicantIdType: row.applicant_id_type,
    applicantIdNumber: row.applicant_id_number,
    agentIdNumber: row.agent_id_number,
    submittedAt: iso(row.submitted_at),
    acceptedAt: isoOrNull(row.accepted_at),
    decidedAt: isoOrNull(row.decided_at),
    completedAt: isoOrNull(row.completed_at),
    decision: row.decision,
    resultKind: row.result_kind,
    version: Number(row.version),
    facts: json<CaseFact>(row.facts),
    guide: json<GuideFact>(row.guide),
    nextCheckOn: row.next_check_on,
  };
}

/** Parameterised SQL over supervised_case, case_observation and exchange_report. */
export class CaseProjection {
  constructor(private readonly db: Queryable) {}

  /** Keeps the observation; false when this (case, version) was recorded before (a redelivery). */
  async recordObservation(observation: CaseObservation, receivedAt: Date): Promise<boolean> {
    const { rows } = await this.db.query(
      `INSERT INTO case_observation (case_number, version, action, occurred_at, received_at, payload)
       VALUES ($1, $2, $3, $4::timestamptz, $5, $6::jsonb) ON CONFLICT DO NOTHING RETURNING version`,
      [observation.case.caseNumber, observation.record.version, observation.record.action, observation.record.occurredAt, receivedAt.toISOString(), JSON.stringify(observation)],
    );
    return rows.length > 0;
  }

  /** Keeps the report; false when this message id was reported before. */
  async recordExchangeReport(report: ExchangeReport, receivedAt: Date): Promise<boolean> {
    const { rows } = await this.db.query(
      `INSERT INTO exchange_report (message_id, case_number, action, status, occurred_at, received_at, payload)
       VALUES ($1, $2, $3, $4, $5::timestamptz, $6, $7::jsonb) ON CONFLICT DO NOTHING RETURNING message_id`,
      [report.messageId, report.caseNumber, report.action, report.status, report.occurredAt, receivedAt.toISOString(), JSON.stringify(report)],
    );
    return rows.length > 0;
  }

  /**
   * Moves the projection to the observed version, only forward: an observation older than the row
   * (out-of-order delivery) leaves it as it is. True when the row now holds this version.
   */
  async advance(observation: CaseObservation, at: Date): Promise<boolean> {
    const fact = observation.case;
    const { rows } = await this.db.query(
      `INSERT INTO supervised_case (case_number, agency, participating_agencies, region, implementation_code, item_type, kind, state,
         channel, applicant_id_type, applicant_id_number, agent_id_number, submitted_at, accepted_at, decided_at, completed_at,
         decision, result_kind, version, facts, guide, deadlines, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::timestamptz, $14::timestamptz, $15::timestamptz, $16::timestamptz,
         $17, $18, $19, $20::jsonb, $21::jsonb, $22::jsonb, $23)
       ON CONFLICT (case_number) DO UPDATE SET
         agency = EXCLUDED.agency, participating_agencies = EXCLUDED.participating_agencies, region = EXCLUDED.region,
         implementation_code = EXCLUDED.implementation_code, item_type = EXCLUDED.item_type, kind = EXCLUDED.kind,
         state = EXCLUDED.state, channel = EXCLUDED.channel, applicant_id_type = EXCLUDED.applicant_id_type,
         applicant_id_number = EXCLUDED.applicant_id_number, agent_id_number = EXCLUDED.agent_id_number,
         submitted_at = EXCLUDED.submitted_at, accepted_at = EXCLUDED.accepted_at, decided_at = EXCLUDED.decided_at,
         completed_at = EXCLUDED.completed_at, decision = EXCLUDED.decision, result_kind = EXCLUDED.result_kind,
         version = EXCLUDED.version, facts = EXCLUDED.facts, guide = EXCLUDED.guide, deadlines = EXCLUDED.deadlines,
         updated_at = EXCLUDED.updated_at
       WHERE supervised_case.version < EXCLUDED.version
       RETURNING case_number`,
      [
        fact.caseNumber,
        fact.agency,
        fact.participatingAgencies,
        fact.region,
        fact.implementationCode,
        observation.guide.itemType,
        fact.kind,
        fact.state,
        fact.channel,
        fact.applicant.idType,
        fact.applicant.idNumber,
        fact.agent?.idNumber ?? null,
        fact.submittedAt,
        fact.acceptedAt,
        fact.decision?.decidedAt ?? null,
        fact.result?.completedAt ?? null,
        fact.decision?.decision ?? null,
        fact.result?.kind ?? null,
        observation.record.version,
        JSON.stringify(fact),
        JSON.stringify(observation.guide),
        fact.deadlines === null ? null : JSON.stringify(fact.deadlines),
        at.toISOString(),
      ],
    );
    return rows.length > 0;
  }

  async byNumbers(caseNumbers: readonly string[]): Promise<SupervisedCase[]> {
    const { rows } = await this.db.query<CaseRow>(`SELECT ${COLUMNS} FROM supervised_case WHERE case_number = ANY($1)`, [[...caseNumbers]]);
    return rows.map(toCase);
  }

  /**
   * Claims up to `limit` cases whose next check day has come, earliest first, skipping rows another
   * clock (process or transaction) holds: they are that clock's work. Only the partial index on
   * next_check_on is read, so the cost follows the cases due, not all open cases.
   */
  async claimDue(today: string, limit: number, skip: readonly string[]): Promise<SupervisedCase[]> {
    const { rows } = await this.db.query<CaseRow>(
      `SELECT ${COLUMNS} FROM supervised_case
        WHERE next_check_on IS NOT NULL AND next_check_on <= $1::date AND NOT (case_number = ANY($3::text[]))
        ORDER BY next_check_on, case_number
        LIMIT $2
        FOR UPDATE SKIP LOCKED`,
      [today, limit, [...skip]],
    );
    return rows.map(toCase);
  }

  /** Sets each case's next check day in one statement. */
  async setNextChecks(checks: ReadonlyArray<{ caseNumber: string; nextCheckOn: string | null }>): Promise<void> {
    if (checks.length === 0) return;
    await this.db.query(
      `UPDATE supervised_case s SET next_check_on = u.next_check_on
         FROM unnest($1::text[], $2::date[]) AS u(case_number, next_check_on)
        WHERE s.case_number = u.case_number`,
      [checks.map((check) => check.caseNumber), checks.map((check) => check.nextCheckOn)],
    );
  }

  /**
   * Brings the next check of the open, accepted cases a rule targets forward to `today`: a changed
   * time rule moves the days its conditions fall on (two working days before instead of one), and
   * the days stored were computed with the old one. The next clock run examines those cases once
   * and stores their days under the new rule. Rules change rarely; this is the one path that
   * touches many cases at once. Answers how many cases were rescheduled.
   */
  async reschedule(target: { kind: string; value: string | null }, today: string): Promise<number> {
    const params: unknown[] = [today];
    let match = '';
    if (target.kind !== 'ALL') {
      params.push(target.value);
      match = {
        ITEM_TYPE: 'AND item_type = $2',
        AGENCY: 'AND (agency = $2 OR $2 = ANY(participating_agencies))',
        GUIDE: 'AND implementation_code = $2',
      }[target.kind] ?? 'AND false';
    }
    const { rows } = await this.db.query(
      `UPDATE supervised_case SET next_check_on = $1::date
        WHERE deadlines IS NOT NULL AND state NOT IN ('NOT_ACCEPTED', 'COMPLETED', 'WITHDRAWN')
          AND (next_check_on IS NULL OR next_check_on > $1::date) ${match}
        RETURNING case_number`,
      params,
    );
    return rows.length;
  }
}
