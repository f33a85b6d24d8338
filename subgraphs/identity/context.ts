import type { InternalIdentity } from '../../lib/auth/internalToken.ts';
import type { Store } from '../../lib/db/store.ts';
import type { IdentityRepository } from './repository.ts';

export interface Context {
  identity: InternalIdentity;
  store: Store;
  repository: IdentityRepository;
}
