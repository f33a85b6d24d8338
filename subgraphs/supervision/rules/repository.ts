import type { Queryable } from '../../../lib/db/store.ts';
import { iso } from '../../../lib/db/rows.ts';
import type { AlertColour, RuleCheck, RuleModel, RuleTargetKind, RuleType } from './model.ts';
import { slotOf } from './parameters.ts';

const COLUMNS = 'code, version, type, rule_check, description, parameters, colour, target_kind, target_value, enabled, author, reason, created_at';

interface RuleVersionRow {
  code: string;
  version: number;
  type: string;
  rule_check: string;
  description: string;
  parameters: unknown;
  colour: string;
  target_kind: string;
  target_value: string | null;
  enabled: boolean;
  author: string;
  reason: string;
  created_at: Date | string;
}

const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;

function toModel(row: RuleVersionRow): RuleModel {
  return {
    code: row.code,
    version: Number(row.version),
    type: row.type as RuleType,
    check: row.rule_check as RuleCheck,
    description: row.description,
    parameters: json(row.parameters),
    colour: row.colour as AlertColour,
    target: { kind: row.target_kind as RuleTargetKind, value: row.target_value },
    enabled: row.enabled,
    author: row.author,
    reason: row.reason,
    createdAt: iso(row.created_at),
  };
}

/** A new version's content: everything but the code, version and time. */
export type RuleContent = Omit<RuleModel, 'code' | 'version' | 'createdAt'>;

/** Parameterised SQL over rule and rule_version. Versions are only ever inserted. */
export class RulesRepository {
  constructor(private readonly db: Queryable) {}

  /** The latest version of every rule (or of the rules of some checks), by code. */
  async latest(checks?: readonly RuleCheck[]): Promise<RuleModel[]> {
    const params: unknown[] = [];
    const where = checks === undefined ? '' : 'WHERE r.rule_check = ANY($1)';
    if (checks !== undefined) params.push([...checks]);
    const { rows } = await this.db.query<RuleVersionRow>(
      `SELECT ${COLUMNS.split(', ').map((column) => `v.${column}`).join(', ')}
         FROM rule r JOIN rule_version v ON v.code = r.code AND v.version = r.latest_version
         ${where} ORDER BY r.code`,
      params,
    );
    return rows.map(toModel);
  }

  async version(code: string, version: number | null): Promise<RuleModel | null> {
    const { rows } = await this.db.query<RuleVersionRow>(
      version === null
        ? `SELECT ${COLUMNS} FROM rule_version WHERE code = $1 AND version = (SELECT latest_version FROM rule WHERE code = $1)`
        : `SELECT ${COLUMNS} FROM rule_version WHERE code = $1 AND version = $2`,
      version === null ? [code] : [code, version],
    );
    return rows[0] ? toModel(rows[0]) : null;
  }

  /** Versions by (code, version) keys, one statement for a DataLoader batch. */
  async versionsByKey(keys: ReadonlyArray<{ code: string; version: number }>): Promise<RuleModel[]> {
    const { rows } = await this.db.query<RuleVersionRow>(
      `SELECT ${COLUMNS} FROM rule_version
        WHERE (code, version) IN (SELECT * FROM unnest($1::text[], $2::int[]))`,
      [keys.map((key) => key.code), keys.map((key) => key.version)],
    );
    return rows.map(toModel);
  }

  /** Every version of the given rules, oldest first. */
  async allVersions(codes: readonly string[]): Promise<RuleModel[]> {
    const { rows } = await this.db.query<RuleVersionRow>(`SELECT ${COLUMNS} FROM rule_version WHERE code = ANY($1) ORDER BY code, version`, [[...codes]]);
    return rows.map(toModel);
  }

  /** The rule's latest version number, locking the rule row against a concurrent update; null when there is no such rule. */
  async lockLatest(code: string): Promise<number | null> {
    const { rows } = await this.db.query<{ latest_version: number }>('SELECT latest_version FROM rule WHERE code = $1 FOR UPDATE', [code]);
    return rows[0] ? Number(rows[0].latest_version) : null;
  }

  /** The rule that already covers this check, slot and target, other than `except`. */
  async coveringRule(content: Pick<RuleContent, 'check' | 'parameters' | 'target'>, except: string | null): Promise<string | null> {
    const { rows } = await this.db.query<{ code: string }>(
      `SELECT code FROM rule WHERE rule_check = $1 AND slot = $2 AND target_kind = $3 AND target_value = $4 AND code IS DISTINCT FROM $5::text`,
      [content.check, slotOf(content.check, content.parameters), content.target.kind, content.target.value ?? '', except],
    );
    return rows[0]?.code ?? null;
  }

  /**
   * Creates the rule at version 1; false when the code exists. ON CONFLICT DO NOTHING on the code
   * makes seeding at every start idempotent and never overwrites what an auditor changed.
   */
  async create(code: string, content: RuleContent, at: Date): Promise<boolean> {
    const { rows } = await this.db.query(
      `INSERT INTO rule (code, rule_check, slot, target_kind, target_value, latest_version, created_at)
       VALUES ($1, $2, $3, $4, $5, 1, $6) ON CONFLICT DO NOTHING RETURNING code`,
      [code, content.check, slotOf(content.check, content.parameters), content.target.kind, content.target.value ?? '', at.toISOString()],
    );
    if (rows.length === 0) return false;
    await this.insertVersion(code, 1, content, at);
    return true;
  }

  /** Adds version `version` (the caller locked the rule and checked it follows the latest). */
  async addVersion(code: string, version: number, content: RuleContent, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE rule SET latest_version = $2, rule_check = $3, slot = $4, target_kind = $5, target_value = $6 WHERE code = $1`,
      [code, version, content.check, slotOf(content.check, content.parameters), content.target.kind, content.target.value ?? ''],
    );
    await this.insertVersion(code, version, content, at);
  }

  private async insertVersion(code: string, version: number, content: RuleContent, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO rule_version (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12, $13)`,
      [
        code,
        version,
        content.type,
        content.check,
        content.description,
        JSON.stringify(content.parameters),
        content.colour,
        content.target.kind,
        content.target.value,
        content.enabled,
        content.author,
        content.reason,
        at.toISOString(),
      ],
    );
  }
}
