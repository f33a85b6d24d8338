import { badUserInput } from '../../../lib/errors.ts';
import { ALIASES } from '../../../seeds/catalog/aliases.ts';
import type { CatalogRepository } from '../repository.ts';
import { documentsFromSeed } from './documents.ts';
import { createSearchIndex } from './index.ts';
import type { SearchHit, SearchIndex } from './types.ts';
import { MAX_RAW_QUERY_CHARS, searchQueryArgument } from './validate.ts';

/** Search over the items in force today, as the catalog's resolvers use it. */
export interface CatalogSearch {
  /** Throws BAD_USER_INPUT for a query that cannot be searched; an empty query finds nothing. */
  search(query: string, limit: number): Promise<SearchHit[]>;
  /** The catalog changed: the next search rebuilds the index. */
  markStale(): void;
}

interface Built {
  generation: number;
  date: string;
  index: Promise<SearchIndex>;
}

/**
 * The index is built lazily from the store and rebuilt when the catalog changes or the day turns
 * (an item version may come into force at midnight). Building takes milliseconds for the 385
 * items, so rebuilding whole beats keeping an incremental index correct.
 *
 * Everyday names come from the seed lexicon and from each item's own content, so an alias a
 * maintainer adds is found at once; the lexicon is the floor under them.
 */
export function createCatalogSearch(
  repository: Pick<CatalogRepository, 'allItemsInForce' | 'dataVersion'>,
  today: () => string,
  now: () => number = Date.now,
): CatalogSearch {
  let generation = 0;
  let built: Built | null = null;
  // Writes in this process call markStale(); writes in another process (or a re-seed) bump the
  // catalog's data version, which is looked at no more than every few seconds.
  let dataVersion: number | null = null;
  let checkedAt = -Infinity;
  const CHECK_EVERY_MS = 5_000;

  async function noticeOtherWriters(): Promise<void> {
    if (now() - checkedAt < CHECK_EVERY_MS) return;
    checkedAt = now();
    const latest = await repository.dataVersion();
    if (dataVersion !== null && latest !== dataVersion) generation += 1;
    dataVersion = latest;
  }

  function current(): Promise<SearchIndex> {
    const date = today();
    if (built && built.generation === generation && built.date === date) return built.index;
    const entry: Built = { generation, date, index: build(date) };
    built = entry;
    // A failed build is not cached: the next search tries again.
    entry.index.catch(() => {
      if (built === entry) built = null;
    });
    return entry.index;
  }

  async function build(date: string): Promise<SearchIndex> {
    const items = await repository.allItemsInForce(date);
    return createSearchIndex(documentsFromSeed(items, { lexicon: ALIASES }));
  }

  return {
    async search(query, limit) {
      const checked = searchQueryArgument(query);
      if (!checked.ok) throw badUserInput('query', checked.reason, `at most ${MAX_RAW_QUERY_CHARS} characters`);
      if (checked.query === '') return [];
      await noticeOtherWriters();
      return (await current()).search(checked.query, limit);
    },
    markStale() {
      generation += 1;
    },
  };
}
