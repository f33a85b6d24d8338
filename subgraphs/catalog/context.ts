import type { InternalIdentity } from '../../lib/auth/internalToken.ts';
import type { CatalogLoaders } from './loaders.ts';
import type { CatalogRepository } from './repository.ts';

/** What every catalog resolver receives; built fresh for each request. */
export interface Context {
  /** Who is asking, as the gateway vouches for it. */
  identity: InternalIdentity;
  repository: CatalogRepository;
  loaders: CatalogLoaders;
}
