import type { Token } from './tokenize.ts';

/**
 * How much of the query a document accounts for. BM25 alone rewards any shared bigram, so 结婚登记
 * would find every 登记 item; requiring most of the query's meaning — weighted by rarity, so 结婚
 * counts for more than 登记 — to be matched is what lets a search honestly return nothing.
 *
 * A unit is one Han character (covered when a bigram containing it matches; a lone character when
 * its unigram matches) or one Latin/digit word. Characters rather than bigrams, so the bigram that
 * straddles two words (房交 in 买房交契税) costs nothing once its neighbours match.
 */
export interface CoverageUnit {
  weight: number;
  /** Any of these matching covers the unit. */
  terms: readonly string[];
}

export function coverageUnits(tokens: readonly Token[], weightOf: (term: string) => number): CoverageUnit[] {
  const bigramsAt = new Map<number, string[]>();
  for (const token of tokens) {
    if (token.kind !== 'BIGRAM') continue;
    for (const position of [token.start, token.start + 1]) {
      const terms = bigramsAt.get(position) ?? [];
      terms.push(token.term);
      bigramsAt.set(position, terms);
    }
  }
  const units: CoverageUnit[] = [];
  for (const token of tokens) {
    if (token.kind === 'UNIGRAM') {
      units.push({ weight: weightOf(token.term), terms: bigramsAt.get(token.start) ?? [token.term] });
    } else if (token.kind === 'WORD') {
      units.push({ weight: weightOf(token.term), terms: [token.term] });
    }
  }
  return units;
}

/** Share of the query's weight, 0–1, that `matches` accounts for; 0 for a query with no units. */
export function coverage(units: readonly CoverageUnit[], matches: (term: string) => boolean): number {
  let total = 0;
  let covered = 0;
  for (const unit of units) {
    total += unit.weight;
    if (unit.terms.some(matches)) covered += unit.weight;
  }
  return total > 0 ? covered / total : 0;
}
