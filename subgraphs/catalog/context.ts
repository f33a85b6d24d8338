import type { CatalogLoaders } from './loaders.ts';
import type { CatalogRepository } from './repository.ts';

/** What every catalog resolver receives; built fresh for each request. */
export interface Context {
  repository: CatalogRepository;
  loaders: CatalogLoaders;
}
