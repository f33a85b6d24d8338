import type { Queryable } from '../../lib/db/store.ts';
import { toEntry, type EvidenceEntry } from './evidence.ts';

/** Reads of the evidence log and inbox for the exchange subgraph; every read takes a list of keys. */

const COLUMNS =
  'e.sequence, e.received_at, e.envelope_sha256, e.content_type, e.content_encoding, e.charset, e.sender_client_id, e.sender_agency, e.operation, e.message_id, e.case_number, e.outcome, e.receipt_number, e.fault_code, e.fault_field, e.fault_reason, e.prev_hash, e.hash';

/** `#<sequence>`: the name of an entry whose message id could not be read. */
export const SEQUENCE_KEY = /^#(\d{1,15})$/;

/**
 * The entry each message id stands for: the one that brought it into the inbox, else the latest
 * one carrying the id. `#<sequence>` keys name entries directly.
 */
export async function entriesByMessageId(db: Queryable, keys: readonly string[]): Promise<Map<string, EvidenceEntry>> {
  const ids = keys.filter((key) => !SEQUENCE_KEY.test(key));
  const sequences = keys.flatMap((key) => SEQUENCE_KEY.exec(key)?.[1] ?? []);
  const out = new Map<string, EvidenceEntry>();
  if (ids.length) {
    const { rows } = await db.query(
      `SELECT DISTINCT ON (e.message_id) ${COLUMNS}
         FROM exchange_evidence e LEFT JOIN exchange_inbox i ON i.message_id = e.message_id
        WHERE e.message_id = ANY($1::text[])
        ORDER BY e.message_id, (e.sequence = i.evidence_sequence) DESC NULLS LAST, e.sequence DESC`,
      [ids],
    );
    for (const row of rows) out.set(String(row['message_id']), toEntry(row));
  }
  if (sequences.length) {
    const { rows } = await db.query(`SELECT ${COLUMNS} FROM exchange_evidence e WHERE e.sequence = ANY($1::bigint[]) AND e.message_id IS NULL`, [sequences]);
    for (const row of rows) out.set(`#${row['sequence']}`, toEntry(row));
  }
  return out;
}

/** The inbox status of the messages the given entries brought in. */
export async function currentStatuses(db: Queryable, sequences: readonly number[]): Promise<Map<number, string>> {
  const { rows } = await db.query<{ evidence_sequence: string | number; status: string }>(
    'SELECT evidence_sequence, status FROM exchange_inbox WHERE evidence_sequence = ANY($1::bigint[])',
    [sequences.map(String)],
  );
  return new Map(rows.map((row) => [Number(row.evidence_sequence), row.status]));
}
