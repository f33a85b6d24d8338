import { toSimplified } from './traditional.ts';

/** Longest normalized query we search for; longer input is cut, not refused (validate.ts refuses absurd input). */
export const MAX_QUERY_CHARS = 64;

/**
 * Raw input is cut to this many UTF-16 units before any work, so a megabyte of input costs no more
 * than a long query. Generous, because symbols stripped by normalization do not count against
 * MAX_QUERY_CHARS.
 */
const MAX_RAW_UNITS = MAX_QUERY_CHARS * 16;

// Everything that is not a letter or a digit (punctuation, symbols, emoji, whitespace, lone
// surrogates) separates tokens. Combining marks go too: after NFKC they are rare and carry no meaning here.
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/**
 * One spelling for documents and queries alike: NFKC folds full-width Latin and digits (Ｃ１ → c1)
 * and compatibility forms; case and script variants are folded; anything that is not a letter or a
 * digit becomes a single space. Never throws, for any string.
 */
export function normalize(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase()).replace(SEPARATORS, ' ').trim();
}

/** normalize(), bounded: at most MAX_QUERY_CHARS code points, so query cost has a ceiling. */
export function normalizeQuery(text: string): string {
  const normalized = normalize(text.length > MAX_RAW_UNITS ? text.slice(0, MAX_RAW_UNITS) : text);
  const chars = Array.from(normalized);
  return chars.length <= MAX_QUERY_CHARS ? normalized : chars.slice(0, MAX_QUERY_CHARS).join('').trimEnd();
}

/**
 * Normalized text without separators, for whole-string comparison: 减税 免税 and 减税、免税 are
 * the same name to a user.
 */
export function compact(normalized: string): string {
  return normalized.replaceAll(' ', '');
}
