import type { AuditRule, RuleInfo } from '../types.ts';
import { CONTACT_RULES } from './contact.ts';
import { FRESHNESS_RULES } from './freshness.ts';
import { IDENTITY_RULES } from './identity.ts';
import { LEGAL_BASIS_RULES } from './legalBasis.ts';
import { MATERIAL_RULES } from './materials.ts';
import { PLACE_RULES } from './place.ts';
import { PROCESS_RULES } from './process.ts';
import { SPECIAL_STEP_RULES } from './special.ts';
import { TIME_LIMIT_RULES } from './timeLimits.ts';
import { VISIT_RULES } from './visits.ts';

/**
 * Every rule of the guide accuracy audit (办事指南准确度), in the order the evaluation reads a
 * guide; findings come out in this order. A new check is a new entry in one of the groups.
 */
export const RULES: readonly AuditRule[] = [
  ...IDENTITY_RULES,
  ...TIME_LIMIT_RULES,
  ...PLACE_RULES,
  ...CONTACT_RULES,
  ...LEGAL_BASIS_RULES,
  ...SPECIAL_STEP_RULES,
  ...MATERIAL_RULES,
  ...PROCESS_RULES,
  ...VISIT_RULES,
  ...FRESHNESS_RULES,
];

/** The rule catalogue, for documentation and for clients that explain findings. */
export const AUDIT_RULES: readonly RuleInfo[] = RULES.map(({ id, severity, description, source }) => ({ id, severity, description, source }));
