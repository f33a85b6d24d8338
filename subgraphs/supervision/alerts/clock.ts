import type { Store } from '../../../lib/db/store.ts';
import type { Logger } from '../../../lib/logger.ts';
import { chinaDate } from '../../../lib/time.ts';
import { CaseProjection, type SupervisedCase } from '../cases/projection.ts';
import { overdueComplaints } from '../complaints/overdue.ts';
import type { SupervisionSources } from '../datasources/index.ts';
import { overdueRectifications } from '../evaluations/overdue.ts';
import { overdueOrders } from '../orders/overdue.ts';
import type { RuleCheck } from '../rules/model.ts';
import { RuleBook } from '../rules/resolve.ts';
import { calendarVersionsOf, loadCalendars } from './calendars.ts';
import { evaluateClock, type CalendarLookup } from './evaluateTime.ts';
import { raiseAlert, raiseAll } from './raise.ts';
import type { ClockContext, ClockTask } from './types.ts';

export interface ClockRun {
  /** The China day evaluated. */
  asOf: string;
  /** Cases, orders, complaints and tasks whose check day had come. */
  examined: number;
  raised: number;
}

export interface SupervisionClock {
  /** One run for today (China time of the injected clock); runs never overlap within a process. */
  run(): Promise<ClockRun>;
  close(): Promise<void>;
}

export interface SupervisionClockOptions {
  store: Store;
  sources: SupervisionSources;
  now: () => Date;
  logger: Logger;
  intervalSeconds: number;
  /** The areas' own overdue checks; the orders, complaints and rectification tasks by default. */
  tasks?: readonly ClockTask[];
  /** Cases claimed per transaction. */
  batchSize?: number;
}

const AREA_TASKS: readonly ClockTask[] = [overdueOrders, overdueComplaints, overdueRectifications];

/**
 * The cases whose next check day has come, batch by batch, each batch in one transaction: claimed
 * with FOR UPDATE SKIP LOCKED (a second clock, in this or another process, takes other rows, and an
 * observation being written waits or is skipped), judged by the time rules with the calendar each
 * due date was computed with, alerts raised, and the next check day moved past today (or cleared).
 * Every claimed case leaves the "due" set, so the loop ends; a case whose calendar cannot be had is
 * left for the next run.
 */
async function examineCases(options: SupervisionClockOptions, today: string, at: Date): Promise<{ examined: number; raised: number }> {
  const batchSize = options.batchSize ?? 500;
  const deferred: string[] = [];
  let examined = 0;
  let raised = 0;
  for (;;) {
    const batch = await options.store.transaction(async (tx) => {
      const projection = new CaseProjection(tx);
      const cases = await projection.claimDue(today, batchSize, deferred);
      if (cases.length === 0) return null;
      const rules = await RuleBook.load(tx);
      const checks: Array<{ caseNumber: string; nextCheckOn: string | null }> = [];
      let batchRaised = 0;
      for (const supervised of cases) {
        const calendars = await calendarsFor(options, supervised);
        if (calendars === null) {
          deferred.push(supervised.caseNumber);
          continue;
        }
        const view = { caseNumber: supervised.caseNumber, version: supervised.version, facts: supervised.facts, guide: supervised.guide };
        const verdict = evaluateClock(view, rules, calendars, today);
        batchRaised += await raiseAll(tx, verdict.alerts, at, rules);
        checks.push({ caseNumber: supervised.caseNumber, nextCheckOn: verdict.nextCheckOn });
      }
      await projection.setNextChecks(checks);
      return { examined: checks.length, raised: batchRaised };
    });
    if (batch === null) return { examined, raised };
    examined += batch.examined;
    raised += batch.raised;
  }
}

async function calendarsFor(options: SupervisionClockOptions, supervised: SupervisedCase): Promise<CalendarLookup | null> {
  try {
    return await loadCalendars(options.sources.calendar, calendarVersionsOf(supervised.facts));
  } catch (error) {
    options.logger.warn({ err: error, caseNumber: supervised.caseNumber }, 'supervision clock: calendar unavailable, case left for the next run');
    return null;
  }
}

/** What the areas' tasks get: the store, the day, and raising under the rules as they stand at the start of the run. */
function clockContext(options: SupervisionClockOptions, today: string, at: Date, rules: RuleBook): ClockContext {
  return {
    store: options.store,
    today,
    now: at,
    calendar: options.sources.calendar,
    logger: options.logger,
    raise: (tx, input) => raiseAlert(tx, input, at, rules),
    rule: (check, target) => {
      const rule = rules.applicable(check as RuleCheck, target);
      return rule && { code: rule.code, version: rule.version, colour: rule.colour, parameters: rule.parameters };
    },
  };
}

/**
 * The supervision clock: re-evaluates the time rules for the cases (and orders, complaints,
 * rectification tasks) that crossed a working-day boundary, every `intervalSeconds` (the timer does
 * not keep the process alive) and on demand. A run's work is what has come due, never a scan of
 * all open cases. A failing area task does not stop the others; the run reports it afterwards.
 */
export function startSupervisionClock(options: SupervisionClockOptions): SupervisionClock {
  const tasks = options.tasks ?? AREA_TASKS;
  let current: Promise<ClockRun> | null = null;
  let closed = false;

  async function once(): Promise<ClockRun> {
    const at = options.now();
    const today = chinaDate(at);
    const cases = await examineCases(options, today, at);
    let examined = cases.examined;
    let raised = cases.raised;
    const context = clockContext(options, today, at, await RuleBook.load(options.store));
    let failure: unknown = null;
    for (const task of tasks) {
      try {
        const outcome = await task(context);
        examined += outcome.examined;
        raised += outcome.raised;
      } catch (error) {
        options.logger.error({ err: error }, 'supervision clock: an area task failed');
        failure ??= error;
      }
    }
    if (failure !== null) throw failure;
    return { asOf: today, examined, raised };
  }

  async function run(): Promise<ClockRun> {
    while (current !== null) await current.catch(() => undefined);
    current = once();
    try {
      return await current;
    } finally {
      current = null;
    }
  }

  const timer = setInterval(() => {
    if (closed) return;
    run().catch((error: unknown) => options.logger.error({ err: error }, 'supervision clock run failed'));
  }, options.intervalSeconds * 1000);
  timer.unref();

  return {
    run,
    async close() {
      closed = true;
      clearInterval(timer);
      while (current !== null) await current.catch(() => undefined);
    },
  };
}
