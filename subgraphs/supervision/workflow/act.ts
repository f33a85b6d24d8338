import { appendAccess } from '../../../lib/audit/accessLog.ts';
import type { Queryable } from '../../../lib/db/store.ts';
import { badUserInput, versionConflict } from '../../../lib/errors.ts';
import type { Context } from '../context.ts';

/**
 * Loads what an actor acts on, refusing the same way for orders and complaints: no such id
 * (BAD_USER_INPUT on `id`), not the caller's agency (FORBIDDEN), a stale version (VERSION_CONFLICT).
 */
export function checkActable<T extends { version: number }>(found: T | undefined, id: string, what: string, expectedVersion: number, authorizeOn: (found: T) => void): T {
  if (found === undefined) throw badUserInput('id', `no ${what} ${id}`);
  authorizeOn(found);
  if (expectedVersion !== found.version) throw versionConflict('input.expectedVersion', found.version, expectedVersion);
  return found;
}

/**
 * Writes an action (the change and its step, by `write`) with its access-log entry in one
 * transaction; VERSION_CONFLICT when `write` finds the row no longer at the version acted on.
 */
export async function commitAction(
  context: Context,
  resourceType: string,
  acted: { id: string; version: number },
  action: string,
  expectedVersion: number,
  write: (tx: Queryable) => Promise<boolean>,
  latestVersion: () => Promise<number | undefined>,
): Promise<void> {
  const stored = await context.store.transaction(async (tx) => {
    if (!(await write(tx))) return false;
    await appendAccess(tx, context.identity, { action: 'WRITE', resourceType, resourceId: acted.id, fields: [`action:${action}`] }, context.now);
    return true;
  });
  if (!stored) throw versionConflict('input.expectedVersion', (await latestVersion()) ?? acted.version + 1, expectedVersion);
}
