/**
 * A reference the schema promises is non-null (a guide's agency, an agency's region) is kept by
 * foreign keys; if one is ever missing the data is broken, which is a server fault, not null.
 */
export function required<T>(value: T | null, what: string, key: string): T {
  if (value === null) throw new Error(`catalog integrity: ${what} ${key} is missing`);
  return value;
}
