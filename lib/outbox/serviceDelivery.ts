import { ServiceCallError, type ServiceClient } from '../http/serviceClient.ts';
import { PermanentDeliveryError, type OutboxHandler } from './outbox.ts';

/**
 * An outbox handler that delivers each message by one mutation of another service, called as the
 * sending service (its service client). The receiver must be idempotent on the message's key, so a
 * redelivery changes nothing. A refusal (bad input, forbidden …) will be refused again and is
 * dead-lettered at once; an outage or an unexpected error is retried with the outbox's backoff.
 */
export function serviceCallHandler(client: ServiceClient, mutation: string, variables: (payload: unknown) => Record<string, unknown>): OutboxHandler {
  return async (message) => {
    try {
      await client.request(mutation, variables(message.payload));
    } catch (error) {
      if (error instanceof ServiceCallError && !error.retryable) throw new PermanentDeliveryError(error.message);
      throw error;
    }
  };
}
