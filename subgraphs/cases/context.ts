import type { InternalIdentity } from '../../lib/auth/internalToken.ts';
import type { Store } from '../../lib/db/store.ts';
import type { OutboxDispatcher } from '../../lib/outbox/outbox.ts';
import type { CalendarStore } from './calendar/store.ts';
import type { CatalogSource } from './datasources/catalog.ts';
import type { DepartmentDelivery } from './datasources/departments.ts';
import type { CasesLoaders } from './loaders.ts';
import type { CasesRepository } from './repository.ts';

/** What every cases resolver receives; built fresh for each request. */
export interface Context {
  identity: InternalIdentity;
  store: Store;
  repository: CasesRepository;
  loaders: CasesLoaders;
  catalog: CatalogSource;
  /** Departmental systems applications are delivered to (统一受理). */
  departments: DepartmentDelivery;
  calendar: CalendarStore;
  outbox: OutboxDispatcher;
  /** SUPERVISION_SYNC_WAIT_MS: how long a write waits for the outbox to tell supervision before answering. */
  supervisionSyncWaitMs: number;
  /** MATERIAL_MAX_BYTES */
  materialMaxBytes: number;
  /** The clock, injectable in tests. */
  now(): Date;
}
