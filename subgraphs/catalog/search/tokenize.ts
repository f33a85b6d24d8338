import { normalize } from './normalize.ts';

/**
 * BIGRAM: two adjacent Han characters — Chinese has no spaces, and bigrams find 准生 in 准生证
 * without a dictionary. UNIGRAM: one Han character — recall for typos and one-character queries,
 * weighted low by the index because 证 or 办 alone means little. WORD: a run of Latin letters,
 * digits or other scripts (ktv, a1, 2019).
 */
export type TokenKind = 'BIGRAM' | 'UNIGRAM' | 'WORD';

export interface Token {
  term: string;
  kind: TokenKind;
  /** Offset in code points into the normalized text, so a query can tell which characters a match covers. */
  start: number;
  /** Length in code points. */
  length: number;
}

const HAN = /\p{Script=Han}/u;

/**
 * The one tokenizer for documents and queries (a query tokenized differently from the documents
 * would miss them). Accepts raw text; normalization is idempotent, so already-normalized text is fine.
 */
export function tokenize(text: string): Token[] {
  const chars = Array.from(normalize(text));
  const tokens: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const char = chars[i]!;
    if (char === ' ') {
      i += 1;
      continue;
    }
    const han = HAN.test(char);
    let end = i + 1;
    while (end < chars.length && chars[end] !== ' ' && HAN.test(chars[end]!) === han) end += 1;
    if (han) {
      for (let k = i; k < end; k += 1) {
        tokens.push({ term: chars[k]!, kind: 'UNIGRAM', start: k, length: 1 });
        if (k + 1 < end) tokens.push({ term: chars[k]! + chars[k + 1]!, kind: 'BIGRAM', start: k, length: 2 });
      }
    } else {
      tokens.push({ term: chars.slice(i, end).join(''), kind: 'WORD', start: i, length: end - i });
    }
    i = end;
  }
  return tokens;
}
