/**
 * Reading rows the same way on both stores: node-postgres hands timestamps back as Date objects,
 * PGlite (and JSON columns) sometimes as strings; every repository turns them into ISO instants.
 */
export type Row = Record<string, unknown>;

export const iso = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();
export const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : iso(value));
export const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
