import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../db/migrate.ts';
import type { InternalIdentity } from '../auth/internalToken.ts';
import { ANONYMOUS } from '../auth/principal.ts';
import { storeKinds } from '../../tests/support/services.ts';
import { openTestStore, type TestStore } from '../../tests/support/stores.ts';
import { appendAccess, listAccess, verifyChain } from './accessLog.ts';

const auditor: InternalIdentity = {
  principal: { ...ANONYMOUS, subject: 'dev-auditor-01', kind: 'AUDITOR', name: '监察员' },
  meta: { clientIp: '203.0.113.7', purpose: '投诉核查' },
};

function migrationsWithAccessLog(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tongban-audit-'));
  const include = path.relative(dir, fileURLToPath(new URL('./access_log.sql', import.meta.url)));
  writeFileSync(path.join(dir, '0001_audit.sql'), `-- @include ${include}\n`);
  return dir;
}

describe.each(storeKinds())('access audit log on %s', (kind) => {
  let target: TestStore;
  afterEach(async () => target?.dispose());

  async function logWith(entries: number) {
    target = await openTestStore(kind);
    await migrate(target.store, readMigrations(migrationsWithAccessLog()));
    for (let i = 1; i <= entries; i++) {
      await appendAccess(target.store, auditor, { action: 'READ', resourceType: 'person', resourceId: `p-${i}`, fields: ['idNumber', 'phone'] });
    }
  }

  it('records who, what, when, from where and why, newest first, in an intact chain', async () => {
    await logWith(3);
    const entries = await listAccess(target.store, {}, 10, null);
    expect(entries.map((entry) => entry.sequence)).toEqual([3, 2, 1]);
    expect(entries[0]).toMatchObject({
      actorSubject: 'dev-auditor-01',
      actorKind: 'AUDITOR',
      action: 'READ',
      resourceType: 'person',
      resourceId: 'p-3',
      fields: ['idNumber', 'phone'],
      purpose: '投诉核查',
      clientIp: '203.0.113.7',
    });
    expect(entries[0]!.prevHash).toBe(entries[1]!.hash);
    expect(await verifyChain(target.store)).toEqual({ ok: true, entries: 3, firstBrokenSequence: null, reason: null });
    expect((await listAccess(target.store, { resourceId: 'p-2' }, 10, null)).map((entry) => entry.sequence)).toEqual([2]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await logWith(1);
    await expect(target.store.query("UPDATE access_log SET purpose = 'x'")).rejects.toThrow(/append-only/);
    await expect(target.store.query('DELETE FROM access_log')).rejects.toThrow(/append-only/);
    await expect(target.store.query('TRUNCATE access_log')).rejects.toThrow(/append-only/);
  });

  it('finds a row changed behind the trigger, at that row', async () => {
    await logWith(5);
    // What someone with the power to disable the trigger could do.
    await target.store.exec(`ALTER TABLE access_log DISABLE TRIGGER access_log_no_change;
      UPDATE access_log SET purpose = '无' WHERE sequence = 3;
      ALTER TABLE access_log ENABLE TRIGGER access_log_no_change;`);
    expect(await verifyChain(target.store)).toMatchObject({ ok: false, firstBrokenSequence: 3, reason: 'content does not match its hash' });
  });

  it('finds a deleted row', async () => {
    await logWith(4);
    await target.store.exec(`ALTER TABLE access_log DISABLE TRIGGER access_log_no_change;
      DELETE FROM access_log WHERE sequence = 2;
      ALTER TABLE access_log ENABLE TRIGGER access_log_no_change;`);
    expect(await verifyChain(target.store)).toMatchObject({ ok: false, firstBrokenSequence: 2 });
  });

  it('keeps one unbroken chain under concurrent appends', async () => {
    await logWith(0);
    await Promise.all(
      Array.from({ length: 20 }, (_unused, i) =>
        appendAccess(target.store, auditor, { action: 'WRITE', resourceType: 'case', resourceId: `c-${i}`, fields: [] }),
      ),
    );
    expect(await verifyChain(target.store, 7)).toEqual({ ok: true, entries: 20, firstBrokenSequence: null, reason: null });
  });
});
