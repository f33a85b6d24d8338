import type { JWK } from 'jose';
import type { InternalSigner } from '../../lib/auth/internalToken.ts';
import { createServiceClient, ServiceCallError, type ServiceClient } from '../../lib/http/serviceClient.ts';
import type { ExchangeRecord } from './record.ts';

/**
 * How the exchange service writes a record: through the cases subgraph's `exchangeCaseRecord`,
 * which applies the state machine with the department as the actor, exactly as for staff.
 */
export interface CaseRecordMessage extends Omit<ExchangeRecord, 'operation' | 'implementationCode'> {
  department: { agency: string; clientId: string };
}

export type ApplyOutcome =
  | { outcome: 'APPLIED' | 'DUPLICATE'; caseVersion: number; recordVersion: number }
  /** A final refusal: ILLEGAL_TRANSITION, FORBIDDEN, BAD_USER_INPUT (with the field), … */
  | { outcome: 'REFUSED'; code: string; field?: string | undefined; reason: string };

export interface CasesExchange {
  /** Throws CasesUnavailableError when the cases subgraph cannot answer (nothing was applied, or it is safe to repeat). */
  apply(message: CaseRecordMessage): Promise<ApplyOutcome>;
  close?(): Promise<void>;
}

export class CasesUnavailableError extends Error {
  override name = 'CasesUnavailableError';
}

const RECORD_REFUSALS = ['ILLEGAL_TRANSITION', 'FORBIDDEN', 'BAD_USER_INPUT'];

export const EXCHANGE_CASE_RECORD = `mutation ExchangeCaseRecord($input: ExchangeRecordInput!) {
  exchangeCaseRecord(input: $input) { outcome caseNumber caseVersion recordVersion }
}`;

/** The record as the cases subgraph's ExchangeRecordInput: absent fields are left out, not null. */
export function exchangeRecordInput(message: CaseRecordMessage): Record<string, unknown> {
  return Object.fromEntries(Object.entries(message).filter(([, value]) => value !== null && value !== undefined));
}

export function toMessage(record: ExchangeRecord, department: { agency: string; clientId: string }): CaseRecordMessage {
  const { operation: _operation, implementationCode: _code, ...rest } = record;
  return { ...rest, department };
}

export interface CasesExchangeClientOptions {
  url: string | (() => string);
  /** The exchange service's own private service JWK (`svc` = `exchange`), or a signer. */
  signingKey: JWK | InternalSigner;
  timeoutMs: number;
}

/** The real CasesExchange: a service client calling the cases subgraph as `exchange`. */
export async function createCasesExchangeClient(options: CasesExchangeClientOptions): Promise<CasesExchange> {
  const client: ServiceClient = await createServiceClient({
    caller: 'exchange',
    callee: 'cases',
    url: options.url,
    signingKey: options.signingKey,
    timeoutMs: options.timeoutMs,
  });
  return {
    async apply(message) {
      try {
        const data = await client.request<{ exchangeCaseRecord: { outcome: 'APPLIED' | 'DUPLICATE'; caseVersion: number; recordVersion: number } }>(
          EXCHANGE_CASE_RECORD,
          { input: exchangeRecordInput(message) },
        );
        const answer = data.exchangeCaseRecord;
        return { outcome: answer.outcome, caseVersion: answer.caseVersion, recordVersion: answer.recordVersion };
      } catch (error) {
        // Refusals of the record itself are final. Anything else — an outage, a version race, our
        // own service token or query refused (a deployment fault) — is the server's problem: the
        // department is told to send again, and nothing is stored.
        if (error instanceof ServiceCallError && RECORD_REFUSALS.includes(error.code)) {
          const field = typeof error.extensions['field'] === 'string' ? (error.extensions['field'] as string) : undefined;
          const reason = typeof error.extensions['reason'] === 'string' ? (error.extensions['reason'] as string) : error.message.replace(/^cases: /, '');
          return { outcome: 'REFUSED', code: error.code, field, reason };
        }
        throw new CasesUnavailableError((error as Error).message);
      }
    },
    close: () => client.close(),
  };
}
