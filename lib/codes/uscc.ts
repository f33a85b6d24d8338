import { fail, pass } from './check.ts';
import type { CodeCheck } from './check.ts';
import { checkOrganizationCode } from './organizationCode.ts';
import { checkRegionCode } from './region.ts';

/** GB 32100 character set: digits and capitals without I, O, S, V, Z; a character's value is its index. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const FORMAT_REASON = 'expected 18 characters from 0-9A-HJ-NPQRTUWXY';

/** Central-level bodies carry 100000 in the region part, which GB/T 2260 itself does not list. */
export const NATIONAL_REGION_CODE = '100000';

const WEIGHTS = Array.from({ length: 17 }, (_, i) => modPow(3, i, 31));

function modPow(base: number, exponent: number, modulus: number): number {
  let result = 1;
  for (let i = 0; i < exponent; i++) result = (result * base) % modulus;
  return result;
}

function usccValue(c: string): number {
  return USCC_ALPHABET.indexOf(c);
}

/** Check character for the first 17 characters of a USCC. Throws on malformed input. */
export function usccCheckChar(first17: string): string {
  if (!FORMAT.test(`${first17}0`)) throw new RangeError('expected 17 characters from 0-9A-HJ-NPQRTUWXY');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccValue(first17[i]!) * WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export interface UsccCheckOptions {
  /**
   * Some early USCCs fail their check legitimately (DESIGN: warn, don't reject,
   * on imported legacy data): check-character mismatches become a warning.
   */
  legacyTolerant?: boolean;
}

export function checkUscc(s: string, options: UsccCheckOptions = {}): CodeCheck {
  if (!FORMAT.test(s)) return fail(FORMAT_REASON);
  const expected = usccCheckChar(s.slice(0, 17));
  if (s[17] === expected) return pass();
  const reason = `check character should be '${expected}'`;
  return options.legacyTolerant ? pass(`${reason} (accepted as legacy data)`) : fail(reason);
}

/**
 * checkUscc plus the embedded parts: the region (GB/T 2260, or 100000 for
 * central bodies) and the organization code (GB 11714 with its own check).
 */
export function checkUsccStrict(s: string, options: UsccCheckOptions = {}): CodeCheck {
  const base = checkUscc(s, options);
  if (!base.ok) return base;
  const region = s.slice(2, 8);
  if (region !== NATIONAL_REGION_CODE) {
    const regionCheck = checkRegionCode(region);
    if (!regionCheck.ok) return fail(`region part: ${regionCheck.reason}`);
  }
  const warnings = base.warning === undefined ? [] : [base.warning];
  const organization = checkOrganizationCode(s.slice(8, 17));
  if (!organization.ok) {
    const reason = `organization code part: ${organization.reason}`;
    if (!options.legacyTolerant) return fail(reason);
    warnings.push(`${reason} (accepted as legacy data)`);
  }
  return pass(warnings.length === 0 ? undefined : warnings.join('; '));
}

export interface UsccParts {
  /** 登记管理部门代码, one character; '1' = 机构编制. */
  registrationAuthority: string;
  /** 机构类别代码, one character; under 机构编制 '1' = 机关. */
  organizationType: string;
  /** GB/T 2260 code of the registering authority's region, or 100000. */
  regionCode: string;
  /** GB 11714 code including its check character. */
  organizationCode: string;
}

/** Builds a USCC from its parts. Throws RangeError on invalid parts (a programming error, not user input). */
export function makeUscc(parts: UsccParts): string {
  const { registrationAuthority, organizationType, regionCode, organizationCode } = parts;
  requireOneUsccChar('registrationAuthority', registrationAuthority);
  requireOneUsccChar('organizationType', organizationType);
  if (regionCode !== NATIONAL_REGION_CODE) {
    const regionCheck = checkRegionCode(regionCode);
    if (!regionCheck.ok) throw new RangeError(`regionCode: ${regionCheck.reason}`);
  }
  const organization = checkOrganizationCode(organizationCode);
  if (!organization.ok) throw new RangeError(`organizationCode: ${organization.reason}`);
  if ([...organizationCode].some((c) => usccValue(c) < 0)) {
    throw new RangeError('organizationCode contains I, O, S, V or Z, which a USCC cannot carry');
  }
  const first17 = `${registrationAuthority}${organizationType}${regionCode}${organizationCode}`;
  return first17 + usccCheckChar(first17);
}

function requireOneUsccChar(label: string, c: string): void {
  if (c.length !== 1 || usccValue(c) < 0) {
    throw new RangeError(`${label} should be one character from 0-9A-HJ-NPQRTUWXY`);
  }
}

/** The 9-character organization code embedded at positions 9-17, or null if `uscc` is not USCC-shaped. */
export function organizationCodeOfUscc(uscc: string): string | null {
  return FORMAT.test(uscc) ? uscc.slice(8, 17) : null;
}
