import type { Store } from '../../lib/db/store.ts';
import type { Logger } from '../../lib/logger.ts';
import type { OutboxDispatcher } from '../../lib/outbox/outbox.ts';
import { CasesUnavailableError, toMessage, type ApplyOutcome, type CasesExchange, type CaseRecordMessage } from './casesExchange.ts';
import { appendEvidence, lockChain, type EvidenceInput } from './evidence.ts';
import { ExchangeFault, FAULT_CODES } from './faults.ts';
import { payloadDigest, type ExchangeRecord } from './record.ts';
import { enqueueReport } from './supervision.ts';
import type { Sender } from './wsSecurity.ts';

/**
 * The inbox: at least once and out of order in, exactly once and in order onto the case.
 *
 * - A message is acknowledged only after its inbox row and its evidence entry are committed.
 * - The same message id with the same payload answers the first receipt (DUPLICATE) and changes
 *   nothing; with a different payload it is a Fault.
 * - A record the case's state does not allow yet (ILLEGAL_TRANSITION: a result before its
 *   acceptance) is stored HELD. After any record is applied to a case, that case's held records are
 *   retried in event-time order (OccurredAt, then arrival) until none applies. One message is one
 *   transition, applied whole by the cases subgraph or not at all, so nothing is ever half-applied.
 *   A record held longer than HELD_EXPIRY_MS is marked REJECTED by the next retry pass of its case.
 * - Supervision is told of every record stored HELD and every held record REJECTED, through the
 *   outbox in the same transaction (supervision.ts); the receipt waits for that report to be
 *   delivered (at most SUPERVISION_SYNC_WAIT_MS), so the alert it raises exists when the
 *   department reads its receipt.
 * - Any other refusal is a Fault and leaves nothing in the inbox (only the evidence entry); so does
 *   an unreachable cases subgraph (Server.UNAVAILABLE: the department sends again).
 */

export const HELD_EXPIRY_MS = 72 * 3_600_000;

export type ReceiptStatus = 'APPLIED' | 'DUPLICATE' | 'HELD';

export interface Receipt {
  messageId: string;
  receiptNumber: string;
  status: ReceiptStatus;
  caseVersion: number | null;
}

/** What the transport knows of the request, for the evidence entry. */
export interface Arrival {
  receivedAt: Date;
  envelope: Buffer;
  contentType: string | null;
  contentEncoding: string | null;
  charset: string | null;
}

interface HeldRow {
  message_id: string;
  record: ExchangeRecord | string;
  sender_client_id: string;
  sender_agency: string;
  received_at: Date | string;
  receipt_number: string;
}

interface InboxRow {
  message_id: string;
  payload_sha256: string;
  receipt_number: string;
  status: 'APPLIED' | 'HELD' | 'REJECTED';
  case_version: number | null;
}

/** 办件回执号: CX + the date in China + the evidence entry's sequence. */
export function receiptNumber(sequence: number, at: Date): string {
  const china = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
  return `CX${china}${String(sequence).padStart(10, '0')}`;
}

/** The cases subgraph's field path (`input.resultDocument.number`) as the XML element path (`ResultDocument/Number`). */
export function xmlField(field: string | undefined): string | null {
  if (!field) return null;
  const parts = field.split('.').filter((part) => part !== 'input' && part !== '');
  return parts.map((part) => part.replace(/^\w/, (c) => c.toUpperCase()).replace(/^(\w+)\[(\d+)\]$/, (_m, name: string, i: string) => `${name}[${Number(i) + 1}]`)).join('/') || null;
}

export function refusalFault(refusal: Extract<ApplyOutcome, { outcome: 'REFUSED' }>): ExchangeFault {
  switch (refusal.code) {
    case 'FORBIDDEN':
      return new ExchangeFault(FAULT_CODES.FORBIDDEN, refusal.reason, xmlField(refusal.field) ?? 'CaseNumber');
    case 'BAD_USER_INPUT':
      return new ExchangeFault(FAULT_CODES.BAD_FIELD, refusal.reason, xmlField(refusal.field));
    case 'ILLEGAL_TRANSITION':
      return new ExchangeFault(FAULT_CODES.ILLEGAL_TRANSITION, refusal.reason, 'Action');
    default:
      return new ExchangeFault(FAULT_CODES.REFUSED, `${refusal.code}: ${refusal.reason}`, xmlField(refusal.field));
  }
}

export interface InboxOptions {
  store: Store;
  cases: CasesExchange;
  logger: Logger;
  now: () => Date;
  heldExpiryMs?: number;
  /** Delivers the reports to supervision queued with inbox changes. */
  outbox: Pick<OutboxDispatcher, 'flush' | 'kick'>;
  /** SUPERVISION_SYNC_WAIT_MS: how long a receipt waits for its report to reach supervision. */
  supervisionSyncWaitMs: number;
}

export class Inbox {
  private readonly heldExpiryMs: number;
  constructor(private readonly options: InboxOptions) {
    this.heldExpiryMs = options.heldExpiryMs ?? HELD_EXPIRY_MS;
  }

  /**
   * Accepts one authenticated, validated record; a Receipt, or an ExchangeFault (evidence for faults is the caller's).
   * `operationLabel` is what the evidence entry names (Submit:<operation> for the string binding).
   */
  async accept(arrival: Arrival, sender: Sender, record: ExchangeRecord, operationLabel: string = record.operation): Promise<Receipt> {
    const { store } = this.options;
    const digest = payloadDigest(record, sender);
    const evidence = (outcome: EvidenceInput['outcome'], receipt: string): EvidenceInput => ({
      ...arrival,
      senderClientId: sender.clientId,
      senderAgency: sender.agency,
      operation: operationLabel,
      messageId: record.messageId,
      caseNumber: record.caseNumber,
      outcome,
      receiptNumber: receipt,
      faultCode: null,
      faultField: null,
      faultReason: null,
    });
    const duplicate = async (existing: InboxRow): Promise<Receipt> => {
      if (existing.payload_sha256 !== digest) {
        throw new ExchangeFault(FAULT_CODES.DUPLICATE_ID_DIFFERENT_PAYLOAD, 'this message id was received before with a different payload', 'MessageId');
      }
      await store.transaction(async (tx) => appendEvidence(tx, await lockChain(tx, store.schema), evidence('DUPLICATE', existing.receipt_number)));
      return { messageId: record.messageId, receiptNumber: existing.receipt_number, status: 'DUPLICATE', caseVersion: existing.case_version };
    };

    const existing = await this.find(record.messageId);
    if (existing) return duplicate(existing);

    const outcome = await this.apply(toMessage(record, { agency: sender.agency, clientId: sender.clientId }));
    let status: 'APPLIED' | 'HELD';
    if (outcome.outcome === 'REFUSED') {
      if (outcome.code !== 'ILLEGAL_TRANSITION') throw refusalFault(outcome);
      status = 'HELD';
    } else {
      status = 'APPLIED';
    }
    const caseVersion = outcome.outcome === 'REFUSED' ? null : outcome.caseVersion;
    const recordVersion = outcome.outcome === 'REFUSED' ? null : outcome.recordVersion;

    const heldReason = outcome.outcome === 'REFUSED' ? outcome.reason : null;
    const stored = await store.transaction(async (tx) => {
      const position = await lockChain(tx, store.schema);
      const receipt = receiptNumber(position.next, arrival.receivedAt);
      const { rows } = await tx.query(
        `INSERT INTO exchange_inbox (message_id, payload_sha256, receipt_number, operation, sender_client_id, sender_agency, case_number, action,
                                     occurred_at, record, status, case_version, record_version, status_reason, received_at, settled_at, evidence_sequence)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $16, $17)
         ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
        [
          record.messageId, digest, receipt, record.operation, sender.clientId, sender.agency, record.caseNumber, record.action,
          record.occurredAt, JSON.stringify(record), status, caseVersion, recordVersion, heldReason,
          arrival.receivedAt.toISOString(), status === 'APPLIED' ? arrival.receivedAt.toISOString() : null, position.next,
        ],
      );
      // A concurrent delivery of the same id committed first: answer as to any repeat.
      if (rows.length === 0) return null;
      await appendEvidence(tx, position, evidence(status, receipt));
      if (heldReason !== null) {
        await enqueueReport(tx, { record, sender, status: 'HELD', reason: heldReason, receivedAt: arrival.receivedAt.toISOString(), receiptNumber: receipt });
      }
      return receipt;
    });
    if (stored === null) return duplicate((await this.find(record.messageId))!);
    const rejected = status === 'APPLIED' ? await this.retryHeld(record.caseNumber) : 0;
    if (status === 'HELD' || rejected > 0) await this.options.outbox.flush(this.options.supervisionSyncWaitMs);
    return { messageId: record.messageId, receiptNumber: stored, status, caseVersion };
  }

  private async find(messageId: string): Promise<InboxRow | undefined> {
    const { rows } = await this.options.store.query<InboxRow>(
      'SELECT message_id, payload_sha256, receipt_number, status, case_version FROM exchange_inbox WHERE message_id = $1',
      [messageId],
    );
    return rows[0];
  }

  private async apply(message: CaseRecordMessage): Promise<ApplyOutcome> {
    try {
      return await this.options.cases.apply(message);
    } catch (error) {
      if (!(error instanceof CasesUnavailableError)) this.options.logger.error({ err: error }, 'cases exchange failed unexpectedly');
      throw new ExchangeFault(FAULT_CODES.UNAVAILABLE, 'the case store cannot be reached; nothing was stored, send the message again later', null);
    }
  }

  /**
   * The periodic pass over every case with held records: a record held because its predecessor
   * was done in Tongban itself (a staff action at the window, not a push) is applied without
   * waiting for the department's next push to the same case; expired ones are rejected.
   */
  async sweepHeld(limit = 100): Promise<number> {
    const { rows } = await this.options.store.query<{ case_number: string }>(
      `SELECT case_number FROM exchange_inbox WHERE status = 'HELD' GROUP BY case_number ORDER BY min(received_at) LIMIT $1`,
      [limit],
    );
    let rejected = 0;
    for (const row of rows) rejected += await this.retryHeld(row.case_number);
    if (rejected > 0) this.options.outbox.kick();
    return rows.length;
  }

  /**
   * Retries the case's held records in event-time order until a pass applies none. After each
   * success the pass starts again from the oldest: the applied record may be the predecessor of
   * one that was tried before it. A record rejected is reported to supervision in the transaction
   * that rejects it. Never throws: a failure leaves the records held. Answers how many it rejected.
   */
  async retryHeld(caseNumber: string): Promise<number> {
    const { store, logger } = this.options;
    let rejected = 0;
    try {
      for (let round = 0; round < 1_000; round++) {
        const { rows } = await store.query<HeldRow>(
          `SELECT message_id, record, sender_client_id, sender_agency, received_at, receipt_number FROM exchange_inbox
            WHERE case_number = $1 AND status = 'HELD' ORDER BY occurred_at, received_at, message_id`,
          [caseNumber],
        );
        let progressed = false;
        for (const row of rows) {
          const now = this.options.now();
          const record = typeof row.record === 'string' ? (JSON.parse(row.record) as ExchangeRecord) : row.record;
          if (now.getTime() - new Date(row.received_at).getTime() > this.heldExpiryMs) {
            if (await this.reject(row, record, `held longer than ${this.heldExpiryMs / 3_600_000} h without the record it depends on`, now)) rejected += 1;
            continue;
          }
          let outcome: ApplyOutcome;
          try {
            outcome = await this.options.cases.apply(toMessage(record, { agency: row.sender_agency, clientId: row.sender_client_id }));
          } catch {
            return rejected; // cases unreachable: the records stay held for the next pass
          }
          if (outcome.outcome !== 'REFUSED') {
            await store.query(
              `UPDATE exchange_inbox SET status = 'APPLIED', status_reason = NULL, case_version = $2, record_version = $3, settled_at = $4
                WHERE message_id = $1 AND status = 'HELD'`,
              [row.message_id, outcome.caseVersion, outcome.recordVersion, now.toISOString()],
            );
            progressed = true;
            break;
          }
          if (outcome.code !== 'ILLEGAL_TRANSITION' && (await this.reject(row, record, `${outcome.code}: ${outcome.reason}`, now))) rejected += 1;
        }
        if (!progressed) return rejected;
      }
    } catch (error) {
      logger.error({ err: error, caseNumber }, 'retrying held exchange records failed');
    }
    return rejected;
  }

  /** Marks a held record REJECTED and queues its report, in one transaction; false when it was no longer held. */
  private async reject(row: HeldRow, record: ExchangeRecord, reason: string, now: Date): Promise<boolean> {
    return this.options.store.transaction(async (tx) => {
      const { rows } = await tx.query(
        `UPDATE exchange_inbox SET status = 'REJECTED', status_reason = $2, case_version = NULL, record_version = NULL, settled_at = $3
          WHERE message_id = $1 AND status = 'HELD' RETURNING message_id`,
        [row.message_id, reason, now.toISOString()],
      );
      if (rows.length === 0) return false;
      await enqueueReport(tx, {
        record,
        sender: { clientId: row.sender_client_id, agency: row.sender_agency },
        status: 'REJECTED',
        reason,
        receivedAt: new Date(row.received_at).toISOString(),
        receiptNumber: row.receipt_number,
      });
      return true;
    });
  }
}
