import { authorize } from '../../lib/auth/authorize.ts';
import { identityCodes, type Scope } from '../../lib/auth/policy.ts';
import type { Principal } from '../../lib/auth/principal.ts';
import { appendAccess } from '../../lib/audit/accessLog.ts';
import { checkCaseNumber } from './domain/caseNumber.ts';
import { badUserInput, forbidden } from '../../lib/errors.ts';
import { decodeCursor, encodeCursor, fetchPage, pageSize } from '../../lib/graphql/pagination.ts';
import { dueCutoff } from './deadlines/index.ts';
import { chinaDate, isIsoDate } from '../../lib/time.ts';
import { timestampMillis } from './domain/input.ts';
import type { Context } from './context.ts';
import type { CaseConnectionModel } from './models.ts';
import type { CaseListFilter, CaseRow } from './repository.ts';

/** The personal fields a case read discloses, for the access audit log. */
const CASE_FIELDS = ['applicant', 'agent', 'formData', 'materials', 'records'];

function mayRead(principal: Principal, scope: Scope, row: CaseRow): boolean {
  const { snapshot } = row;
  switch (scope) {
    case 'all':
      return true;
    case 'agency':
      return principal.agency !== null && (snapshot.owningAgency === principal.agency || snapshot.participatingAgencies.includes(principal.agency));
    case 'own': {
      const codes = identityCodes(principal);
      return codes.includes(snapshot.applicant.idNumber) || (snapshot.agent !== null && codes.includes(snapshot.agent.idNumber));
    }
    default:
      return false;
  }
}

/**
 * `case(caseNumber)`: null both for a case that does not exist and for one the caller may not
 * read, so case numbers cannot be probed. Every disclosed case lands in the access audit log.
 */
export async function readCase(context: Context, caseNumber: string): Promise<CaseRow | null> {
  const { principal } = context.identity;
  const scope = authorize(principal, 'case.read');
  const row = await context.loaders.caseByNumber.load(caseNumber);
  if (row === null || !mayRead(principal, scope, row)) return null;
  await appendAccess(context.store, context.identity, { action: 'READ', resourceType: 'case', resourceId: caseNumber, fields: CASE_FIELDS });
  return row;
}

/** 结果反馈: the case whose applicant (or agent) holds `idNumber`, else null — the same null for an unknown number. */
export async function caseStatus(context: Context, caseNumber: string, idNumber: string): Promise<CaseRow | null> {
  authorize(context.identity.principal, 'case.status');
  const number = checkCaseNumber(caseNumber);
  if (!number.ok) throw badUserInput('caseNumber', number.reason);
  const id = idNumber.trim().toUpperCase();
  if (id.length === 0 || id.length > 64) throw badUserInput('idNumber', 'should be the applicant’s ID number (证件号码)');
  const row = await context.loaders.caseByNumber.load(caseNumber);
  if (row === null) return null;
  const parties = [row.snapshot.applicant.idNumber, row.snapshot.agent?.idNumber].filter((code) => code !== undefined).map((code) => code.toUpperCase());
  return parties.includes(id) ? row : null;
}

/** A cursor is `<sort key>|<case number>`: the submission time (newest first) or the due date (most urgent first). */
function isCursorKey(order: 'newest' | 'due', key: string): boolean {
  const [sort = '', number = '', ...rest] = key.split('|');
  if (rest.length > 0 || !checkCaseNumber(number).ok) return false;
  return order === 'newest' ? timestampMillis(sort) !== null : sort === '' || isIsoDate(sort);
}

async function page(
  context: Context,
  filter: CaseListFilter,
  first: number | null | undefined,
  after: string | null | undefined,
  order: 'newest' | 'due',
): Promise<CaseConnectionModel> {
  const size = pageSize(first);
  const key = decodeCursor(after, (candidate) => isCursorKey(order, candidate));
  const cursor = key === null ? null : { sortKey: key.split('|')[0] || null, caseNumber: key.split('|')[1]! };
  let total = 0;
  const { nodes, hasNextPage } = await fetchPage(size, async (limit) => {
    const result = await context.repository.listCases(filter, limit, cursor, order);
    total = result.total;
    return result.rows;
  });
  if (size === 0) total = (await context.repository.listCases(filter, 0, null, order)).total;
  for (const row of nodes) context.loaders.caseByNumber.prime(row.caseNumber, row);
  return {
    rows: nodes,
    total,
    hasNextPage,
    cursorOf: (row) => encodeCursor(`${order === 'newest' ? row.submittedAt : (row.dueOn ?? '')}|${row.caseNumber}`),
  };
}

/** `myCases`: where the signed-in person (or whom they act for) is the applicant or the agent. */
export function myCases(context: Context, states: readonly string[] | null | undefined, first: number | null | undefined, after: string | null | undefined) {
  const { principal } = context.identity;
  authorize(principal, 'case.read');
  const parties = identityCodes(principal).filter((code) => code !== principal.subject);
  return page(context, { parties, ...(states ? { states } : {}) }, first, after, 'newest');
}

export interface WorkQueueFilter {
  states?: readonly string[] | null;
  step?: string | null;
  dueWithinWorkingDays?: number | null;
}

/** The agency's work queue: its own and its joint cases, most urgent first. */
export async function workQueue(context: Context, filter: WorkQueueFilter, first: number | null | undefined, after: string | null | undefined) {
  const { principal } = context.identity;
  authorize(principal, 'case.queue');
  const list: CaseListFilter = { agency: principal.agency! };
  if (filter.states) list.states = filter.states;
  if (filter.step) list.step = filter.step;
  if (filter.dueWithinWorkingDays !== null && filter.dueWithinWorkingDays !== undefined) {
    const n = filter.dueWithinWorkingDays;
    if (!Number.isInteger(n) || n < 0 || n > 365) throw badUserInput('filter.dueWithinWorkingDays', 'should be 0–365 working days');
    // Null when the calendar does not reach that far: every due date is then within reach.
    const cutoff = dueCutoff(await context.calendar.current(), chinaDate(context.now()), n);
    if (cutoff !== null) list.dueOnOrBefore = cutoff;
  }
  return page(context, list, first, after, 'due');
}

/** The services that read a case's facts (subgraphs/cases/client/caseFacts.ts). */
const CASE_FACTS_READERS = new Set(['certificates', 'supervision']);

/**
 * `caseFacts`: the certificates subgraph's read of a case (issuance from a case, purpose-bound
 * sharing) and supervision's (who may evaluate a case, and when).
 */
export async function caseFacts(context: Context, caseNumber: string) {
  const { principal } = context.identity;
  authorize(principal, 'case.facts');
  if (!CASE_FACTS_READERS.has(principal.subject)) throw forbidden('caseFacts is for the certificates and supervision subgraphs');
  const row = await context.loaders.caseByNumber.load(caseNumber);
  if (row === null) return null;
  const { snapshot } = row;
  const result = snapshot.result;
  return {
    caseNumber,
    state: snapshot.state,
    owningAgency: snapshot.owningAgency,
    participatingAgencies: snapshot.participatingAgencies,
    implementationCode: row.implementationCode,
    applicant: snapshot.applicant,
    agent: snapshot.agent,
    result:
      result === null
        ? null
        : { kind: result.kind, completedAt: result.completedAt, documentName: result.document?.name ?? null, documentNumber: result.document?.number ?? null },
  };
}
