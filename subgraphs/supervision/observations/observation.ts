/**
 * The contract between the services that see cases change and supervision (电子监察 reads every
 * case's process data, seed 001 §7(5)). Supervision keeps its own projection of each case from
 * these messages and never reads the cases subgraph's tables.
 *
 * - `CaseObservation`: the cases subgraph sends one for every case write (the submission and each
 *   transition), from its outbox (topic `case.supervision`), in the same transaction as the write,
 *   so none is lost; supervision records it idempotently on (caseNumber, version). It carries the
 *   case as it is after the write, the record that was written, the guide terms the case is handled
 *   under, and the due dates the cases subgraph computed (with the calendar version they used).
 * - `ExchangeReport`: the exchange service sends one when a departmental system pushed a record that
 *   was not applied (held for a predecessor, or refused): a decision pushed before the acceptance is
 *   a legality matter even though no case record exists for it. Idempotent on the message id.
 *
 * Both arrive as JSON (the @inaccessible mutations take a JSONObject) and are validated on arrival
 * (observations/validate.ts): a malformed one is refused and dead-letters in the sender's outbox.
 */

export interface TimeLimitFact {
  value: number;
  unit: 'WORKING_DAY' | 'NATURAL_DAY';
}

/** One deadline as the cases subgraph stored it (its deadlines/types.ts StoredDeadline, the fields supervision uses). */
export interface DeadlineFact {
  limit: TimeLimitFact;
  /** The day counting started after (China date). */
  startedOn: string;
  /** Last day of the period (China date); null while suspended or when the calendar does not cover it. */
  due: string | null;
  /** The day the period ended (decision or completion); null while it runs. */
  finishedOn: string | null;
  /** Days that fell in special procedures and were not counted. */
  suspendedDays: number;
  calendarVersion: string;
}

export interface StepDeadlineFact {
  /** REVIEW, VERIFY, DECIDE. */
  step: string;
  agency: string;
  startedAt: string;
  deadline: DeadlineFact;
}

export interface GuideMaterialFact {
  id: string;
  name: string;
  /** REQUIRED or CONDITIONAL. */
  requirement: string;
  /** 容缺受理 allowed. */
  deferrable: boolean;
}

/** The guide terms the case is handled under (captured at submission). */
export interface GuideFact {
  implementationCode: string;
  name: string;
  version: number;
  itemType: string;
  /** IMMEDIATE or PROMISED. */
  caseKind: string;
  legalLimit: TimeLimitFact | null;
  promisedLimit: TimeLimitFact | null;
  /** The guide's process steps (REVIEW, VERIFY, DECIDE …) that carry a limit, in process order. */
  steps: string[];
  materials: GuideMaterialFact[];
  /** 是否收费; and the highest standard amount in yuan where the guide states one (null: no numeric standard). */
  fee: { charged: boolean; maxAmountYuan: number | null };
}

export interface PartyFact {
  kind: 'NATURAL_PERSON' | 'LEGAL_PERSON';
  name: string;
  idType: string;
  idNumber: string;
}

/** The case after the write. */
export interface CaseFact {
  caseNumber: string;
  name: string;
  /** IMMEDIATE, PROMISED, SUPPLEMENTARY, ESCALATED, JOINT. */
  kind: string;
  state: string;
  implementationCode: string;
  /** USCC of the owning agency. */
  agency: string;
  participatingAgencies: string[];
  /** The six-digit 行政区划 of the implementation (its code's first six characters). */
  region: string;
  /** WINDOW, ONLINE, MOBILE, SOAP: how the application came in. */
  channel: string;
  applicant: PartyFact;
  agent: PartyFact | null;
  submittedAt: string;
  acceptedAt: string | null;
  /** The guide's material ids handed in so far. */
  materialIds: string[];
  /** 容缺 materials (by name) not handed in yet. */
  deferredMaterials: string[];
  /** Completed steps (step kind, agency, when), oldest first. */
  completedSteps: Array<{ step: string; agency: string; passed: boolean; completedAt: string }>;
  decision: { decision: 'APPROVE' | 'DENY'; decidedAt: string } | null;
  result: { kind: string; completedAt: string } | null;
  /** Null before acceptance. */
  deadlines: { legal: DeadlineFact | null; promised: DeadlineFact | null; steps: StepDeadlineFact[] } | null;
}

/** The process record the write produced (version 1: the submission). */
export interface RecordFact {
  version: number;
  /** SUBMIT for the submission, else the case action (ACCEPT, DECIDE …). */
  action: string;
  fromState: string | null;
  toState: string;
  /** 处理时间 (ISO 8601). */
  occurredAt: string;
  recordedAt: string;
  actorKind: string;
  handlerId: string;
  handlerName: string | null;
  /** WINDOW, ONLINE, MOBILE, SOAP: how this record reached Tongban. */
  channel: string;
  sourceMessageId: string | null;
  step: string | null;
  passed: boolean | null;
  decision: string | null;
  result: string | null;
  reason: string | null;
  opinion: string | null;
  /** 收费金额 recorded with the action, in yuan; null when none. */
  feeYuan: number | null;
}

export interface CaseObservation {
  kind: 'CASE';
  case: CaseFact;
  record: RecordFact;
  guide: GuideFact;
}

export interface ExchangeReport {
  kind: 'EXCHANGE';
  messageId: string;
  caseNumber: string;
  /** The case action the department pushed (DECIDE, COMPLETE …). */
  action: string;
  /** 处理时间 the department gave. */
  occurredAt: string;
  receivedAt: string;
  /** HELD: waiting for a predecessor; REJECTED: held too long, or refused. */
  status: 'HELD' | 'REJECTED';
  /** Why the cases subgraph did not apply it. */
  reason: string;
  senderAgency: string;
  senderClientId: string;
  /** The evidence log entry's receipt number. */
  receiptNumber: string | null;
}
