import { normalizeQuery } from './normalize.ts';

/** Longer raw input is not a search but a paste accident or a probe, and is refused. */
export const MAX_RAW_QUERY_CHARS = 200;

export type SearchQueryCheck = { ok: true; query: string } | { ok: false; reason: string };

/**
 * The search argument as the resolver sees it: either the normalized query (possibly empty — an
 * empty or symbol-only query is a search with no results, not an error) or a reason for
 * BAD_USER_INPUT.
 */
export function searchQueryArgument(query: unknown): SearchQueryCheck {
  if (typeof query !== 'string') return { ok: false, reason: 'must be a string' };
  if (codePointsExceed(query, MAX_RAW_QUERY_CHARS)) {
    return { ok: false, reason: `must be at most ${MAX_RAW_QUERY_CHARS} characters` };
  }
  return { ok: true, query: normalizeQuery(query) };
}

// Counts no further than needed, so a megabyte of input is rejected in constant time.
function codePointsExceed(text: string, max: number): boolean {
  if (text.length <= max) return false;
  if (text.length > max * 2) return true;
  let count = 0;
  for (const _ of text) {
    count += 1;
    if (count > max) return true;
  }
  return false;
}
