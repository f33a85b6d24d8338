import { fail, pass } from '../../../lib/codes/check.ts';
import type { CodeCheck } from '../../../lib/codes/check.ts';
import { checkImplementationCode } from '../../../lib/codes/implementationCode.ts';
import { chinaDate } from '../../../lib/time.ts';

/**
 * 办件编号: implementation code (24) + the last two digits of the submission year (2) + a
 * sequence (6), 32 characters, as common practice numbers cases.
 *
 * Uniqueness under concurrency is the caller's job: the sequence comes from a database sequence
 * (or counter row) per (implementation code, year), never from counting existing cases, which two
 * concurrent submissions would both read alike. Gaps — a sequence value taken by a submission that
 * then failed — are tolerated: the number identifies a case, it does not count them.
 */
export const CASE_NUMBER_LENGTH = 32;
export const MAX_CASE_SEQUENCE = 999_999;

/** The year this far into the century is all the number holds; parsing assumes 2000–2099. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

/**
 * An agency has taken more than 999,999 cases of one implementation in one year: the format has
 * no room for the next. Not a programming error, so it has its own class: the caller must catch it
 * and refuse the submission rather than let the number wrap onto an existing case.
 */
export class CaseSequenceOverflowError extends RangeError {
  constructor(readonly implementationCode: string, readonly year: number, readonly sequence: number) {
    super(`case sequence ${sequence} exceeds ${MAX_CASE_SEQUENCE} for ${implementationCode} in ${year}`);
    this.name = 'CaseSequenceOverflowError';
  }
}

export interface CaseNumberParts {
  implementationCode: string;
  /** Four-digit year, read as 20yy. */
  year: number;
  sequence: number;
}

/** The case-number year of a submission: the calendar year in China, whatever the server's time zone. */
export function caseNumberYear(submittedAt: Date): number {
  return Number(chinaDate(submittedAt).slice(0, 4));
}

/**
 * Throws CaseSequenceOverflowError past 999,999, and RangeError on other invalid parts (a bad
 * implementation code, a year outside 2000–2099, a sequence below 1): those are programming errors.
 */
export function formatCaseNumber(implementationCode: string, year: number, sequence: number): string {
  const code = checkImplementationCode(implementationCode);
  if (!code.ok) throw new RangeError(`implementation code: ${code.reason}`);
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new RangeError(`year should be a four-digit year ${FIRST_YEAR}–${LAST_YEAR}, got ${year}`);
  }
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence should be a whole number from 1, got ${sequence}`);
  if (sequence > MAX_CASE_SEQUENCE) throw new CaseSequenceOverflowError(implementationCode, year, sequence);
  return `${implementationCode}${String(year % 100).padStart(2, '0')}${String(sequence).padStart(6, '0')}`;
}

export function checkCaseNumber(s: string): CodeCheck {
  if (s.length !== CASE_NUMBER_LENGTH) return fail(`expected ${CASE_NUMBER_LENGTH} characters`);
  const code = checkImplementationCode(s.slice(0, 24));
  if (!code.ok) return fail(`implementation code part: ${code.reason}`);
  if (!/^\d{2}$/.test(s.slice(24, 26))) return fail('year part should be 2 digits');
  if (!/^\d{6}$/.test(s.slice(26))) return fail('sequence part should be 6 digits');
  if (s.slice(26) === '000000') return fail('sequence part starts at 000001');
  return pass();
}

export function parseCaseNumber(s: string): CaseNumberParts | null {
  if (!checkCaseNumber(s).ok) return null;
  return { implementationCode: s.slice(0, 24), year: FIRST_YEAR + Number(s.slice(24, 26)), sequence: Number(s.slice(26)) };
}
