import type { ExchangeReport } from '../observations/observation.ts';
import type { RuleBook } from '../rules/resolve.ts';
import { actionName } from './caseAlert.ts';
import type { AlertInput, AlertTarget } from './types.ts';

/** The actions that may only follow an acceptance (a decision, and the completion that carries it out). */
const AFTER_ACCEPTANCE = new Set(['DECIDE', 'COMPLETE']);

/**
 * A record a departmental system pushed over CaseExchange and Tongban did not apply: a decision or
 * completion for a case not accepted (in supervision's projection: no acceptance, or one later than
 * the pushed 处理时间) is a legality matter although no process record exists for it. Occasion: the
 * message id (one alert per push, whatever the exchange reports about it later).
 */
export function evaluateExchangeReport(
  report: ExchangeReport,
  acceptedAt: string | null,
  target: AlertTarget,
  rules: RuleBook,
): AlertInput[] {
  if (!AFTER_ACCEPTANCE.has(report.action)) return [];
  if (acceptedAt !== null && Date.parse(report.occurredAt) >= Date.parse(acceptedAt)) return [];
  if (!rules.applicable('DECISION_BEFORE_ACCEPTANCE', target)) return [];
  return [
    {
      check: 'DECISION_BEFORE_ACCEPTANCE',
      target,
      caseNumber: report.caseNumber,
      subject: null,
      occasion: `message:${report.messageId}`,
      message: `部门系统推送的${actionName(report.action)}早于受理（报文 ${report.messageId}）`,
      evidence: {
        messageId: report.messageId,
        receiptNumber: report.receiptNumber,
        reason: report.reason,
        status: report.status,
        action: report.action,
        occurredAt: report.occurredAt,
        receivedAt: report.receivedAt,
        acceptedAt,
        senderAgency: report.senderAgency,
        senderClientId: report.senderClientId,
      },
      observedAt: report.occurredAt,
    },
  ];
}
