import { fail, pass } from './check.ts';
import type { CodeCheck } from './check.ts';

/** GB/T 2260 province-level codes (two leading digits). */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

// 北京、天津、上海、重庆: their districts hang directly under the municipality;
// the historical xx0100/xx0200 "市辖区/县" codes are groupings, not a level.
const MUNICIPALITIES: ReadonlySet<string> = new Set(['11', '12', '31', '50']);

// 台湾、香港、澳门 are listed in GB/T 2260 at province level only.
const UNDIVIDED: ReadonlySet<string> = new Set(['71', '81', '82']);

// xx90xx is "省直辖县级行政区划" (e.g. 429004 仙桃市): county level, parent is the province.
const PROVINCE_ADMINISTERED_PREFECTURE = '90';

export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

export function checkRegionCode(s: string): CodeCheck {
  if (!/^\d{6}$/.test(s)) return fail('expected 6 digits');
  const province = s.slice(0, 2);
  const prefecture = s.slice(2, 4);
  const county = s.slice(4, 6);
  if (!PROVINCE_CODES.has(province)) return fail(`'${province}' is not a GB/T 2260 province code`);
  if (UNDIVIDED.has(province) && s.slice(2) !== '0000') {
    return fail(`region ${province} has no subdivisions; expected ${province}0000`);
  }
  if (prefecture === '00' && county !== '00') return fail('county part requires a prefecture part');
  return pass();
}

/** Level of a code that passed checkRegionCode. */
export function regionLevel(code: string): RegionLevel {
  if (code.slice(4, 6) !== '00') return 'COUNTY';
  if (code.slice(2, 4) !== '00') return 'CITY';
  return 'PROVINCE';
}

/** Enclosing region of a code that passed checkRegionCode, or null for a province. */
export function parentRegionCode(code: string): string | null {
  const province = code.slice(0, 2);
  switch (regionLevel(code)) {
    case 'PROVINCE':
      return null;
    case 'CITY':
      return `${province}0000`;
    case 'COUNTY': {
      const prefecture = code.slice(2, 4);
      if (MUNICIPALITIES.has(province) || prefecture === PROVINCE_ADMINISTERED_PREFECTURE) {
        return `${province}0000`;
      }
      return `${province}${prefecture}00`;
    }
  }
}
