import { badUserInput } from '../../lib/errors.ts';
import { isIsoDate } from '../../lib/time.ts';
import {
  checkBasicCode,
  checkImplementationCode,
  checkRegionCode,
  checkUscc,
  type CodeCheck,
} from '../../lib/codes/index.ts';

/**
 * Argument validation for the catalog. A code of the wrong shape is the client's mistake and gets
 * BAD_USER_INPUT naming the argument and the expected form; a well-formed code that matches
 * nothing is simply not found (null or an empty list).
 */

function require(check: (value: string) => CodeCheck, expected: string) {
  return (field: string, value: string): string => {
    const result = check(value);
    if (!result.ok) throw badUserInput(field, result.reason, expected);
    return value;
  };
}

export const basicCodeArg = require(checkBasicCode, '10 digits: item type (2) + main item (5) + sub item (3)');
export const implementationCodeArg = require(
  checkImplementationCode,
  '24 characters: region (6) + township (3) + village (3) + organization code (9) + agency class (1) + handling item (2)',
);
export const regionArg = require(checkRegionCode, 'a GB/T 2260 six-digit region code, e.g. 610725');
export const usccArg = require((value) => checkUscc(value), 'an 18-character unified social credit code (GB 32100)');

/** Optional variants: null and undefined pass through unchanged. */
export function optional<T extends string>(validate: (field: string, value: string) => T) {
  return (field: string, value: string | null | undefined): T | null =>
    value === null || value === undefined ? null : validate(field, value);
}

/** A date argument (asOf): YYYY-MM-DD, a real calendar date. */
export function dateArg(field: string, value: string | null | undefined, fallback: string): string {
  if (value === null || value === undefined) return fallback;
  if (!isIsoDate(value)) throw badUserInput(field, 'not a calendar date', 'YYYY-MM-DD, e.g. 2026-11-28');
  return value;
}

export const isBasicCode = (value: string) => checkBasicCode(value).ok;
export const isImplementationCode = (value: string) => checkImplementationCode(value).ok;
