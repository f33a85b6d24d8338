/**
 * Result of validating a code. Validators never throw: GraphQL resolvers turn
 * `reason` into a user-facing error, and a `warning` lets legacy data through
 * while still telling the caller what is wrong with it.
 */
export type CodeCheck = { ok: true; warning?: string } | { ok: false; reason: string };

export function pass(warning?: string): CodeCheck {
  return warning === undefined ? { ok: true } : { ok: true, warning };
}

export function fail(reason: string): CodeCheck {
  return { ok: false, reason };
}
