/**
 * JSON with object keys sorted, so two documents that differ only in key order compare equal.
 * PostgreSQL's jsonb does not keep key order, so a document read back must be compared this way.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
