/** A WHERE builder shared by the order, complaint and evaluation repositories. */

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
