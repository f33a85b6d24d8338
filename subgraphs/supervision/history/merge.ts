import { identityCodes } from '../../../lib/auth/policy.ts';
import type { Principal } from '../../../lib/auth/principal.ts';
import type { CaseHistoryEntry, CaseHistoryKind } from '../generated/resolvers-types.ts';
import type { CaseRefModel } from '../models.ts';

export type ProcessRecordFact = NonNullable<CaseRefModel['records']>[number];

/**
 * One entry supervision adds to a case's history, with what decides who may read it: the agency it
 * concerns (an alert's, an order's, a complaint's, an evaluation's) and, for what a person gave or
 * filed (their evaluation, their complaint), the identity codes of that person.
 */
export interface SupervisionEvent {
  entry: CaseHistoryEntry;
  agency: string;
  /** Identity codes (subject, ID number, USCC) of the person the event belongs to; empty for none. */
  owners: readonly string[];
}

/** What an applicant reads of supervision's part: what they themselves gave or filed, and the answers to it. */
const APPLICANT_KINDS: ReadonlySet<CaseHistoryKind> = new Set(['COMPLAINT', 'EVALUATION', 'RECTIFICATION']);

/**
 * Which supervision events the caller reads. The gateway asks for a case's history only after the
 * cases subgraph let the caller read the case, so the process records are theirs to read already;
 * supervision's own entries are filtered here: auditors read all, staff (and departmental systems)
 * what concerns their agency, the applicant (or agent) their own evaluations and complaints with
 * the answers to them — never alerts or supervision orders, which are between supervision and agency.
 */
export function visibleEvents(principal: Principal, events: readonly SupervisionEvent[]): SupervisionEvent[] {
  switch (principal.kind) {
    case 'AUDITOR':
      return [...events];
    case 'STAFF':
    case 'DEPARTMENT_SYSTEM':
      return events.filter((event) => event.agency === principal.agency);
    case 'NATURAL_PERSON':
    case 'LEGAL_PERSON': {
      const codes = identityCodes(principal);
      return events.filter((event) => APPLICANT_KINDS.has(event.entry.kind) && event.owners.some((owner) => codes.includes(owner)));
    }
    default:
      return [];
  }
}

/** A process record as a history entry: 受理 · 张伟. */
function recordEntry(record: ProcessRecordFact): CaseHistoryEntry {
  return {
    at: isoInstant(record.occurredAt),
    kind: 'PROCESS_RECORD',
    title: `${record.actionName} · ${record.handlerName ?? record.handlerId}`,
    actor: record.handlerId,
    reference: String(record.version),
    detail: record.opinion ?? record.reason ?? null,
  };
}

/**
 * The complete history: process records and supervision's entries in time order. The sort is
 * stable; at the same instant a process record comes first (the record is what the supervision
 * entry reacts to), process records among themselves by version, the rest in the order given.
 */
export function mergeHistory(records: readonly ProcessRecordFact[], events: readonly CaseHistoryEntry[]): CaseHistoryEntry[] {
  const ordered = [...records].sort((a, b) => a.version - b.version).map(recordEntry);
  const keyed = [...ordered, ...events].map((entry, index) => ({ entry, index, time: Date.parse(entry.at) }));
  keyed.sort((a, b) => a.time - b.time || a.index - b.index);
  return keyed.map(({ entry }) => entry);
}

/** Every `at` in one form (UTC ISO 8601), so entries compare and read alike whatever offset their source wrote. */
function isoInstant(value: string | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}
