import type { Queryable, Store } from '../../../lib/db/store.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { CalendarSource } from '../datasources/calendar.ts';

/** What every alert is raised about: the agency responsible and, where known, the item (rules target them). */
export interface AlertTarget {
  /** USCC of the agency responsible. */
  agency: string;
  /** The six-digit region of the implementation (or of the agency). */
  region: string;
  implementationCode: string | null;
  itemType: string | null;
}

/**
 * One alert to raise (alerts/raise.ts). The applicable rule is looked up by check and target (the
 * most specific enabled rule wins); nothing is raised when the check is switched off for the target.
 * Raising is idempotent on (rule code, case or subject, occasion): the second raise of the same
 * occasion returns the first alert.
 */
export interface AlertInput {
  /** A RuleCheck: DEADLINE_APPROACHING, SUPERVISION_OVERDUE … */
  check: string;
  /**
   * Which of a check's rules: DEADLINE_OVERRUN rules watch the PROMISED or the LEGAL deadline
   * (rules/parameters.ts slotOf). Omitted for every other check.
   */
  slot?: string;
  target: AlertTarget;
  caseNumber: string | null;
  /** What the alert is about when it is not the case itself: a supervision order, a complaint, a rectification task. */
  subject: { kind: 'ORDER' | 'COMPLAINT' | 'RECTIFICATION'; id: string } | null;
  /** Tells occasions of one rule on one case apart, e.g. `PROMISED:2026-12-01` or `record:5`. */
  occasion: string;
  /** The Chinese line the auditor reads; raising appends the rule's colour (：黄牌预警, ：红牌警告). */
  message: string;
  evidence: Record<string, unknown>;
  /** When the condition arose (ISO 8601). */
  observedAt: string;
}

export interface RaisedAlert {
  id: string | null;
  /** False when the occasion had raised its alert before (or the check is off: then id is null). */
  raised: boolean;
}

/** What a clock task needs: the store, the day it evaluates (China date), the calendar. */
export interface ClockContext {
  store: Store;
  /** Today in China (YYYY-MM-DD), from the injected clock. */
  today: string;
  now: Date;
  calendar: CalendarSource;
  logger: Logger;
  raise: (tx: Queryable, input: AlertInput) => Promise<RaisedAlert>;
  /**
   * The rule that would raise `check` for `target` (its parameters, e.g. SUPERVISION_OVERDUE's
   * graceWorkingDays), or null when the check is off for the target. The run's rules: a rule
   * changed during a run applies from the next run.
   */
  rule: (check: string, target: AlertTarget) => { code: string; version: number; colour: 'YELLOW' | 'RED'; parameters: Record<string, unknown> } | null;
}

/**
 * A part of the clock's run: looks only at what is due on or before `today` (an index on the due day,
 * never a scan of everything open), raises what it must, and records that it did so.
 */
export type ClockTask = (context: ClockContext) => Promise<{ examined: number; raised: number }>;
