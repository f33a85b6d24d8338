/**
 * GB 11714 and ISO/IEC 7064 MOD 37,36 share one character valuation:
 * digits are worth 0-9 and letters A-Z are worth 10-35.
 */
export const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Value of an upper-case alphanumeric character, or -1 for anything else. */
export function alphanumericValue(c: string): number {
  return c.length === 1 ? ALPHANUMERIC.indexOf(c) : -1;
}
