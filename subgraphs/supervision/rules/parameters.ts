import { badUserInput } from '../../../lib/errors.ts';
import type { RuleCheck } from './model.ts';

/**
 * 监察监控参数: what each check reads from its rule, with units and ranges. A rule is saved only with
 * the parameters of its own check, each in range; absent optional ones are stored with their
 * default, so a stored rule says exactly what it does. docs/supervision.md repeats this table.
 */
type ParameterSpec =
  | { kind: 'integer'; min: number; max: number; unit: string; default?: number }
  | { kind: 'yuan'; min: number; max: number; default?: number }
  | { kind: 'enum'; values: readonly string[]; default?: string }
  | { kind: 'boolean'; default?: boolean }
  /** A list of distinct values; absent means "the guide's own" (no default stored). */
  | { kind: 'list'; values: readonly string[]; optional: true };

const WORKING_DAYS = '个工作日';

export const PARAMETER_SPECS: Readonly<Record<RuleCheck, Readonly<Record<string, ParameterSpec>>>> = {
  DEADLINE_APPROACHING: { workingDaysBefore: { kind: 'integer', min: 0, max: 10, unit: WORKING_DAYS } },
  DEADLINE_OVERRUN: {
    deadline: { kind: 'enum', values: ['PROMISED', 'LEGAL'] },
    graceWorkingDays: { kind: 'integer', min: 0, max: 30, unit: WORKING_DAYS, default: 0 },
  },
  STEP_OVERRUN: { graceWorkingDays: { kind: 'integer', min: 0, max: 30, unit: WORKING_DAYS, default: 0 } },
  SUPERVISION_OVERDUE: { graceWorkingDays: { kind: 'integer', min: 0, max: 30, unit: WORKING_DAYS, default: 0 } },
  DECISION_BEFORE_ACCEPTANCE: {},
  STEP_SKIPPED: { steps: { kind: 'list', values: ['REVIEW', 'VERIFY'], optional: true } },
  REFUSAL_WITHOUT_REASON: { minReasonLength: { kind: 'integer', min: 1, max: 200, unit: '个字符' } },
  MISSING_MATERIAL: { atDecision: { kind: 'boolean', default: true } },
  FEE_NOT_CHARGEABLE: {},
  FEE_ABOVE_STANDARD: { toleranceYuan: { kind: 'yuan', min: 0, max: 10_000, default: 0 } },
};

/** The parameters each check's evaluator reads, as validated. */
export interface CheckParameters {
  DEADLINE_APPROACHING: { workingDaysBefore: number };
  DEADLINE_OVERRUN: { deadline: 'PROMISED' | 'LEGAL'; graceWorkingDays: number };
  STEP_OVERRUN: { graceWorkingDays: number };
  SUPERVISION_OVERDUE: { graceWorkingDays: number };
  DECISION_BEFORE_ACCEPTANCE: Record<string, never>;
  STEP_SKIPPED: { steps?: string[] };
  REFUSAL_WITHOUT_REASON: { minReasonLength: number };
  MISSING_MATERIAL: { atDecision: boolean };
  FEE_NOT_CHARGEABLE: Record<string, never>;
  FEE_ABOVE_STANDARD: { toleranceYuan: number };
}

/**
 * Validates `raw` for `check` and completes it with defaults. Errors name `<field>.<key>`
 * (`input.parameters.workingDaysBefore`) and say the unit and range.
 */
export function validateParameters(check: RuleCheck, raw: unknown, field = 'input.parameters'): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw badUserInput(field, 'must be an object');
  const specs = PARAMETER_SPECS[check];
  const given = raw as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!(key in specs)) {
      const known = Object.keys(specs);
      throw badUserInput(`${field}.${key}`, `is not a parameter of ${check} (${known.length ? `its parameters: ${known.join(', ')}` : 'it takes none'})`);
    }
  }
  const parameters: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const value = given[key];
    if (value === undefined || value === null) {
      if ('default' in spec && spec.default !== undefined) parameters[key] = spec.default;
      else if (!('optional' in spec)) throw badUserInput(`${field}.${key}`, `is required for ${check}`);
      continue;
    }
    parameters[key] = checkValue(spec, value, `${field}.${key}`);
  }
  return parameters;
}

function checkValue(spec: ParameterSpec, value: unknown, field: string): unknown {
  switch (spec.kind) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < spec.min || value > spec.max) {
        throw badUserInput(field, `must be a whole number of ${spec.unit} from ${spec.min} to ${spec.max}`);
      }
      return value;
    case 'yuan':
      // Amounts are in yuan to the fen: 0.01 is the smallest step a fee standard states.
      if (typeof value !== 'number' || !Number.isFinite(value) || value < spec.min || value > spec.max || Math.round(value * 100) !== value * 100) {
        throw badUserInput(field, `must be an amount in yuan (at most two decimals) from ${spec.min} to ${spec.max}`);
      }
      return value;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) throw badUserInput(field, `must be one of ${spec.values.join(', ')}`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw badUserInput(field, 'must be true or false');
      return value;
    case 'list': {
      if (!Array.isArray(value) || value.length === 0) throw badUserInput(field, `must be a non-empty list of ${spec.values.join(', ')}`);
      const seen = new Set<string>();
      value.forEach((item, index) => {
        if (typeof item !== 'string' || !spec.values.includes(item)) throw badUserInput(`${field}.${index}`, `must be one of ${spec.values.join(', ')}`);
        if (seen.has(item)) throw badUserInput(`${field}.${index}`, `${item} is listed twice`);
        seen.add(item);
      });
      return [...value];
    }
  }
}

/**
 * Rules of one check that watch different things and so do not compete: a DEADLINE_OVERRUN rule
 * watches the promised or the legal deadline. '' for every other check.
 */
export function slotOf(check: RuleCheck, parameters: Record<string, unknown>): string {
  return check === 'DEADLINE_OVERRUN' ? String(parameters['deadline']) : '';
}
