import { ServiceCallError, type ServiceClient } from '../../../lib/http/serviceClient.ts';
import { PermanentDeliveryError, type OutboxMessage } from '../../../lib/outbox/outbox.ts';
import type { ResultMessage } from '../actions/commit.ts';

const RECORD_RESULT = /* GraphQL */ `
  mutation RecordCaseResult($input: CaseResultInput!) {
    recordCaseResult(input: $input) { caseNumber }
  }
`;

/**
 * Delivers a completed case's result to the results subgraph (outbox topic `case.result`). The
 * results subgraph is idempotent on the case number, so a redelivery changes nothing; a refusal
 * (bad input, a different result already recorded) will not change by retrying and is dead-lettered.
 */
export function resultDelivery(client: ServiceClient) {
  return async (message: OutboxMessage): Promise<void> => {
    try {
      await client.request(RECORD_RESULT, { input: message.payload as ResultMessage });
    } catch (error) {
      if (error instanceof ServiceCallError && !error.retryable) throw new PermanentDeliveryError(error.message);
      throw error;
    }
  };
}
