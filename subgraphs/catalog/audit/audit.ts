import { isIsoDate } from '../../../lib/time.ts';
import { RULES } from './rules/index.ts';
import type { AuditInput, GuideAudit, Severity } from './types.ts';

/**
 * Points a finding costs. An ERROR is an element the 2019 evaluation would mark wrong (or a guide
 * that contradicts itself); a WARNING a provincial target or seed 002/003 form requirement the
 * element still informs despite; an INFO a suggestion. Ten errors sink a guide to 0.
 */
export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = { ERROR: 10, WARNING: 3, INFO: 1 };

/** Audits one guide against every rule. Pure: the same input always gives the same audit. */
export function auditGuide(input: AuditInput): GuideAudit {
  // A bad `today` would make every freshness finding wrong; that is the caller's bug, not the guide's.
  if (!isIsoDate(input.today)) throw new RangeError(`today should be a YYYY-MM-DD date, got '${input.today}'`);
  const findings = RULES.flatMap((rule) => rule.check(input));
  const penalty = findings.reduce((sum, f) => sum + SEVERITY_WEIGHTS[f.severity], 0);
  return {
    implementationCode: input.implementationCode,
    score: Math.max(0, 100 - penalty),
    findings,
    passed: !findings.some((f) => f.severity === 'ERROR'),
  };
}
