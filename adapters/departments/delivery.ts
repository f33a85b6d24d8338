import { PermanentDeliveryError } from '../../lib/outbox/outbox.ts';
import type { DepartmentDelivery } from '../../subgraphs/cases/datasources/departments.ts';
import { departmentSystemFor, type DepartmentSystem } from './config.ts';
import { deliverApplication, DeliveryError } from './deliver.ts';

/**
 * The cases subgraph's view of the departmental systems (its outbox topic `case.delivery`): which
 * agencies have one, and how to deliver. A department's refusal will not change by retrying and
 * dead-letters the message at once; timeouts and outages are retried with the outbox's backoff.
 */
export function departmentDelivery(systems: () => readonly DepartmentSystem[]): DepartmentDelivery {
  return {
    hasSystem: (agency) => departmentSystemFor(systems(), agency) !== undefined,
    async deliver(message) {
      const system = departmentSystemFor(systems(), message.agency);
      if (system === undefined) throw new PermanentDeliveryError(`agency ${message.agency} has no departmental system any more`);
      try {
        await deliverApplication(system, message);
      } catch (error) {
        if (error instanceof DeliveryError && !error.retryable) throw new PermanentDeliveryError(`${error.failure}: ${error.message}`);
        throw error;
      }
    },
  };
}
