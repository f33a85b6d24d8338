import { fail, pass } from './check.ts';
import type { CodeCheck } from './check.ts';
import { checkOrganizationCode } from './organizationCode.ts';
import { checkRegionCode } from './region.ts';

/** 实施主体性质 (seed 003) and the one-character agency class in an implementation code. */
export const AGENCY_NATURES = [
  { nature: 'STATUTORY_ORGAN', code: '1', name: '法定机关' },
  { nature: 'AUTHORIZED_ORGANIZATION', code: '2', name: '授权组织' },
  { nature: 'ENTRUSTED_ORGANIZATION', code: '3', name: '受委托组织' },
  { nature: 'OTHER', code: '9', name: '其他' },
] as const;

export type AgencyNature = (typeof AGENCY_NATURES)[number]['nature'];

/**
 * The 24-character implementation code (实施编码): region (6) + township (3) +
 * village (3) + organization code (9) + agency class (1) + handling item (2).
 * The layout has no room for the basic code, so Tongban numbers each agency's
 * guides 01-99 in the handling-item part to keep their codes distinct.
 */
export interface ImplementationCodeParts {
  regionCode: string;
  township: string;
  village: string;
  organizationCode: string;
  agencyNature: AgencyNature;
  /** 0 (`00`) when there is no handling item. */
  handlingItem: number;
}

export type ImplementationCodeInput = Omit<ImplementationCodeParts, 'township' | 'village'> &
  Partial<Pick<ImplementationCodeParts, 'township' | 'village'>>;

/** Builds an implementation code. Throws RangeError on invalid parts (a programming error). */
export function makeImplementationCode(input: ImplementationCodeInput): string {
  const { regionCode, township = '000', village = '000', organizationCode, agencyNature, handlingItem } = input;
  if (!Number.isInteger(handlingItem) || handlingItem < 0 || handlingItem > 99) {
    throw new RangeError('handlingItem should be 0-99');
  }
  const nature = AGENCY_NATURES.find((n) => n.nature === agencyNature);
  if (nature === undefined) throw new RangeError(`unknown agency nature ${agencyNature}`);
  const handlingItemText = String(handlingItem).padStart(2, '0');
  const code = `${regionCode}${township}${village}${organizationCode}${nature.code}${handlingItemText}`;
  const check = checkImplementationCode(code);
  if (!check.ok) throw new RangeError(check.reason);
  return code;
}

export function checkImplementationCode(s: string): CodeCheck {
  if (s.length !== 24) return fail('expected 24 characters');
  const region = checkRegionCode(s.slice(0, 6));
  if (!region.ok) return fail(`region part: ${region.reason}`);
  const township = s.slice(6, 9);
  const village = s.slice(9, 12);
  if (!/^\d{3}$/.test(township)) return fail('township part should be 3 digits');
  if (!/^\d{3}$/.test(village)) return fail('village part should be 3 digits');
  if (township === '000' && village !== '000') return fail('village part requires a township part');
  const organization = checkOrganizationCode(s.slice(12, 21));
  if (!organization.ok) return fail(`organization code part: ${organization.reason}`);
  if (!AGENCY_NATURES.some((n) => n.code === s[21])) return fail(`'${s[21]}' is not a known agency class`);
  if (!/^\d{2}$/.test(s.slice(22))) return fail('handling item should be 2 digits');
  return pass();
}

export function parseImplementationCode(s: string): ImplementationCodeParts | null {
  if (!checkImplementationCode(s).ok) return null;
  return {
    regionCode: s.slice(0, 6),
    township: s.slice(6, 9),
    village: s.slice(9, 12),
    organizationCode: s.slice(12, 21),
    agencyNature: AGENCY_NATURES.find((n) => n.code === s[21])!.nature,
    handlingItem: Number(s.slice(22)),
  };
}
