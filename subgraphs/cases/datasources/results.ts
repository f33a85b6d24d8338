import type { ServiceClient } from '../../../lib/http/serviceClient.ts';
import { serviceCallHandler } from '../../../lib/outbox/serviceDelivery.ts';
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
  return serviceCallHandler(client, RECORD_RESULT, (payload) => ({ input: payload as ResultMessage }));
}
