import { appendAccess } from '../../../lib/audit/accessLog.ts';
import type { InternalIdentity } from '../../../lib/auth/internalToken.ts';
import type { Store } from '../../../lib/db/store.ts';
import type { Logger } from '../../../lib/logger.ts';
import { chinaDate } from '../../../lib/time.ts';
import { calendarVersionsOf, loadCalendars } from '../alerts/calendars.ts';
import { viewOf } from '../alerts/caseAlert.ts';
import { evaluateExchangeReport } from '../alerts/evaluateExchange.ts';
import { evaluateRecord } from '../alerts/evaluateRecord.ts';
import { evaluateClock, finishedLate } from '../alerts/evaluateTime.ts';
import { raiseAll } from '../alerts/raise.ts';
import { AlertsRepository } from '../alerts/repository.ts';
import type { AlertTarget } from '../alerts/types.ts';
import { CaseProjection } from '../cases/projection.ts';
import type { SupervisionSources } from '../datasources/index.ts';
import { RuleBook } from '../rules/resolve.ts';
import type { CaseObservation, ExchangeReport } from './observation.ts';

export interface ObservationReceipt {
  duplicate: boolean;
  raised: number;
}

export interface IngestDeps {
  store: Store;
  sources: SupervisionSources;
  now: () => Date;
  identity: InternalIdentity;
  logger?: Logger;
}

/**
 * One case write, as the cases subgraph reports it, in one transaction: kept idempotently on
 * (case, version), the projection moved forward (never back), the record judged by every rule, the
 * time rules re-run on the case as it now stands, and its next check day set. Alerts are therefore
 * raised before the cases subgraph hears back — within the aftermath of the staff action or push.
 */
export async function ingestCaseObservation(deps: IngestDeps, observation: CaseObservation): Promise<ObservationReceipt> {
  // Calendars are fetched before the transaction: a failure here is retried by the sender's outbox.
  const calendars = await loadCalendars(deps.sources.calendar, calendarVersionsOf(observation.case));
  const at = deps.now();
  return deps.store.transaction(async (tx) => {
    const projection = new CaseProjection(tx);
    if (!(await projection.recordObservation(observation, at))) return { duplicate: true, raised: 0 };
    const advanced = await projection.advance(observation, at);
    const rules = await RuleBook.load(tx);
    const alerts = [...evaluateRecord(observation, rules), ...finishedLate(observation, rules, calendars)];
    // Only the newest version speaks for the case's running periods; an older one arriving late has nothing to add.
    if (advanced) {
      const clock = evaluateClock(viewOf(observation), rules, calendars, chinaDate(at));
      alerts.push(...clock.alerts);
      await projection.setNextChecks([{ caseNumber: observation.case.caseNumber, nextCheckOn: clock.nextCheckOn }]);
    }
    const raised = await raiseAll(tx, alerts, at, rules);
    // A decision pushed before its acceptance arrived is a violation only if it was also decided first.
    if (observation.record.action === 'ACCEPT') await new AlertsRepository(tx).resolveReorderedPushes(observation.case.caseNumber, observation.record.occurredAt, at);
    await appendAccess(
      tx,
      deps.identity,
      { action: 'WRITE', resourceType: 'case_observation', resourceId: `${observation.case.caseNumber}#${observation.record.version}`, fields: ['applicant', 'agent'] },
      deps.now,
    );
    return { duplicate: false, raised };
  });
}

/**
 * Whom an exchange report's alert is about: the case as supervision knows it, else the guide the
 * case number names (the catalog), else what the report itself says (the sending agency, the
 * region in the case number). A catalog that does not answer does not hold the report up.
 */
async function exchangeTarget(deps: IngestDeps, report: ExchangeReport, known: { agency: string; region: string; implementationCode: string; itemType: string } | null): Promise<AlertTarget> {
  if (known) return { agency: known.agency, region: known.region, implementationCode: known.implementationCode, itemType: known.itemType };
  const implementationCode = report.caseNumber.slice(0, 24);
  const guide = await deps.sources.catalog.guide(implementationCode).catch((error: unknown) => {
    deps.logger?.warn({ err: error, caseNumber: report.caseNumber }, 'catalog unavailable for an exchange report; alert targets the sender');
    return null;
  });
  return { agency: guide?.agency ?? report.senderAgency, region: implementationCode.slice(0, 6), implementationCode, itemType: guide?.itemType ?? null };
}

/** A push the exchange did not apply, in one transaction: kept idempotently on the message id, then judged. */
export async function ingestExchangeReport(deps: IngestDeps, report: ExchangeReport): Promise<ObservationReceipt> {
  const [known] = await new CaseProjection(deps.store).byNumbers([report.caseNumber]);
  const target = await exchangeTarget(deps, report, known ?? null);
  const at = deps.now();
  return deps.store.transaction(async (tx) => {
    const projection = new CaseProjection(tx);
    if (!(await projection.recordExchangeReport(report, at))) return { duplicate: true, raised: 0 };
    // Read again under the transaction: an acceptance observed meanwhile counts.
    const [current] = await projection.byNumbers([report.caseNumber]);
    const rules = await RuleBook.load(tx);
    const raised = await raiseAll(tx, evaluateExchangeReport(report, current?.acceptedAt ?? null, target, rules), at, rules);
    await appendAccess(tx, deps.identity, { action: 'WRITE', resourceType: 'exchange_report', resourceId: report.messageId, fields: [] }, deps.now);
    return { duplicate: false, raised };
  });
}
