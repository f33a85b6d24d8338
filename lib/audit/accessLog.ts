import { createHash } from 'node:crypto';
import type { InternalIdentity } from '../auth/internalToken.ts';
import type { Queryable, Store } from '../db/store.ts';
import { iso } from '../db/rows.ts';

/**
 * The access audit log: every read of personal data and every write, with who, what, when, from
 * where and for what stated purpose. Rows are append-only (a trigger refuses UPDATE, DELETE and
 * TRUNCATE) and hash-chained: each row's hash covers its content and the previous row's hash, so
 * a row changed behind the trigger's back (by someone who can disable it) breaks the chain at that
 * row, and `verifyChain` says where. The table's DDL is `access_log.sql` beside this file; a
 * subgraph that keeps personal data includes it in a migration (`-- @include` line).
 */

export type AccessAction = 'READ' | 'WRITE';

export interface AccessRecord {
  action: AccessAction;
  /** What kind of thing was touched, e.g. `person`. */
  resourceType: string;
  resourceId: string;
  /** Which personal fields were read or written. */
  fields: readonly string[];
}

export interface AccessLogEntry extends AccessRecord {
  sequence: number;
  at: string;
  actorSubject: string;
  actorKind: string;
  purpose: string | null;
  clientIp: string | null;
  prevHash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

export function entryHash(entry: Omit<AccessLogEntry, 'hash'>): string {
  const content = JSON.stringify([
    entry.sequence,
    entry.at,
    entry.actorSubject,
    entry.actorKind,
    entry.action,
    entry.resourceType,
    entry.resourceId,
    entry.fields,
    entry.purpose,
    entry.clientIp,
  ]);
  return createHash('sha256').update(`${entry.prevHash}\n${content}`).digest('hex');
}

const COLUMNS = 'sequence, at, actor_subject, actor_kind, action, resource_type, resource_id, fields, purpose, client_ip, prev_hash, hash';

function toEntry(row: Record<string, unknown>): AccessLogEntry {
  return {
    sequence: Number(row['sequence']),
    at: iso(row['at']),
    actorSubject: String(row['actor_subject']),
    actorKind: String(row['actor_kind']),
    action: row['action'] as AccessAction,
    resourceType: String(row['resource_type']),
    resourceId: String(row['resource_id']),
    fields: row['fields'] as string[],
    purpose: (row['purpose'] as string | null) ?? null,
    clientIp: (row['client_ip'] as string | null) ?? null,
    prevHash: String(row['prev_hash']),
    hash: String(row['hash']),
  };
}

/**
 * Appends one entry. Appends are serialised by a transaction-scoped advisory lock so each row
 * links to its true predecessor; the caller's transaction, when given, makes the log entry commit
 * or roll back together with the write it records.
 */
export async function appendAccess(
  db: Store | Queryable,
  identity: InternalIdentity,
  record: AccessRecord,
  now: () => Date = () => new Date(),
): Promise<AccessLogEntry> {
  const run = async (tx: Queryable) => (await appendAccessBatch(tx, identity, [record], now()))[0]!;
  return 'transaction' in db ? db.transaction(run) : run(db);
}

/** Rows per INSERT of a batch: well under PostgreSQL's parameter and statement limits. */
const BATCH_ROWS = 500;

/**
 * Appends many entries in order, inside the caller's transaction (a bulk import logs one entry per
 * certificate it stores): one lock and one read of the chain's end, then one INSERT per 500 rows
 * instead of three statements per entry.
 */
export async function appendAccessBatch(tx: Queryable, identity: InternalIdentity, records: readonly AccessRecord[], at: Date): Promise<AccessLogEntry[]> {
  if (records.length === 0) return [];
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('tongban.access_log'))");
  const { rows } = await tx.query<{ sequence: string | number; hash: string }>('SELECT sequence, hash FROM access_log ORDER BY sequence DESC LIMIT 1');
  let sequence = rows[0] ? Number(rows[0].sequence) : 0;
  let prevHash = rows[0]?.hash ?? GENESIS;
  const entries = records.map((record): AccessLogEntry => {
    sequence += 1;
    const base = {
      sequence,
      // Millisecond precision: what a JavaScript Date round-trips exactly through timestamptz.
      at: at.toISOString(),
      actorSubject: identity.principal.subject,
      actorKind: identity.principal.kind,
      action: record.action,
      resourceType: record.resourceType,
      resourceId: record.resourceId,
      fields: [...record.fields],
      purpose: identity.meta.purpose,
      clientIp: identity.meta.clientIp,
      prevHash,
    };
    prevHash = entryHash(base);
    return { ...base, hash: prevHash };
  });
  for (let i = 0; i < entries.length; i += BATCH_ROWS) {
    const chunk = entries.slice(i, i + BATCH_ROWS);
    await tx.query(
      `INSERT INTO access_log (${COLUMNS})
       SELECT e.sequence, e.at, e.actor_subject, e.actor_kind, e.action, e.resource_type, e.resource_id,
              ARRAY(SELECT jsonb_array_elements_text(e.fields)), e.purpose, e.client_ip, e.prev_hash, e.hash
         FROM jsonb_to_recordset($1::jsonb) AS e(sequence bigint, at timestamptz, actor_subject text, actor_kind text, action text,
              resource_type text, resource_id text, fields jsonb, purpose text, client_ip text, prev_hash text, hash text)
        ORDER BY e.sequence`,
      [
        JSON.stringify(
          chunk.map((entry) => ({
            sequence: entry.sequence,
            at: entry.at,
            actor_subject: entry.actorSubject,
            actor_kind: entry.actorKind,
            action: entry.action,
            resource_type: entry.resourceType,
            resource_id: entry.resourceId,
            fields: entry.fields,
            purpose: entry.purpose,
            client_ip: entry.clientIp,
            prev_hash: entry.prevHash,
            hash: entry.hash,
          })),
        ),
      ],
    );
  }
  return entries;
}

export interface AccessLogFilter {
  actorSubject?: string | null | undefined;
  resourceType?: string | null | undefined;
  resourceId?: string | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
}

/** Entries newest first, after the given sequence (cursor paging). */
export async function listAccess(db: Queryable, filter: AccessLogFilter, limit: number, before: number | null): Promise<AccessLogEntry[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.actorSubject) add('actor_subject = ?', filter.actorSubject);
  if (filter.resourceType) add('resource_type = ?', filter.resourceType);
  if (filter.resourceId) add('resource_id = ?', filter.resourceId);
  if (filter.from) add('at >= ?', filter.from);
  if (filter.to) add('at < ?', filter.to);
  if (before !== null) add('sequence < ?', before);
  params.push(limit);
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM access_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sequence DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map(toEntry);
}

export interface ChainCheck {
  ok: boolean;
  entries: number;
  firstBrokenSequence: number | null;
  reason: string | null;
}

/** Recomputes the whole chain in order, a page at a time. */
export async function verifyChain(db: Queryable, pageSize = 1_000): Promise<ChainCheck> {
  let prevHash = GENESIS;
  let expected = 1;
  let count = 0;
  for (;;) {
    const { rows } = await db.query(`SELECT ${COLUMNS} FROM access_log WHERE sequence >= $1 ORDER BY sequence LIMIT $2`, [expected, pageSize]);
    if (rows.length === 0) return { ok: true, entries: count, firstBrokenSequence: null, reason: null };
    for (const entry of rows.map(toEntry)) {
      const broken = (reason: string) => ({ ok: false, entries: count, firstBrokenSequence: entry.sequence, reason });
      if (entry.sequence !== expected) return { ...broken(`sequence ${expected} is missing`), firstBrokenSequence: expected };
      if (entry.prevHash !== prevHash) return broken('does not link to the previous entry');
      const { hash, ...rest } = entry;
      if (entryHash(rest) !== hash) return broken('content does not match its hash');
      prevHash = hash;
      expected += 1;
      count += 1;
    }
  }
}
