import type { OutboxMessage } from '../../../lib/outbox/outbox.ts';
import type { Party } from '../domain/processRecord.ts';

/**
 * 统一受理: an application taken online for an agency that works cases in its own system is
 * delivered to that system (seed 004). The cases subgraph only decides what and when (outbox
 * topic `case.delivery`, written in the submission's transaction); how a department is reached
 * (SOAP, its WSDL, credentials) is adapters/departments/, handed in by the launcher.
 */
export const DELIVERY_TOPIC = 'case.delivery';

export interface ApplicationMessage {
  /** Stable for the case: a redelivery carries the same id, so the department files it once. */
  messageId: string;
  agency: string;
  caseNumber: string;
  implementationCode: string;
  itemName: string;
  submittedAt: string;
  applicant: Party;
  agent: Party | null;
  forms: string[];
  /** What was handed in, by digest; departments fetch content by it, it is not pushed. */
  materials: Array<{ materialId: string; name: string; fileName: string; contentType: string; sha256: string; size: number }>;
  formData: Record<string, unknown> | null;
}

export interface DepartmentDelivery {
  /** Whether the agency works cases in a system of its own that applications are delivered to. */
  hasSystem(agency: string): boolean;
  /** Delivers one application; throws to retry, PermanentDeliveryError to dead-letter at once. */
  deliver(message: ApplicationMessage, outbox: OutboxMessage): Promise<void>;
}

/** No departmental systems: every agency works its cases in Tongban. */
export const NO_DEPARTMENT_SYSTEMS: DepartmentDelivery = {
  hasSystem: () => false,
  deliver: async () => {
    throw new Error('no departmental systems are configured');
  },
};
