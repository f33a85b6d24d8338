import type { TimeLimit } from '../domain/processRecord.ts';
import type { ProcessStepKind, SuspensionKind } from '../domain/states.ts';

/**
 * What a case's deadlines are computed from, and the stored result. The stored form is plain JSON
 * (it lives in the case row's `deadlines` column) and is recomputed by every transition; reading a
 * case only presents it (present.ts), so a read never needs the records.
 */

/** The limits of the guide the case is handled under (法定办结时限, 承诺办结时限, the process's step limits). */
export interface DeadlineTerms {
  legal: TimeLimit | null;
  promised: TimeLimit | null;
  steps: Partial<Record<ProcessStepKind, TimeLimit>>;
}

/** A special procedure or hold, as the SUSPEND and RESUME records say (timestamps ISO 8601 with offset). */
export interface SuspensionFact {
  kind: SuspensionKind;
  from: string;
  /** Null while it runs. */
  to: string | null;
}

/** A step an agency started (START_STEP) and, once done, completed (COMPLETE_STEP, or DECIDE for the DECIDE step). */
export interface StepFact {
  step: ProcessStepKind;
  /** USCC */
  agency: string;
  startedAt: string;
  completedAt: string | null;
}

export interface DeadlineFacts {
  /** 受理时间; null before acceptance (no period runs yet). */
  acceptedAt: string | null;
  /** When the period ended: the decision (DECIDED), or the completion where no decision came first. */
  finishedAt: string | null;
  suspensions: SuspensionFact[];
  steps: StepFact[];
}

/** Days not counted: a special procedure of 行政许可法 art. 45, as China dates, both inclusive. */
export interface ExcludedPeriod {
  kind: SuspensionKind;
  from: string;
  /** Null while it runs. */
  to: string | null;
}

/** One period as stored. Dates are China dates (YYYY-MM-DD). */
export interface StoredDeadline {
  limit: TimeLimit;
  /** The day counting starts after (受理之日 or the step's start); not itself counted. */
  startedOn: string;
  /** Last day of the period; null while a special procedure runs, or when `problem` says why. */
  due: string | null;
  /** Days of the limit used: all of it once `due` is known, those used so far while suspended. */
  countedDays: number;
  /** Days of the limit's unit that fell in special procedures and were not counted. */
  suspendedDays: number;
  /** The calendar version `due` was computed with. */
  calendarVersion: string;
  /** The special procedures that were taken out of the count. */
  excluded: ExcludedPeriod[];
  /** The day the period ended (decision or completion); null while it runs. */
  finishedOn: string | null;
  /**
   * Why `due` could not be computed (the calendar does not cover the dates: an operations issue —
   * publish the missing year); null otherwise. Never thrown: reading a case must not fail on it.
   */
  problem: string | null;
}

export interface StoredStepDeadline {
  step: ProcessStepKind;
  /** USCC of the agency whose step it is. */
  agency: string;
  /** The step's START_STEP time (ISO 8601), which tells repeated steps apart. */
  startedAt: string;
  deadline: StoredDeadline;
}

/** The `deadlines` column of a case row. */
export interface StoredDeadlines {
  legal: StoredDeadline | null;
  promised: StoredDeadline | null;
  steps: StoredStepDeadline[];
}

/** The GraphQL type Deadline. */
export interface PresentedDeadline {
  limit: TimeLimit;
  startedOn: string;
  due: string | null;
  suspendedDays: number;
  calendarVersion: string;
  /** Working days from today to due: 0 on the due day, negative once overdue; null while due is unknown or once finished. */
  remainingWorkingDays: number | null;
  finishedOn: string | null;
  overdue: boolean;
  overdueWorkingDays: number;
  /** Not in the GraphQL type (yet): why a figure is missing. */
  problem: string | null;
}

/** The GraphQL type StepDeadline; `agency` is the Agency entity's reference. */
export interface PresentedStepDeadline {
  step: ProcessStepKind;
  stepName: string;
  agency: { uscc: string };
  deadline: PresentedDeadline;
}

/** The GraphQL type CaseDeadlines. */
export interface PresentedDeadlines {
  legal: PresentedDeadline | null;
  promised: PresentedDeadline | null;
  steps: PresentedStepDeadline[];
}
