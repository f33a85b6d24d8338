import { appendAccess } from '../../lib/audit/accessLog.ts';
import type { InternalIdentity } from '../../lib/auth/internalToken.ts';
import { authorize } from '../../lib/auth/authorize.ts';
import { ITEM_TYPES, makeBasicCode, type ItemType } from '../../lib/codes/basicCode.ts';
import { makeImplementationCode } from '../../lib/codes/implementationCode.ts';
import type { Queryable, Store } from '../../lib/db/store.ts';
import { badUserInput, invalidElements, versionConflict } from '../../lib/errors.ts';
import { isIsoDate } from '../../lib/time.ts';
import type { GuideContent, ItemContent } from './guide/content.ts';
import { validateGuideContent, validateItemContent } from './guide/validate.ts';
import type { AgencyModel, CatalogStatus, VersionModel } from './models.ts';
import { CatalogRepository, toVersion } from './repository.ts';

/**
 * Maintainers' writes (事项动态管理). Every change is a new immutable version with who, when, why
 * and the date it takes effect. A write is validated completely before anything is stored; it
 * commits in one transaction with its access-log entry and the catalog's data version; a write
 * based on a version that is no longer the latest is refused (optimistic concurrency) instead of
 * silently overwriting someone else's change.
 */

export interface VersionMeta {
  effectiveFrom: string;
  reason: string;
}

const CLASS_NAMES = { DISCLOSURE: '政府信息公开事项', ADMINISTRATIVE_POWER: '行政职权事项', CONVENIENCE: '便民服务事项' } as const;
const MAX_REASON = 500;

function checkMeta(meta: VersionMeta): void {
  if (!isIsoDate(meta.effectiveFrom)) throw badUserInput('effectiveFrom', 'not a calendar date', 'YYYY-MM-DD');
  const reason = meta.reason.trim();
  if (!reason) throw badUserInput('reason', 'a change needs its reason', 'a short explanation, e.g. 依据新修订的条例调整承诺时限');
  if (reason.length > MAX_REASON) throw badUserInput('reason', `longer than ${MAX_REASON} characters`);
}

/** Everything the writer needs: the store, who is writing, and what to tell once it committed. */
export interface WriteContext {
  store: Store;
  identity: InternalIdentity;
  repository: CatalogRepository;
  /** Runs after commit: the cache must forget what changed. */
  changed(): Promise<void>;
}

async function insertVersion(
  tx: Queryable,
  table: 'item_version' | 'guide_version',
  key: 'basic_code' | 'implementation_code',
  code: string,
  version: number,
  status: CatalogStatus,
  content: unknown,
  author: string,
  meta: VersionMeta,
): Promise<VersionModel> {
  const { rows } = await tx.query(
    `INSERT INTO ${table} (${key}, version, effective_from, status, content, author, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING version, effective_from, status, author, reason, recorded_at`,
    [code, version, meta.effectiveFrom, status, JSON.stringify(content), author, meta.reason.trim()],
  );
  await tx.query('UPDATE catalog_state SET data_version = data_version + 1');
  return toVersion(rows[0]!);
}

/** Moves the head from `expected` to the next version, or says who got there first. */
async function claimNextVersion(
  tx: Queryable,
  table: 'service_item' | 'service_guide',
  key: 'basic_code' | 'implementation_code',
  code: string,
  expected: number,
): Promise<number> {
  const { rows } = await tx.query<{ head_version: number }>(
    `UPDATE ${table} SET head_version = head_version + 1 WHERE ${key} = $1 AND head_version = $2 RETURNING head_version`,
    [code, expected],
  );
  if (rows[0]) return rows[0].head_version;
  const current = await tx.query<{ head_version: number }>(`SELECT head_version FROM ${table} WHERE ${key} = $1`, [code]);
  if (!current.rows[0]) throw badUserInput(key === 'basic_code' ? 'basicCode' : 'implementationCode', 'no such entry in the catalog');
  throw versionConflict('expectedVersion', current.rows[0].head_version, expected);
}

export async function updateItem(
  ctx: WriteContext,
  basicCode: string,
  content: unknown,
  expectedVersion: number,
  meta: VersionMeta,
  status: CatalogStatus = 'ACTIVE',
): Promise<{ basicCode: string; version: VersionModel }> {
  authorize(ctx.identity.principal, 'catalog.write');
  checkMeta(meta);
  const current = (await ctx.repository.itemVersions(basicCode))[0];
  if (!current) throw badUserInput('basicCode', 'no such item in the catalog');
  const document = status === 'CANCELLED' ? current.content : content;
  const errors = validateItemContent(document);
  const type = (document as Partial<ItemContent>)?.type;
  const [head] = await ctx.store.query<{ type: string }>('SELECT type FROM service_item WHERE basic_code = $1', [basicCode]).then((r) => r.rows);
  if (type !== undefined && type !== head?.type) errors.push({ element: 'type', reason: 'the type is part of the basic code; create a new item instead' });
  if (errors.length) throw invalidElements('content', errors);
  const version = await ctx.store.transaction(async (tx) => {
    const next = await claimNextVersion(tx, 'service_item', 'basic_code', basicCode, expectedVersion);
    const written = await insertVersion(tx, 'item_version', 'basic_code', basicCode, next, status, document, ctx.identity.principal.subject, meta);
    await appendAccess(tx, ctx.identity, { action: 'WRITE', resourceType: 'item', resourceId: `${basicCode}@${next}`, fields: ['content'] });
    return written;
  });
  await ctx.changed();
  return { basicCode, version };
}

export async function updateGuide(
  ctx: WriteContext,
  implementationCode: string,
  content: unknown,
  expectedVersion: number,
  meta: VersionMeta,
  status: CatalogStatus = 'ACTIVE',
): Promise<{ implementationCode: string; version: VersionModel }> {
  authorize(ctx.identity.principal, 'catalog.write');
  checkMeta(meta);
  const current = (await ctx.repository.guideVersions(implementationCode))[0];
  if (!current) throw badUserInput('implementationCode', 'no such guide in the catalog');
  const document = status === 'CANCELLED' ? current.content : content;
  const basicCode = await ctx.store
    .query<{ basic_code: string }>('SELECT basic_code FROM service_guide WHERE implementation_code = $1', [implementationCode])
    .then((r) => r.rows[0]!.basic_code);
  const [item] = await ctx.repository.itemsInForce([basicCode], meta.effectiveFrom);
  if (!item) throw badUserInput('effectiveFrom', "the guide's item is not in force at that date");
  const errors = validateGuideContent(document, item.content);
  if (errors.length) throw invalidElements('content', errors);
  const version = await ctx.store.transaction(async (tx) => {
    const next = await claimNextVersion(tx, 'service_guide', 'implementation_code', implementationCode, expectedVersion);
    const written = await insertVersion(tx, 'guide_version', 'implementation_code', implementationCode, next, status, document, ctx.identity.principal.subject, meta);
    await appendAccess(tx, ctx.identity, { action: 'WRITE', resourceType: 'guide', resourceId: `${implementationCode}@${next}`, fields: ['content'] });
    return written;
  });
  await ctx.changed();
  return { implementationCode, version };
}

export interface NewItem extends VersionMeta {
  type: ItemType;
  class: keyof typeof CLASS_NAMES;
  group: string;
  content: unknown;
}

/** A new item gets the next basic code of its type (main item number), sub item 000. */
export async function createItem(ctx: WriteContext, input: NewItem): Promise<{ basicCode: string; version: VersionModel }> {
  authorize(ctx.identity.principal, 'catalog.write');
  checkMeta(input);
  const group = input.group.trim();
  if (!group || group.length > 100) throw badUserInput('input.group', 'a catalog group name of 1–100 characters');
  const errors = validateItemContent(input.content);
  if ((input.content as Partial<ItemContent>)?.type !== input.type) errors.push({ element: 'type', reason: `must equal input.type ${input.type}` });
  if (errors.length) throw invalidElements('input.content', errors);
  const typeCode = ITEM_TYPES.find((entry) => entry.type === input.type)!.code;
  const result = await ctx.store.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('tongban.catalog.codes'))");
    const { rows } = await tx.query<{ main: number; sequence: number }>(
      `SELECT coalesce((SELECT max(substring(basic_code from 3 for 5)::int) FROM service_item WHERE substring(basic_code from 1 for 2) = $1), 0) + 1 AS main,
              coalesce((SELECT max(sequence) FROM service_item WHERE class = $2), 0) + 1 AS sequence`,
      [typeCode, input.class],
    );
    const basicCode = makeBasicCode(input.type, rows[0]!.main);
    await tx.query(
      `INSERT INTO service_item (basic_code, type, class, class_name, group_name, sequence, head_version)
       VALUES ($1, $2, $3, $4, $5, $6, 1)`,
      [basicCode, input.type, input.class, CLASS_NAMES[input.class], group, rows[0]!.sequence],
    );
    const version = await insertVersion(tx, 'item_version', 'basic_code', basicCode, 1, 'ACTIVE', input.content, ctx.identity.principal.subject, input);
    await appendAccess(tx, ctx.identity, { action: 'WRITE', resourceType: 'item', resourceId: `${basicCode}@1`, fields: ['content'] });
    return { basicCode, version };
  });
  await ctx.changed();
  return result;
}

export interface NewGuide extends VersionMeta {
  basicCode: string;
  agency: AgencyModel;
  content: unknown;
}

const MAX_HANDLING_ITEM = 99;

/** A new guide gets the agency's next handling item within its implementation code. */
export async function createGuide(ctx: WriteContext, input: NewGuide): Promise<{ implementationCode: string; version: VersionModel }> {
  authorize(ctx.identity.principal, 'catalog.write');
  checkMeta(input);
  const [item] = await ctx.repository.itemsInForce([input.basicCode], input.effectiveFrom);
  if (!item) throw badUserInput('input.basicCode', 'no item with this code is in force at effectiveFrom');
  const errors = validateGuideContent(input.content, item.content);
  if (errors.length) throw invalidElements('input.content', errors);
  const prefix = makeImplementationCode({
    regionCode: input.agency.regionCode,
    organizationCode: input.agency.organizationCode,
    agencyNature: input.agency.nature,
    handlingItem: 0,
  }).slice(0, 22);
  const result = await ctx.store.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('tongban.catalog.codes'))");
    const { rows } = await tx.query<{ next: number }>(
      `SELECT coalesce(max(substring(implementation_code from 23 for 2)::int), 0) + 1 AS next FROM service_guide WHERE implementation_code LIKE $1 || '%'`,
      [prefix],
    );
    const handlingItem = rows[0]!.next;
    if (handlingItem > MAX_HANDLING_ITEM) throw badUserInput('input.agency', `the agency already has ${MAX_HANDLING_ITEM} guides; the implementation code has two digits for them`);
    const implementationCode = `${prefix}${String(handlingItem).padStart(2, '0')}`;
    await tx.query(
      `INSERT INTO service_guide (implementation_code, basic_code, agency_uscc, region_code, level, is_sample, head_version)
       VALUES ($1, $2, $3, $4, $5, false, 1)`,
      [implementationCode, input.basicCode, input.agency.uscc, input.agency.regionCode, (input.content as GuideContent).level],
    );
    const version = await insertVersion(tx, 'guide_version', 'implementation_code', implementationCode, 1, 'ACTIVE', input.content, ctx.identity.principal.subject, input);
    await appendAccess(tx, ctx.identity, { action: 'WRITE', resourceType: 'guide', resourceId: `${implementationCode}@1`, fields: ['content'] });
    return { implementationCode, version };
  });
  await ctx.changed();
  return result;
}

/** Cancelling is a version too: the last content, status CANCELLED, from a date. */
export function cancelItem(ctx: WriteContext, basicCode: string, expectedVersion: number, meta: VersionMeta) {
  return updateItem(ctx, basicCode, null, expectedVersion, meta, 'CANCELLED');
}

export function cancelGuide(ctx: WriteContext, implementationCode: string, expectedVersion: number, meta: VersionMeta) {
  return updateGuide(ctx, implementationCode, null, expectedVersion, meta, 'CANCELLED');
}
