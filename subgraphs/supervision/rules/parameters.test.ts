import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './defaults.ts';
import { RULE_CHECKS } from './model.ts';
import { PARAMETER_SPECS, slotOf, validateParameters } from './parameters.ts';

/** What a refused validation threw, as a client sees it. */
function refusal(run: () => unknown): { code: unknown; field: unknown; reason: unknown } {
  try {
    run();
  } catch (error) {
    const extensions = (error as { extensions: Record<string, unknown> }).extensions;
    return { code: extensions['code'], field: extensions['field'], reason: extensions['reason'] };
  }
  throw new Error('expected a refusal');
}

describe('rule parameters', () => {
  it('accepts every default rule’s parameters as they are', () => {
    for (const rule of DEFAULT_RULES) expect(validateParameters(rule.check, rule.parameters)).toEqual(rule.parameters);
  });

  it('has a parameter table for every check', () => {
    expect(Object.keys(PARAMETER_SPECS).sort()).toEqual([...RULE_CHECKS].sort());
  });

  it('completes absent optional parameters with their defaults and keeps an absent steps list absent', () => {
    expect(validateParameters('DEADLINE_OVERRUN', { deadline: 'LEGAL' })).toEqual({ deadline: 'LEGAL', graceWorkingDays: 0 });
    expect(validateParameters('FEE_ABOVE_STANDARD', {})).toEqual({ toleranceYuan: 0 });
    expect(validateParameters('MISSING_MATERIAL', {})).toEqual({ atDecision: true });
    expect(validateParameters('STEP_SKIPPED', {})).toEqual({});
    expect(validateParameters('STEP_SKIPPED', { steps: ['VERIFY', 'REVIEW'] })).toEqual({ steps: ['VERIFY', 'REVIEW'] });
  });

  it('refuses a missing required parameter, naming it', () => {
    expect(refusal(() => validateParameters('DEADLINE_APPROACHING', {}))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.parameters.workingDaysBefore',
      reason: 'is required for DEADLINE_APPROACHING',
    });
    expect(refusal(() => validateParameters('DEADLINE_OVERRUN', { graceWorkingDays: 1 })).field).toBe('input.parameters.deadline');
  });

  it('refuses a key the check does not know, saying which it knows', () => {
    const refused = refusal(() => validateParameters('DEADLINE_APPROACHING', { workingDaysBefore: 1, days: 2 }));
    expect(refused.field).toBe('input.parameters.days');
    expect(refused.reason).toContain('workingDaysBefore');
    expect(refusal(() => validateParameters('FEE_NOT_CHARGEABLE', { toleranceYuan: 1 })).reason).toContain('it takes none');
  });

  it.each([
    ['DEADLINE_APPROACHING', { workingDaysBefore: 11 }, 'workingDaysBefore', '个工作日 from 0 to 10'],
    ['DEADLINE_APPROACHING', { workingDaysBefore: 1.5 }, 'workingDaysBefore', 'whole number'],
    ['DEADLINE_APPROACHING', { workingDaysBefore: '1' }, 'workingDaysBefore', 'whole number'],
    ['DEADLINE_OVERRUN', { deadline: 'SOON' }, 'deadline', 'PROMISED, LEGAL'],
    ['DEADLINE_OVERRUN', { deadline: 'LEGAL', graceWorkingDays: 31 }, 'graceWorkingDays', 'from 0 to 30'],
    ['STEP_OVERRUN', { graceWorkingDays: -1 }, 'graceWorkingDays', 'from 0 to 30'],
    ['REFUSAL_WITHOUT_REASON', { minReasonLength: 0 }, 'minReasonLength', '个字符 from 1 to 200'],
    ['REFUSAL_WITHOUT_REASON', { minReasonLength: 201 }, 'minReasonLength', 'from 1 to 200'],
    ['MISSING_MATERIAL', { atDecision: 'yes' }, 'atDecision', 'true or false'],
    ['FEE_ABOVE_STANDARD', { toleranceYuan: 10_000.01 }, 'toleranceYuan', 'from 0 to 10000'],
    ['FEE_ABOVE_STANDARD', { toleranceYuan: 0.005 }, 'toleranceYuan', 'at most two decimals'],
    ['STEP_SKIPPED', { steps: [] }, 'steps', 'non-empty list'],
    ['STEP_SKIPPED', { steps: ['REVIEW', 'DECIDE'] }, 'steps.1', 'REVIEW, VERIFY'],
    ['STEP_SKIPPED', { steps: ['REVIEW', 'REVIEW'] }, 'steps.1', 'listed twice'],
  ] as const)('refuses %s %j naming %s', (check, parameters, key, reason) => {
    const refused = refusal(() => validateParameters(check, parameters));
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.field).toBe(`input.parameters.${key}`);
    expect(String(refused.reason)).toContain(reason);
  });

  it('refuses parameters that are not an object', () => {
    expect(refusal(() => validateParameters('FEE_NOT_CHARGEABLE', [])).field).toBe('input.parameters');
  });

  it('tells DEADLINE_OVERRUN rules apart by the deadline they watch, and no other check', () => {
    expect(slotOf('DEADLINE_OVERRUN', { deadline: 'PROMISED' })).toBe('PROMISED');
    expect(slotOf('DEADLINE_OVERRUN', { deadline: 'LEGAL' })).toBe('LEGAL');
    expect(slotOf('DEADLINE_APPROACHING', { workingDaysBefore: 1 })).toBe('');
  });
});
