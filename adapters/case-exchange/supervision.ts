import type { Queryable } from '../../lib/db/store.ts';
import type { ServiceClient } from '../../lib/http/serviceClient.ts';
import { enqueue, type OutboxHandler } from '../../lib/outbox/outbox.ts';
import { serviceCallHandler } from '../../lib/outbox/serviceDelivery.ts';
import type { ExchangeReport } from '../../subgraphs/supervision/observations/observation.ts';
import type { ExchangeRecord } from './record.ts';

/**
 * Reports to supervision (电子监察) of records a departmental system pushed that were not applied:
 * HELD (the case's state does not allow them yet — a decision pushed before the acceptance is a
 * legality matter although no case record exists for it) and REJECTED (held too long, or refused
 * on a retry). Queued in the exchange store's outbox in the transaction that stores the inbox
 * change, delivered through supervision's service-only `recordExchangeReport` as `exchange`.
 * Contract: subgraphs/supervision/observations/observation.ts.
 */
export const REPORT_TOPIC = 'exchange.supervision';

const RECORD_EXCHANGE_REPORT = /* GraphQL */ `
  mutation RecordExchangeReport($report: JSONObject!) {
    recordExchangeReport(report: $report) { duplicate raised }
  }
`;

/** Delivers reports; refusals are dead-lettered, outages retried (lib/outbox/serviceDelivery.ts). */
export function supervisionReportDelivery(client: ServiceClient): OutboxHandler {
  return serviceCallHandler(client, RECORD_EXCHANGE_REPORT, (payload) => ({ report: payload }));
}

export interface ReportedMessage {
  record: Pick<ExchangeRecord, 'messageId' | 'caseNumber' | 'action' | 'occurredAt'>;
  sender: { clientId: string; agency: string };
  status: ExchangeReport['status'];
  reason: string;
  receivedAt: string;
  receiptNumber: string | null;
}

/**
 * Queues the report of one message's status. Keyed by message id and status: a message first held
 * and later rejected is reported twice, once for each.
 */
export async function enqueueReport(tx: Queryable, message: ReportedMessage): Promise<void> {
  const report: ExchangeReport = {
    kind: 'EXCHANGE',
    messageId: message.record.messageId,
    caseNumber: message.record.caseNumber,
    action: message.record.action,
    occurredAt: message.record.occurredAt,
    receivedAt: message.receivedAt,
    status: message.status,
    reason: message.reason,
    senderAgency: message.sender.agency,
    senderClientId: message.sender.clientId,
    receiptNumber: message.receiptNumber,
  };
  await enqueue(tx, REPORT_TOPIC, `${report.messageId}:${report.status}`, report);
}
