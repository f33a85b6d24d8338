import type { SearchDocument } from './types.ts';

type Faq = ReadonlyArray<{ question: string; answer: string }>;

/**
 * The parts of an item's structured content (guide/content.ts ItemContent) that search reads.
 * Structural and all optional, so rows from before the content existed, and partial content,
 * index as well.
 */
export interface SearchableContent {
  themes?: { naturalPerson?: readonly string[]; legalPerson?: readonly string[] } | null;
  materials?: ReadonlyArray<{ name: string }> | null;
  aliases?: readonly string[] | null;
}

export interface SearchableItem {
  basicCode: string;
  name: string;
  group: string;
  content?: SearchableContent | null;
}

/** FAQ lives on guides (GuideContent), one per implementation; an item's FAQ is all of its guides'. */
export interface SearchableGuide {
  basicCode: string;
  content?: { faq?: Faq | null } | null;
}

export interface DocumentSources {
  /** Everyday names by item name (seeds/catalog/aliases.ts): rows sharing a name share them. */
  lexicon?: Readonly<Record<string, readonly string[]>>;
  guides?: readonly SearchableGuide[];
}

/**
 * Search documents for catalog rows: name and group from the row; everyday names from the lexicon
 * and the item's own content; themes and materials from its content, FAQ from its guides' — each
 * only when present, so this works on bare seed rows and on items with full content alike.
 */
export function documentsFromSeed(items: readonly SearchableItem[], sources: DocumentSources = {}): SearchDocument[] {
  const lexicon = sources.lexicon ?? {};
  const faqByItem = new Map<string, string[]>();
  for (const guide of sources.guides ?? []) {
    const texts = (guide.content?.faq ?? []).map(({ question, answer }) => `${question} ${answer}`);
    if (texts.length > 0) faqByItem.set(guide.basicCode, [...(faqByItem.get(guide.basicCode) ?? []), ...texts]);
  }
  return items.map((item) => {
    const content = item.content ?? null;
    return {
      basicCode: item.basicCode,
      name: item.name,
      aliases: distinct([...(Object.hasOwn(lexicon, item.name) ? lexicon[item.name]! : []), ...(content?.aliases ?? [])]),
      themes: distinct([...(content?.themes?.naturalPerson ?? []), ...(content?.themes?.legalPerson ?? [])]),
      materials: distinct((content?.materials ?? []).map((material) => material.name)),
      faq: distinct(faqByItem.get(item.basicCode) ?? []),
      group: item.group,
    };
  });
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
