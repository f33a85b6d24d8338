import { createHash } from 'node:crypto';
import type { Queryable } from '../../lib/db/store.ts';
import { iso } from '../../lib/db/rows.ts';

/**
 * The evidence log: every inbound request to CaseExchange — applied, duplicate, held or faulted,
 * authenticated or not — with the body exactly as received, its SHA-256, the sender, the operation,
 * the message id, the receipt or the fault, and the time. Append-only (a trigger refuses UPDATE,
 * DELETE and TRUNCATE) and hash-chained like the access log (lib/audit/accessLog.ts): each entry's
 * hash covers its content, the envelope's SHA-256 and the previous entry's hash, and
 * `verifyEvidenceChain` also recomputes each envelope's SHA-256, so a changed envelope, a changed
 * entry or a removed entry is found and named.
 */

export type EvidenceOutcome = 'APPLIED' | 'DUPLICATE' | 'HELD' | 'REJECTED';

export const UNAUTHENTICATED_SENDER = 'unauthenticated';

export interface EvidenceInput {
  receivedAt: Date;
  envelope: Buffer;
  contentType: string | null;
  contentEncoding: string | null;
  charset: string | null;
  senderClientId: string;
  senderAgency: string | null;
  operation: string | null;
  messageId: string | null;
  caseNumber: string | null;
  outcome: EvidenceOutcome;
  receiptNumber: string | null;
  faultCode: string | null;
  faultField: string | null;
  faultReason: string | null;
}

export interface EvidenceEntry extends Omit<EvidenceInput, 'receivedAt' | 'envelope'> {
  sequence: number;
  receivedAt: string;
  envelopeSha256: string;
  prevHash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

export function evidenceHash(entry: Omit<EvidenceEntry, 'hash'>): string {
  const content = JSON.stringify([
    entry.sequence,
    entry.receivedAt,
    entry.envelopeSha256,
    entry.contentType,
    entry.contentEncoding,
    entry.charset,
    entry.senderClientId,
    entry.senderAgency,
    entry.operation,
    entry.messageId,
    entry.caseNumber,
    entry.outcome,
    entry.receiptNumber,
    entry.faultCode,
    entry.faultField,
    entry.faultReason,
  ]);
  return createHash('sha256').update(`${entry.prevHash}\n${content}`).digest('hex');
}

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const COLUMNS =
  'sequence, received_at, envelope_sha256, content_type, content_encoding, charset, sender_client_id, sender_agency, operation, message_id, case_number, outcome, receipt_number, fault_code, fault_field, fault_reason, prev_hash, hash';

export function toEntry(row: Record<string, unknown>): EvidenceEntry {
  const str = (key: string) => (row[key] === null || row[key] === undefined ? null : String(row[key]));
  return {
    sequence: Number(row['sequence']),
    receivedAt: iso(row['received_at']),
    envelopeSha256: String(row['envelope_sha256']),
    contentType: str('content_type'),
    contentEncoding: str('content_encoding'),
    charset: str('charset'),
    senderClientId: String(row['sender_client_id']),
    senderAgency: str('sender_agency'),
    operation: str('operation'),
    messageId: str('message_id'),
    caseNumber: str('case_number'),
    outcome: row['outcome'] as EvidenceOutcome,
    receiptNumber: str('receipt_number'),
    faultCode: str('fault_code'),
    faultField: str('fault_field'),
    faultReason: str('fault_reason'),
    prevHash: String(row['prev_hash']),
    hash: String(row['hash']),
  };
}

/**
 * Takes the chain's lock (until the caller's transaction ends) and answers the next sequence and
 * the hash to link to. Appends are serialised so each entry links to its true predecessor; the
 * lock is per schema, so two exchange stores in one database do not wait for each other.
 */
export async function lockChain(tx: Queryable, schema: string): Promise<{ next: number; prevHash: string }> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tongban.exchange_evidence.${schema}`]);
  const { rows } = await tx.query<{ sequence: string | number; hash: string }>('SELECT sequence, hash FROM exchange_evidence ORDER BY sequence DESC LIMIT 1');
  return { next: rows[0] ? Number(rows[0].sequence) + 1 : 1, prevHash: rows[0]?.hash ?? GENESIS };
}

/** Appends one entry inside the caller's transaction, after lockChain. */
export async function appendEvidence(tx: Queryable, position: { next: number; prevHash: string }, input: EvidenceInput): Promise<EvidenceEntry> {
  const { envelope, receivedAt, ...rest } = input;
  const base: Omit<EvidenceEntry, 'hash'> = {
    ...rest,
    sequence: position.next,
    // Millisecond precision: what a JavaScript Date round-trips exactly through timestamptz.
    receivedAt: receivedAt.toISOString(),
    envelopeSha256: sha256Hex(envelope),
    prevHash: position.prevHash,
  };
  const entry: EvidenceEntry = { ...base, hash: evidenceHash(base) };
  await tx.query(
    `INSERT INTO exchange_evidence (${COLUMNS}, envelope)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
    [
      entry.sequence, entry.receivedAt, entry.envelopeSha256, entry.contentType, entry.contentEncoding, entry.charset,
      entry.senderClientId, entry.senderAgency, entry.operation, entry.messageId, entry.caseNumber, entry.outcome,
      entry.receiptNumber, entry.faultCode, entry.faultField, entry.faultReason, entry.prevHash, entry.hash, envelope,
    ],
  );
  return entry;
}

export interface EvidenceFilter {
  caseNumber?: string | null | undefined;
  outcome?: EvidenceOutcome | null | undefined;
  /** A client id or an agency USCC. */
  sender?: string | null | undefined;
}

/** Entries newest first, before the given sequence (cursor paging). */
export async function listEvidence(db: Queryable, filter: EvidenceFilter, limit: number, before: number | null): Promise<EvidenceEntry[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    let text = sql;
    for (const value of values) {
      params.push(value);
      text = text.replace('?', `$${params.length}`);
    }
    where.push(text);
  };
  if (filter.caseNumber) add('case_number = ?', filter.caseNumber);
  if (filter.outcome) add('outcome = ?', filter.outcome);
  if (filter.sender) add('(sender_client_id = ? OR sender_agency = ?)', filter.sender, filter.sender);
  if (before !== null) add('sequence < ?', before);
  params.push(limit);
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM exchange_evidence ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sequence DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map(toEntry);
}

/** The envelopes of the given entries, as stored (raw bytes). */
export async function envelopesOf(db: Queryable, sequences: readonly number[]): Promise<Map<number, Buffer>> {
  if (sequences.length === 0) return new Map();
  const { rows } = await db.query<{ sequence: string | number; envelope: Uint8Array }>(
    'SELECT sequence, envelope FROM exchange_evidence WHERE sequence = ANY($1::bigint[])',
    [sequences.map(String)],
  );
  return new Map(rows.map((row) => [Number(row.sequence), Buffer.from(row.envelope)]));
}

export interface EvidenceCheck {
  ok: boolean;
  entries: number;
  firstBrokenSequence: number | null;
  reason: string | null;
}

/** Recomputes the whole chain in order, envelopes included, a page at a time. */
export async function verifyEvidenceChain(db: Queryable, pageSize = 500): Promise<EvidenceCheck> {
  let prevHash = GENESIS;
  let expected = 1;
  let count = 0;
  for (;;) {
    const { rows } = await db.query(`SELECT ${COLUMNS}, envelope FROM exchange_evidence WHERE sequence >= $1 ORDER BY sequence LIMIT $2`, [expected, pageSize]);
    if (rows.length === 0) return { ok: true, entries: count, firstBrokenSequence: null, reason: null };
    for (const row of rows) {
      const entry = toEntry(row);
      const broken = (reason: string) => ({ ok: false, entries: count, firstBrokenSequence: entry.sequence, reason });
      if (entry.sequence !== expected) return { ...broken(`sequence ${expected} is missing`), firstBrokenSequence: expected };
      if (entry.prevHash !== prevHash) return broken('does not link to the previous entry');
      if (sha256Hex(Buffer.from(row['envelope'] as Uint8Array)) !== entry.envelopeSha256) return broken('envelope does not match its SHA-256');
      const { hash, ...rest } = entry;
      if (evidenceHash(rest) !== hash) return broken('content does not match its hash');
      prevHash = hash;
      expected += 1;
      count += 1;
    }
  }
}
