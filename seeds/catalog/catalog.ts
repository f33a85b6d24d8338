import entries from './basic-catalog.json' with { type: 'json' };
import type { CatalogEntry } from './types.ts';

/** The catalog in file order, which fixes class order and hence basic-code numbering. */
export const CATALOG: readonly CatalogEntry[] = entries;
