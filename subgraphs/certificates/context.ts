import type { InternalIdentity } from '../../lib/auth/internalToken.ts';
import type { Store } from '../../lib/db/store.ts';
import type { CasesSource } from '../cases/client/caseFacts.ts';
import type { CertificatesLoaders } from './loaders.ts';
import type { CertificatesRepository } from './repository.ts';

/** What every certificates resolver receives; built fresh for each request. */
export interface Context {
  /** Who is asking, as the gateway vouches for it. */
  identity: InternalIdentity;
  /** The certificates store, for the writes' transactions. */
  store: Store;
  repository: CertificatesRepository;
  loaders: CertificatesLoaders;
  /** The cases subgraph, for issuance from a case. */
  cases: CasesSource;
  /** Where clients reach the gateway (PUBLIC_URL): the printable rendition's QR code links there. */
  publicUrl: string;
  /** The clock (tests move it). */
  now: () => Date;
}
