/** What the index knows of one item: plain text, so it can be built from seed rows, the database or a test. */
export interface SearchDocument {
  basicCode: string;
  name: string;
  /** Everyday names (日常叫法), e.g. 准生证. */
  aliases: string[];
  /** Theme names from seed 003's lists (生育收养, 户籍办理 …). */
  themes: string[];
  /** Material names. */
  materials: string[];
  /** Questions and answers, as plain text. */
  faq: string[];
  /** The catalog group, e.g. 公安工作. */
  group: string;
}

/** Why an item was found: its name, one of its everyday names, or its other text. */
export type MatchedBy = 'NAME' | 'ALIAS' | 'TEXT';

export interface SearchHit {
  basicCode: string;
  name: string;
  /**
   * Higher is better; comparable within one search only. The integer part is the match tier
   * (3 exact name, 2 exact alias, 1 containment, 0 text), the fraction the text relevance.
   */
  score: number;
  matchedBy: MatchedBy;
}

export interface SearchIndex {
  search(query: string, limit: number): SearchHit[];
  readonly size: number;
}
