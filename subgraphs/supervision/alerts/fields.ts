import { appendAccess } from '../../../lib/audit/accessLog.ts';
import type { InternalIdentity } from '../../../lib/auth/internalToken.ts';
import { authorize } from '../../../lib/auth/authorize.ts';
import { decide } from '../../../lib/auth/policy.ts';
import { badUserInput, forbidden } from '../../../lib/errors.ts';
import { decodeCursor, encodeCursor, fetchPage, pageSize } from '../../../lib/graphql/pagination.ts';
import { chinaPeriod } from '../../../lib/time.ts';
import type { Context } from '../context.ts';
import type { AlertFilter, CaseResolvers, MutationResolvers, QueryResolvers } from '../generated/resolvers-types.ts';
import { assertAlertAction, type AlertAction } from './lifecycle.ts';
import type { AlertModel } from './model.ts';
import { AlertsRepository, type AlertListFilter, type AlertPosition } from './repository.ts';

/** A cursor is `<raisedAt>|<id>`: the sort key of the last alert seen. */
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f-]{36})$/;
const REGION = /^(\d{2}|\d{4}|\d{6})$/;
const MAX_NOTE = 500;

const cursorOf = (alert: AlertModel) => encodeCursor(`${alert.raisedAt}|${alert.id}`);
const isCursorKey = (key: string) => {
  const match = CURSOR.exec(key);
  return match !== null && !Number.isNaN(Date.parse(match[1]!));
};

function position(key: string | null): AlertPosition | null {
  if (key === null) return null;
  const [raisedAt, id] = key.split('|') as [string, string];
  return { raisedAt, id };
}

/** The list filter, validated; staff are held to their own agency. */
function listFilter(filter: AlertFilter | null | undefined, identity: InternalIdentity): AlertListFilter {
  const scope = authorize(identity.principal, 'supervision.read', filter?.agency ? { agency: filter.agency } : undefined);
  const result: AlertListFilter = {};
  const agency = scope === 'agency' ? identity.principal.agency! : filter?.agency;
  if (agency) result.agency = agency;
  if (filter?.region != null) {
    if (!REGION.test(filter.region)) throw badUserInput('filter.region', 'must be a region code of 2, 4 or 6 digits (61, 6107, 610725)');
    result.regionPrefix = filter.region;
  }
  if (filter?.colour) result.colour = filter.colour;
  if (filter?.ruleCode) result.ruleCode = filter.ruleCode;
  if (filter?.type) result.type = filter.type;
  if (filter?.states?.length) result.states = [...filter.states];
  if (filter?.caseNumber) result.caseNumber = filter.caseNumber;
  if (filter?.period) {
    const period = chinaPeriod(filter.period.from, filter.period.to);
    if (!period.ok) throw badUserInput(`filter.period.${period.end}`, period.problem === 'notDate' ? 'must be a YYYY-MM-DD date' : 'must not be before from');
    result.raisedFrom = period.start.toISOString();
    result.raisedBefore = period.end.toISOString();
  }
  return result;
}

/** A note of at most 500 characters, or null when blank. */
function optionalNote(value: string | null | undefined, field: string): string | null {
  const text = value?.trim() ?? '';
  if (text.length === 0) return null;
  if ([...text].length > MAX_NOTE) throw badUserInput(field, `must be at most ${MAX_NOTE} characters`);
  return text;
}

/** One move of an alert's life, in one transaction with its access log entry: the alert locked, the move checked, applied. */
async function moveAlert(
  { identity, store, now }: Context,
  id: string,
  action: AlertAction,
  apply: (repository: AlertsRepository, by: string, at: Date) => Promise<AlertModel>,
): Promise<AlertModel> {
  return store.transaction(async (tx) => {
    const repository = new AlertsRepository(tx);
    const alert = await repository.lock(id);
    if (alert === null) throw badUserInput('id', `no alert ${id}`);
    assertAlertAction(alert, action, identity.principal);
    const moved = await apply(repository, identity.principal.subject, now());
    await appendAccess(tx, identity, { action: 'WRITE', resourceType: 'alert', resourceId: id, fields: [] }, now);
    return moved;
  });
}

export const alertQueries: Pick<QueryResolvers, 'alerts' | 'alert'> = {
  async alerts(_parent, { filter, first, after }, { identity, store }) {
    const normalized = listFilter(filter, identity);
    const size = pageSize(first);
    const from = position(decodeCursor(after, isCursorKey));
    const repository = new AlertsRepository(store);
    const page = await fetchPage(size, (limit) => repository.page(normalized, limit, from));
    return { ...page, cursorOf, count: () => repository.count(normalized) };
  },
  async alert(_parent, { id }, { identity, loaders }) {
    authorize(identity.principal, 'supervision.read');
    const alert = await loaders.alert.load(id);
    if (alert === null) return null;
    authorize(identity.principal, 'supervision.read', { agency: alert.agency });
    return alert;
  },
};

export const alertMutations: Pick<MutationResolvers, 'acknowledgeAlert' | 'resolveAlert' | 'runSupervisionClock'> = {
  async acknowledgeAlert(_parent, { id, note }, context) {
    authorize(context.identity.principal, 'supervision.act');
    const text = optionalNote(note, 'note');
    return moveAlert(context, id, 'ACKNOWLEDGE', (repository, by, at) => repository.acknowledge(id, by, at, text));
  },
  async resolveAlert(_parent, { id, resolution }, context) {
    authorize(context.identity.principal, 'supervision.act');
    const text = optionalNote(resolution, 'resolution');
    if (text === null) throw badUserInput('resolution', 'must say what was done (1–500 characters)');
    return moveAlert(context, id, 'RESOLVE', (repository, by, at) => repository.resolve(id, by, at, text));
  },
  /** Auditors run the clock on demand (diagnostics, or after a rule change); it also runs by itself. */
  async runSupervisionClock(_parent, _args, { identity, store, clock, now }) {
    if (authorize(identity.principal, 'supervision.read') !== 'all') throw forbidden('the supervision clock is run by auditors');
    const run = await clock.run();
    await appendAccess(store, identity, { action: 'WRITE', resourceType: 'supervision_clock', resourceId: run.asOf, fields: [] }, now);
    return run;
  },
};

/**
 * Case.alerts. The gateway asks only for a case the cases subgraph already showed the caller.
 * Auditors see every alert; staff of an agency handling the case (owner or participant, in
 * supervision's projection) see all of its alerts, other staff only alerts naming their agency.
 * Principals who may read a case but not supervision (the applicant, a departmental system) get an
 * empty list rather than an error, so selecting the field never breaks their case query.
 */
export const caseAlertFields: Pick<CaseResolvers, 'alerts'> = {
  async alerts(parent, _args, { identity, loaders }) {
    const { principal } = identity;
    const decision = decide(principal, 'supervision.read');
    if (!decision.allowed) return [];
    const alerts = await loaders.alertsByCase.load(parent.caseNumber);
    if (decision.scope === 'all' || alerts.length === 0) return alerts;
    const supervised = await loaders.supervisedCase.load(parent.caseNumber);
    const handling = supervised !== null && [supervised.agency, ...supervised.participatingAgencies].includes(principal.agency ?? '');
    return handling ? alerts : alerts.filter((alert) => alert.agency === principal.agency);
  },
};
