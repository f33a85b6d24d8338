import type { TokenKind } from './tokenize.ts';
import type { SearchDocument } from './types.ts';

export const FIELDS = ['name', 'aliases', 'themes', 'materials', 'faq', 'group'] as const;
export type Field = (typeof FIELDS)[number];

/**
 * A term in the name counts most: the name is what the item is. An everyday name is nearly as
 * telling; themes and materials describe the item loosely, FAQ text and the group (公安工作)
 * mention many things the item is not.
 */
export const FIELD_WEIGHT: Readonly<Record<Field, number>> = {
  name: 4,
  aliases: 2.5,
  themes: 1.2,
  materials: 0.8,
  faq: 0.5,
  group: 0.3,
};

/**
 * BM25's b per field. Names vary from 4 to 60 characters and a short name matching the query is the
 * better answer; an item's alias list grows with its popularity, which should not count against it.
 */
export const FIELD_LENGTH_NORM: Readonly<Record<Field, number>> = {
  name: 0.6,
  aliases: 0.2,
  themes: 0.5,
  materials: 0.75,
  faq: 0.75,
  group: 0,
};

/** A single character means little (证, 办), so unigrams only break ties between bigram matches. */
export const KIND_WEIGHT: Readonly<Record<TokenKind, number>> = {
  BIGRAM: 1,
  WORD: 1,
  UNIGRAM: 0.15,
};

export function fieldTexts(document: SearchDocument): Record<Field, readonly string[]> {
  return {
    name: [document.name],
    aliases: document.aliases,
    themes: document.themes,
    materials: document.materials,
    faq: document.faq,
    group: [document.group],
  };
}
