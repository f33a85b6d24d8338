import type { ServiceClient } from '../../../lib/http/serviceClient.ts';
import { serviceCallHandler } from '../../../lib/outbox/serviceDelivery.ts';

const RECORD_CASE_OBSERVATION = /* GraphQL */ `
  mutation RecordCaseObservation($observation: JSONObject!) {
    recordCaseObservation(observation: $observation) { duplicate raised }
  }
`;

/**
 * Delivers a case write to supervision (outbox topic `case.supervision`, payload a CaseObservation
 * of supervision/observation.ts) through its service-only mutation, as the cases subgraph.
 * Supervision records it idempotently on (case, version), so a redelivery changes nothing; an
 * observation it refuses as malformed will be refused again and is dead-lettered at once.
 */
export function supervisionDelivery(client: ServiceClient) {
  return serviceCallHandler(client, RECORD_CASE_OBSERVATION, (payload) => ({ observation: payload }));
}
