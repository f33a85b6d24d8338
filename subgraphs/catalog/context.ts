import type { InternalIdentity } from '../../lib/auth/internalToken.ts';
import type { Store } from '../../lib/db/store.ts';
import type { CatalogLoaders } from './loaders.ts';
import type { CatalogSearch } from './search/service.ts';
import type { CatalogRepository } from './repository.ts';

/** What every catalog resolver receives; built fresh for each request. */
export interface Context {
  /** Who is asking, as the gateway vouches for it. */
  identity: InternalIdentity;
  repository: CatalogRepository;
  loaders: CatalogLoaders;
  /** The catalog's store, for writes (transactions). */
  store: Store;
  /** Tells caches and the search index that the catalog changed. */
  changed(): Promise<void>;
  /** Today in China: what "in force" means when no date is asked for. */
  today: string;
  /** Where clients download files: PUBLIC_URL. */
  publicUrl: string;
  search: CatalogSearch;
}
