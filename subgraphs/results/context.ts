import type { InternalIdentity } from '../../lib/auth/internalToken.ts';
import type { Store } from '../../lib/db/store.ts';
import type { ResultsLoaders } from './loaders.ts';
import type { ResultsRepository } from './repository.ts';

/** What every results resolver receives; built fresh for each request. */
export interface Context {
  /** Who is asking, as the gateway (or, for recordCaseResult, the cases subgraph) vouches for it. */
  identity: InternalIdentity;
  /** The results store, for the write's transaction. */
  store: Store;
  repository: ResultsRepository;
  loaders: ResultsLoaders;
}
