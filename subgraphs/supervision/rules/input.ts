import { ITEM_TYPES } from '../../../lib/codes/basicCode.ts';
import { checkImplementationCode } from '../../../lib/codes/implementationCode.ts';
import type { CodeCheck } from '../../../lib/codes/check.ts';
import { checkUscc } from '../../../lib/codes/uscc.ts';
import { badUserInput } from '../../../lib/errors.ts';
import type { CatalogSource } from '../datasources/catalog.ts';
import type { RuleInput } from '../generated/resolvers-types.ts';
import { CHECK_TYPE, type RuleTargetModel } from './model.ts';
import { validateParameters } from './parameters.ts';
import type { RuleContent } from './repository.ts';

const RULE_CODE = /^[A-Z0-9._]{3,64}$/;
const MAX_TEXT = 500;

/** A free text of 1–500 characters after trimming. */
export function requiredText(value: string, field: string, max = MAX_TEXT): string {
  const text = value.trim();
  if (text.length === 0) throw badUserInput(field, 'must not be blank');
  if ([...text].length > max) throw badUserInput(field, `must be at most ${max} characters`);
  return text;
}

export function checkRuleCode(code: string): string {
  if (!RULE_CODE.test(code)) throw badUserInput('code', 'must be 3–64 upper-case letters, digits, dots and underscores, e.g. TIMELINESS.HOTEL_YELLOW');
  return code;
}

/** A target value that is well formed and that the catalog knows. */
async function known(kind: 'AGENCY' | 'GUIDE', value: string | null, what: string, check: (value: string) => CodeCheck, exists: (value: string) => Promise<boolean>): Promise<RuleTargetModel> {
  const field = 'input.target.value';
  if (value === null) throw badUserInput(field, `must be ${what}`);
  const code = check(value);
  if (!code.ok) throw badUserInput(field, code.reason);
  if (!(await exists(value))) throw badUserInput(field, `the catalog knows no ${kind === 'AGENCY' ? 'agency' : 'guide'} ${value}`);
  return { kind, value };
}

/** A rule target that exists: a known item type, an agency and a guide the catalog knows; ALL without value. */
async function validateTarget(target: RuleInput['target'], catalog: CatalogSource): Promise<RuleTargetModel> {
  const value = target.value?.trim() || null;
  const field = 'input.target.value';
  switch (target.kind) {
    case 'ALL':
      if (value !== null) throw badUserInput(field, 'must be empty for target ALL');
      return { kind: 'ALL', value: null };
    case 'ITEM_TYPE':
      if (value === null || !ITEM_TYPES.some((type) => type.type === value)) {
        throw badUserInput(field, `must be an item type: ${ITEM_TYPES.map((type) => type.type).join(', ')}`);
      }
      return { kind: 'ITEM_TYPE', value };
    case 'AGENCY':
      return known('AGENCY', value, 'the agency’s USCC', checkUscc, async (uscc) => (await catalog.agencyName(uscc)) !== null);
    case 'GUIDE':
      return known('GUIDE', value, 'the guide’s implementation code', checkImplementationCode, async (code) => (await catalog.guide(code)) !== null);
  }
}

/** A rule version's content from the input, validated; the author and reason come from the request. */
export async function ruleContent(input: RuleInput, reason: string, author: string, catalog: CatalogSource): Promise<RuleContent> {
  if (CHECK_TYPE[input.check] !== input.type) {
    throw badUserInput('input.type', `${input.check} is a ${CHECK_TYPE[input.check]} check, not ${input.type}`);
  }
  return {
    type: input.type,
    check: input.check,
    description: requiredText(input.description, 'input.description'),
    parameters: validateParameters(input.check, input.parameters),
    colour: input.colour,
    target: await validateTarget(input.target, catalog),
    enabled: input.enabled,
    author,
    reason: requiredText(reason, 'reason'),
  };
}
