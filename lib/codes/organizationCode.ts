import { alphanumericValue } from './alphanumeric.ts';
import { fail, pass } from './check.ts';
import type { CodeCheck } from './check.ts';

const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 check character for an 8-character body of 0-9A-Z. Throws on malformed input. */
export function organizationCodeCheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) throw new RangeError('expected 8 characters from 0-9A-Z');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += alphanumericValue(first8[i]!) * WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  if (c === 10) return 'X';
  if (c === 11) return '0';
  return String(c);
}

export function checkOrganizationCode(s: string): CodeCheck {
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(s)) {
    return fail("expected 8 characters from 0-9A-Z followed by a digit or 'X'");
  }
  const expected = organizationCodeCheckChar(s.slice(0, 8));
  if (s[8] !== expected) return fail(`check character should be '${expected}'`);
  return pass();
}
