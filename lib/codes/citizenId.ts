import { fail, pass } from './check.ts';
import type { CodeCheck } from './check.ts';
import { checkRegionCode } from './region.ts';

// GB 11643: weights 2^(17-i) mod 11; the remainder indexes the check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

// Birth dates before 1900 cannot belong to a living applicant.
const EARLIEST_BIRTH_YEAR = 1900;

/** Check character for the first 17 digits of a citizen ID. Throws on malformed input (a programming error). */
export function citizenIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export interface CitizenIdOptions {
  /** Reference date for rejecting future birth dates; defaults to now. */
  today?: Date;
}

export function checkCitizenId(s: string, options: CitizenIdOptions = {}): CodeCheck {
  if (!/^\d{17}[\dX]$/.test(s)) return fail("expected 17 digits followed by a digit or 'X'");
  const region = checkRegionCode(s.slice(0, 6));
  if (!region.ok) return fail(`region prefix: ${region.reason}`);
  const birth = checkBirthDate(s.slice(6, 14), options.today ?? new Date());
  if (!birth.ok) return birth;
  const expected = citizenIdCheckDigit(s.slice(0, 17));
  if (s[17] !== expected) return fail(`check character should be '${expected}'`);
  return pass();
}

function checkBirthDate(yyyymmdd: string, today: Date): CodeCheck {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  const isCalendarDate =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!isCalendarDate) return fail(`birth date ${yyyymmdd} is not a calendar date`);
  if (year < EARLIEST_BIRTH_YEAR) return fail(`birth year ${year} is before ${EARLIEST_BIRTH_YEAR}`);
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (date.getTime() > todayUtc) return fail(`birth date ${yyyymmdd} is in the future`);
  return pass();
}
