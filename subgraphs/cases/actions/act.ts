import { authorize } from '../../../lib/auth/authorize.ts';
import { badUserInput, versionConflict } from '../../../lib/errors.ts';
import type { Context } from '../context.ts';
import type { Action } from '../domain/actions.ts';
import { actorFromPrincipal, standingOf, type Actor } from '../domain/actor.ts';
import { applyTransition } from '../domain/applyTransition.ts';
import { timestampMillis, type TransitionInput } from '../domain/input.ts';
import type { CaseSnapshot, ProcessRecord } from '../domain/processRecord.ts';
import { noSuchCase, refusalError } from '../errors.ts';
import type { CaseRow, MaterialFile } from '../repository.ts';
import { checkUploads, type MaterialUploadInput } from '../submission/materials.ts';
import { awaitSupervision } from '../supervision/aftermath.ts';
import { commitTransition, type ResultDocuments } from './commit.ts';

export interface CaseActionInput extends Omit<TransitionInput, 'occurredAt'> {
  expectedVersion: number;
  occurredAt?: string | null;
  uploads?: MaterialUploadInput[] | null;
  resultDocument?: { name: string; number: string } | null;
  deliveryMethod?: 'WINDOW' | 'POST' | 'ELECTRONIC' | null;
}

/** Staff write the time of an act as they do it; a little clock skew is tolerated, the future is not. */
const FUTURE_SKEW_MS = 5 * 60_000;
const MAX_DOCUMENT_TEXT = 200;

/**
 * Moves a case: the state machine decides (subgraphs/cases/domain), this writes. The write is
 * conditional on the version the caller read and the machine computed from, so of two concurrent
 * acts on one case exactly one is stored; the other gets VERSION_CONFLICT. The write queues the
 * observation for supervision (and a completion the result for the results subgraph) in the same
 * transaction (transactional outbox); the answer waits briefly for supervision to have it.
 */
export async function actOnCase(context: Context, caseNumber: string, action: Action, input: CaseActionInput): Promise<{ row: CaseRow; record: ProcessRecord }> {
  const { principal } = context.identity;
  authorize(principal, 'case.act');
  const actor = actorFromPrincipal(principal)!;
  const [row] = await context.repository.casesByNumber([caseNumber]);
  if (!row || standingOf(row.snapshot, actor) === 'NONE') throw noSuchCase(caseNumber);
  if (input.expectedVersion !== row.version) throw versionConflict('input.expectedVersion', row.version, input.expectedVersion);

  const files = uploadsOf(context, row, action, input);
  const { next, record, documents } = computeTransition(row, action, actor, input, context.now(), files);
  const stored = await commitTransition(context, context.identity, row, action, { next, record }, { files, documents });
  if (!stored) {
    const [latest] = await context.repository.casesByNumber([caseNumber]);
    throw versionConflict('input.expectedVersion', latest?.version ?? row.version + 1, input.expectedVersion);
  }
  await awaitSupervision(context, caseNumber, next.version);
  context.loaders.caseByNumber.clear(caseNumber);
  context.loaders.recordsByCase.clear(caseNumber);
  context.loaders.materialsByCase.clear(caseNumber);
  const [after] = await context.repository.casesByNumber([caseNumber]);
  return { row: after!, record };
}

/**
 * Runs the state machine for one action on a case: checks the time and the result document, and
 * keeps the result document with the result (a certificate issued from the case points at it).
 * Throws the refusal as a client error. Shared by staff and applicants (actOnCase) and by
 * departmental systems over CaseExchange (exchange.ts).
 */
export function computeTransition(
  row: CaseRow,
  action: Action,
  actor: Actor,
  input: Omit<CaseActionInput, 'expectedVersion'>,
  now: Date,
  files: MaterialFile[] = [],
): { next: CaseSnapshot; record: ProcessRecord; documents: ResultDocuments } {
  const occurredAt = input.occurredAt ?? now.toISOString();
  checkOccurredAt(occurredAt, now, row.snapshot);
  const documents = checkResultDocument(action, input);
  const { uploads: _u, resultDocument: _r, deliveryMethod: _d, occurredAt: _o, ...rest } = input as CaseActionInput;
  const { expectedVersion: _v, ...fields } = rest as typeof rest & { expectedVersion?: number };
  const transition: TransitionInput = { ...stripNulls(fields), occurredAt };
  if (files.length > 0 && transition.materials === undefined) transition.materials = [...new Set(files.map((file) => file.name))];
  const outcome = applyTransition(row.snapshot, action, actor, transition);
  if (!outcome.ok) throw refusalError(outcome);
  const next =
    outcome.next.result !== null && row.snapshot.result === null
      ? { ...outcome.next, result: { ...outcome.next.result, document: documents.document, deliveryMethod: documents.delivery } }
      : outcome.next;
  return { next, record: outcome.record, documents };
}

function uploadsOf(context: Context, row: CaseRow, action: Action, input: CaseActionInput): MaterialFile[] {
  if (!input.uploads || input.uploads.length === 0) return [];
  if (action !== 'SUBMIT_CORRECTION') throw badUserInput('input.uploads', 'files are handed in with SUBMIT_CORRECTION only');
  const checked = checkUploads(input.uploads, row.guideTerms.materials, context.materialMaxBytes, 'input.uploads');
  if ('reason' in checked) throw badUserInput(checked.field, checked.reason);
  return checked.files;
}

export function checkOccurredAt(occurredAt: string, now: Date, snapshot: CaseSnapshot): void {
  const at = timestampMillis(occurredAt);
  if (at === null) throw badUserInput('input.occurredAt', 'should be an ISO 8601 timestamp with an offset');
  if (at > now.getTime() + FUTURE_SKEW_MS) throw badUserInput('input.occurredAt', 'is in the future');
  const submitted = timestampMillis(snapshot.application.submittedAt)!;
  if (at < submitted) throw badUserInput('input.occurredAt', `is before the application was submitted (${snapshot.application.submittedAt})`);
}

export function checkResultDocument(action: Action, input: Omit<CaseActionInput, 'expectedVersion'>): ResultDocuments {
  const document = input.resultDocument ?? null;
  const delivery = input.deliveryMethod ?? null;
  if (action !== 'COMPLETE') {
    if (document !== null) throw badUserInput('input.resultDocument', 'is given with COMPLETE only');
    if (delivery !== null) throw badUserInput('input.deliveryMethod', 'is given with COMPLETE only');
    return { document: null, delivery: null };
  }
  if (document !== null) {
    for (const key of ['name', 'number'] as const) {
      const value = document[key].trim();
      if (value === '' || value.length > MAX_DOCUMENT_TEXT) throw badUserInput(`input.resultDocument.${key}`, `should be 1–${MAX_DOCUMENT_TEXT} characters`);
    }
  }
  if (input.result === 'CERTIFICATE_ISSUED') {
    // 出证办结 issues a document; its number is what the electronic certificate will point at.
    if (document === null) throw badUserInput('input.resultDocument', 'CERTIFICATE_ISSUED needs the result document (name and number)');
    if (delivery === null) throw badUserInput('input.deliveryMethod', 'CERTIFICATE_ISSUED needs the delivery method');
  }
  return { document, delivery };
}

export function stripNulls<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== null && inner !== undefined)) as T;
}

