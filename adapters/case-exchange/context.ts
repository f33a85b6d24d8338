import type { InternalIdentity } from '../../lib/auth/internalToken.ts';
import type { Store } from '../../lib/db/store.ts';
import type { LegacyQueries } from '../legacy-query/legacyQuery.ts';
import type { ExchangeLoaders } from './loaders.ts';

/** What every exchange resolver receives; built fresh for each request. */
export interface Context {
  identity: InternalIdentity;
  store: Store;
  loaders: ExchangeLoaders;
  /** Wrapped legacy query services of departments (adapters/legacy-query); absent: none configured. */
  legacyQueries?: LegacyQueries;
}
