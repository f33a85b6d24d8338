import { openPgliteStore } from '../../lib/db/pglite.ts';
import { openPostgresStore } from '../../lib/db/postgres.ts';
import type { Store } from '../../lib/db/store.ts';
import { assertPostgresReachable, dropSchema, postgresUrl, uniqueSchema } from './services.ts';

export interface TestStore {
  store: Store;
  /** Closes the store and removes everything the test wrote. */
  dispose(): Promise<void>;
}

/** A fresh, empty store of the given kind in its own schema. */
export async function openTestStore(kind: 'pglite' | 'postgres', schema = uniqueSchema()): Promise<TestStore> {
  if (kind === 'pglite') {
    const store = await openPgliteStore({ schema });
    return { store, dispose: () => store.close() };
  }
  const url = postgresUrl();
  if (!url) throw new Error('postgres store requested without DATABASE_URL');
  await assertPostgresReachable(url);
  const store = openPostgresStore({ url, schema, poolSize: 5 });
  return {
    store,
    async dispose() {
      await store.close();
      await dropSchema(url, schema);
    },
  };
}
