import type { InternalIdentity } from '../../lib/auth/internalToken.ts';
import type { Store } from '../../lib/db/store.ts';
import type { SupervisionClock } from './alerts/clock.ts';
import type { SupervisionSources } from './datasources/index.ts';
import type { SupervisionLoaders } from './loaders.ts';
import type { SupervisionSettings } from './settings.ts';

/** What every supervision resolver receives; built fresh for each request. */
export interface Context {
  /** Who is asking, as the gateway (or, for observations, the cases or exchange service) vouches for it. */
  identity: InternalIdentity;
  /** The supervision store (监察规则信息库 and 监察业务信息库). */
  store: Store;
  loaders: SupervisionLoaders;
  /** The other subgraphs supervision asks: the catalog (targets, guides for the figures), cases (facts, calendar). */
  sources: SupervisionSources;
  settings: SupervisionSettings;
  /** The clock (tests move it). */
  now: () => Date;
  /** The supervision clock (runSupervisionClock). */
  clock: SupervisionClock;
}
