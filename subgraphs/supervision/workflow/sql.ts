/** Row conversions and a WHERE builder shared by the order and complaint repositories. */
export type Row = Record<string, unknown>;

export const iso = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();
export const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : iso(value));
export const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** Conditions joined by AND, each with its parameter numbered in order. */
export class Conditions {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  /** Adds `clause($n)` with `value` as $n, unless value is null. */
  add(value: unknown, clause: (placeholder: string) => string): this {
    if (value === null || value === undefined) return this;
    this.params.push(value);
    this.clauses.push(clause(`$${this.params.length}`));
    return this;
  }

  /** A placeholder for a parameter outside the WHERE clause (LIMIT). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get where(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}
