import { coverage, coverageUnits } from './coverage.ts';
import { FIELDS, FIELD_LENGTH_NORM, FIELD_WEIGHT, KIND_WEIGHT, fieldTexts } from './fields.ts';
import type { Field } from './fields.ts';
import { stripFillers } from './fillers.ts';
import { compact, normalize, normalizeQuery } from './normalize.ts';
import { tokenize } from './tokenize.ts';
import type { Token } from './tokenize.ts';
import type { MatchedBy, SearchDocument, SearchHit, SearchIndex } from './types.ts';

export type { MatchedBy, SearchDocument, SearchHit, SearchIndex } from './types.ts';

/**
 * Ranking, in tiers; a higher tier always wins, text relevance orders within a tier:
 *   3  the query is the item's name (企业登记)
 *   2  the query is one of its everyday names (准生证)
 *   1  the name or an everyday name contains the query (施工许可 in 建筑工程施工许可证核发), or
 *      the query contains one (开餐馆 in 我想开餐馆)
 *   0  BM25F over all fields — kept only when it covers at least MIN_COVERAGE of the query
 * Ties fall to basicCode, so equal queries give equal pages.
 */
const TIER = { EXACT_NAME: 3, EXACT_ALIAS: 2, CONTAINS: 1, TEXT: 0 } as const;

/** Below this share of the query's weight matched, a text-only match is noise, not an answer. */
export const MIN_COVERAGE = 0.5;

/** BM25 term-frequency saturation. */
const K1 = 1.2;
/** Text relevance is squashed into [0, 1) by s / (s + SQUASH) so it never crosses a tier. */
const SQUASH = 10;
/** Containment on one character (证 in every 证 item) means nothing. */
const MIN_CONTAINMENT_CHARS = 2;

interface Posting {
  doc: number;
  /** BM25F's field-weighted, length-normalized term frequency; query-independent, so computed once. */
  weightedTf: number;
  /** Each field's part of weightedTf, in FIELDS order, to say what matched. */
  byField: number[];
}

interface Entry {
  document: SearchDocument;
  compactName: string;
  compactAliases: string[];
}

export function createSearchIndex(documents: readonly SearchDocument[]): SearchIndex {
  const entries: Entry[] = [];
  const counts: Array<Map<string, number[]>> = [];
  const lengths: number[][] = [];
  const totalLengths = FIELDS.map(() => 0);

  documents.forEach((document) => {
    const texts = fieldTexts(document);
    const docLengths = FIELDS.map(() => 0);
    const docCounts = new Map<string, number[]>();
    FIELDS.forEach((field, f) => {
      for (const text of texts[field]) {
        for (const token of tokenize(text)) {
          docLengths[f]! += 1;
          const tf = docCounts.get(token.term) ?? FIELDS.map(() => 0);
          tf[f]! += 1;
          docCounts.set(token.term, tf);
        }
      }
      totalLengths[f]! += docLengths[f]!;
    });
    counts.push(docCounts);
    lengths.push(docLengths);
    entries.push({
      document,
      compactName: compact(normalize(document.name)),
      compactAliases: [...new Set(document.aliases.map((alias) => compact(normalize(alias))))].filter(Boolean),
    });
  });

  const size = entries.length;
  const averageLengths = totalLengths.map((total) => (size > 0 ? total / size : 0));
  const postings = new Map<string, Posting[]>();
  counts.forEach((docCounts, doc) => {
    for (const [term, tf] of docCounts) {
      const byField = FIELDS.map((field: Field, f) => {
        if (tf[f] === 0) return 0;
        const average = averageLengths[f]!;
        const b = FIELD_LENGTH_NORM[field];
        const norm = average > 0 ? 1 - b + (b * lengths[doc]![f]!) / average : 1;
        return (FIELD_WEIGHT[field] * tf[f]!) / norm;
      });
      const list = postings.get(term) ?? [];
      list.push({ doc, weightedTf: byField.reduce((sum, value) => sum + value, 0), byField });
      postings.set(term, list);
    }
  });

  const idf = (term: string): number => {
    const df = postings.get(term)?.length ?? 0;
    return Math.log(1 + (size - df + 0.5) / (df + 0.5));
  };

  function tierOf(entry: Entry, forms: readonly string[], containable: readonly string[]): { tier: number; via: MatchedBy } {
    const name = entry.compactName;
    if (forms.includes(name)) return { tier: TIER.EXACT_NAME, via: 'NAME' };
    if (entry.compactAliases.some((alias) => forms.includes(alias))) return { tier: TIER.EXACT_ALIAS, via: 'ALIAS' };
    for (const form of containable) {
      // Length guards: every string contains '', and one character says nothing.
      if (name.includes(form) || (name.length >= MIN_CONTAINMENT_CHARS && form.includes(name))) return { tier: TIER.CONTAINS, via: 'NAME' };
      if (entry.compactAliases.some((alias) => alias.includes(form) || (alias.length >= MIN_CONTAINMENT_CHARS && form.includes(alias)))) {
        return { tier: TIER.CONTAINS, via: 'ALIAS' };
      }
    }
    return { tier: TIER.TEXT, via: 'TEXT' };
  }

  function search(query: string, limit: number): SearchHit[] {
    const max = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
    if (max === 0 || size === 0) return [];
    const normalized = normalizeQuery(query);
    const stripped = stripFillers(normalized);
    // Compared whole, with and without fillers: 身份证丢了 may itself be an everyday name.
    const forms = [...new Set([compact(normalized), compact(stripped)])].filter(Boolean);
    if (forms.length === 0) return [];
    const containable = forms.filter((form) => Array.from(form).length >= MIN_CONTAINMENT_CHARS);

    const queryTokens = tokenize(stripped);
    const units = coverageUnits(queryTokens, idf);

    const relevance = new Map<number, { score: number; byField: number[]; matched: Set<string> }>();
    for (const token of uniqueTerms(queryTokens)) {
      const list = postings.get(token.term);
      if (!list) continue;
      const termWeight = KIND_WEIGHT[token.kind] * idf(token.term);
      for (const posting of list) {
        const total = posting.weightedTf;
        const gain = (termWeight * total) / (K1 + total);
        const acc = relevance.get(posting.doc) ?? { score: 0, byField: FIELDS.map(() => 0), matched: new Set<string>() };
        acc.score += gain;
        posting.byField.forEach((share, f) => (acc.byField[f]! += total > 0 ? (gain * share) / total : 0));
        acc.matched.add(token.term);
        relevance.set(posting.doc, acc);
      }
    }

    const hits: SearchHit[] = [];
    entries.forEach((entry, doc) => {
      const { tier, via } = tierOf(entry, forms, containable);
      const text = relevance.get(doc);
      if (tier === TIER.TEXT) {
        if (!text || coverage(units, (term) => text.matched.has(term)) < MIN_COVERAGE) return;
      }
      const score = text?.score ?? 0;
      hits.push({
        basicCode: entry.document.basicCode,
        name: entry.document.name,
        score: tier + score / (score + SQUASH),
        matchedBy: tier === TIER.TEXT ? strongestField(text!.byField) : via,
      });
    });

    hits.sort((a, b) => b.score - a.score || (a.basicCode < b.basicCode ? -1 : a.basicCode > b.basicCode ? 1 : 0));
    return hits.slice(0, max);
  }

  return { search, size };
}

function uniqueTerms(tokens: readonly Token[]): Token[] {
  const seen = new Map<string, Token>();
  for (const token of tokens) if (!seen.has(token.term)) seen.set(token.term, token);
  return [...seen.values()];
}

function strongestField(byField: readonly number[]): MatchedBy {
  let best = 0;
  byField.forEach((value, f) => {
    if (value > byField[best]!) best = f;
  });
  const field = FIELDS[best];
  return field === 'name' ? 'NAME' : field === 'aliases' ? 'ALIAS' : 'TEXT';
}
