import { readFileSync } from 'node:fs';
import { migrate } from '../../../lib/db/migrate.ts';
import { openTestStore, type TestStore } from '../../../tests/support/stores.ts';

const MIGRATION = readFileSync(new URL('../migrations/0002_calendar.sql', import.meta.url), 'utf8');
const ACCESS_LOG = readFileSync(new URL('../../../lib/audit/access_log.sql', import.meta.url), 'utf8');

/**
 * A fresh store with the calendar's migration alone (it depends on nothing of 0001), and the
 * access log when asked (0001 brings it in the subgraph).
 */
export async function openCalendarTestStore(kind: 'pglite' | 'postgres', options: { accessLog?: boolean } = {}): Promise<TestStore> {
  const test = await openTestStore(kind);
  await migrate(test.store, [{ version: 2, name: 'calendar', sql: MIGRATION, checksum: 'test' }]);
  if (options.accessLog) await test.store.exec(ACCESS_LOG);
  return test;
}
