import { createHash } from 'node:crypto';
import { maskName } from '../../lib/auth/mask.ts';
import { checkImplementationCode } from '../../lib/codes/implementationCode.ts';
import { checkUscc } from '../../lib/codes/uscc.ts';
import { badUserInput } from '../../lib/errors.ts';
import { isIsoDate } from '../../lib/time.ts';
import { checkCaseNumber } from '../cases/domain/caseNumber.ts';
import { RESULT_KINDS } from '../cases/domain/states.ts';
import { DELIVERY_METHODS, type AttachmentModel, type ResultRecord } from './models.ts';

/**
 * Validation of recordCaseResult's input. Every refusal is BAD_USER_INPUT naming the field (as the
 * cases subgraph sent it, e.g. `attachments[0].name`) and the reason; nothing is stored on a refusal.
 * The cases subgraph has checked the same data once already, so a refusal here means the two
 * subgraphs disagree, and the caller's outbox must not retry it (BAD_USER_INPUT is final).
 */

/** Long enough for a reasoned opinion, short enough that one result cannot bloat the store. */
export const MAX_TEXT = 2000;
export const MAX_ATTACHMENTS = 200;

/** The catalog's ItemType (subgraphs/catalog/schema.graphql); results.test.ts keeps the two equal. */
export const ITEM_TYPES = [
  'LICENSE',
  'PUNISHMENT',
  'ENFORCEMENT',
  'LEVY',
  'PAYMENT',
  'INSPECTION',
  'CONFIRMATION',
  'REWARD',
  'ADJUDICATION',
  'OTHER_POWER',
  'PUBLIC_SERVICE',
  'CONVENIENCE',
  'DISCLOSURE',
] as const;

/** What the GraphQL input carries (optional fields may be absent or null). */
export interface CaseResultInputValue {
  caseNumber: string;
  implementationCode: string;
  agency: string;
  caseName: string;
  itemName: string;
  itemType: string;
  publish: boolean;
  applicantName: string;
  kind: string;
  status: string;
  opinion?: string | null;
  reason?: string | null;
  attachments: ReadonlyArray<{ name: string; reference: string }>;
  completedAt: string;
  documentName?: string | null;
  documentNumber?: string | null;
  deliveryMethod?: string | null;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Milliseconds since the epoch, or null unless `value` is an ISO 8601 timestamp with an offset. */
export function timestampMillis(value: string): number | null {
  // Date.parse rolls 2025-02-30 over into March; a result must not silently move a day.
  if (!TIMESTAMP.test(value) || !isIsoDate(value.slice(0, 10))) return null;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? null : millis;
}

function text(field: string, value: string): string {
  if (value.trim() === '') throw badUserInput(field, 'is required');
  if (value.length > MAX_TEXT) throw badUserInput(field, `should be at most ${MAX_TEXT} characters`);
  return value;
}

function optionalText(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value.trim() === '') throw badUserInput(field, 'should not be blank (omit it instead)');
  if (value.length > MAX_TEXT) throw badUserInput(field, `should be at most ${MAX_TEXT} characters`);
  return value;
}

function oneOf<T extends string>(field: string, values: readonly T[], value: string): T {
  if (!(values as readonly string[]).includes(value)) throw badUserInput(field, `should be one of ${values.join(', ')}`);
  return value as T;
}

/**
 * The published texts must not name the applicant either: a case name such as 王芳食品经营许可申请
 * would undo the masking, so the full name is replaced by its masked form wherever it occurs.
 */
function withoutName(value: string, fullName: string, masked: string): string {
  return [...fullName].length < 2 ? value : value.split(fullName).join(masked);
}

/** Checks every field and returns the result as it will be stored; throws BAD_USER_INPUT otherwise. */
export function normalizeResultInput(input: CaseResultInputValue): ResultRecord {
  const caseNumberCheck = checkCaseNumber(input.caseNumber);
  if (!caseNumberCheck.ok) {
    throw badUserInput('caseNumber', caseNumberCheck.reason, '32 characters: implementation code (24) + year (2) + sequence (6)');
  }
  const codeCheck = checkImplementationCode(input.implementationCode);
  if (!codeCheck.ok) {
    throw badUserInput(
      'implementationCode',
      codeCheck.reason,
      '24 characters: region (6) + township (3) + village (3) + organization code (9) + agency class (1) + handling item (2)',
    );
  }
  if (input.caseNumber.slice(0, 24) !== input.implementationCode) {
    throw badUserInput('implementationCode', 'does not match the case number, which starts with the implementation code it was filed under');
  }
  const usccCheck = checkUscc(input.agency);
  if (!usccCheck.ok) throw badUserInput('agency', usccCheck.reason, 'an 18-character unified social credit code (GB 32100)');

  const applicantName = text('applicantName', input.applicantName).trim();
  const masked = maskName(applicantName);
  const completedMillis = timestampMillis(input.completedAt);
  if (completedMillis === null) {
    throw badUserInput('completedAt', 'should be an ISO 8601 timestamp with an offset', 'e.g. 2025-03-11T10:00:00+08:00');
  }
  if (input.attachments.length > MAX_ATTACHMENTS) {
    throw badUserInput('attachments', `should have at most ${MAX_ATTACHMENTS} items`);
  }
  const attachments: AttachmentModel[] = input.attachments.map((attachment, i) => ({
    name: text(`attachments[${i}].name`, attachment.name),
    reference: text(`attachments[${i}].reference`, attachment.reference),
  }));
  const documentName = optionalText('documentName', input.documentName);

  return {
    caseNumber: input.caseNumber,
    implementationCode: input.implementationCode,
    agency: input.agency,
    caseName: withoutName(text('caseName', input.caseName), applicantName, masked),
    itemName: text('itemName', input.itemName),
    itemType: oneOf('itemType', ITEM_TYPES, input.itemType),
    publish: input.publish,
    applicantName: masked,
    kind: oneOf('kind', RESULT_KINDS, input.kind),
    status: text('status', input.status),
    opinion: optionalText('opinion', input.opinion),
    reason: optionalText('reason', input.reason),
    attachments,
    completedAt: new Date(completedMillis).toISOString(),
    documentName: documentName === null ? null : withoutName(documentName, applicantName, masked),
    documentNumber: optionalText('documentNumber', input.documentNumber),
    deliveryMethod:
      input.deliveryMethod === null || input.deliveryMethod === undefined ? null : oneOf('deliveryMethod', DELIVERY_METHODS, input.deliveryMethod),
  };
}

/**
 * SHA-256 over the normalised result, the comparison a redelivery is judged by. It covers what is
 * stored, so the applicant enters in masked form: a digest of the full name would give it away to
 * anyone trying the few million common Chinese names against it. The same completion instant
 * written with another offset is the same result.
 */
export function payloadDigest(record: ResultRecord): string {
  const canonical = JSON.stringify([
    record.caseNumber,
    record.implementationCode,
    record.agency,
    record.caseName,
    record.itemName,
    record.itemType,
    record.publish,
    record.applicantName,
    record.kind,
    record.status,
    record.opinion,
    record.reason,
    record.attachments.map((attachment) => [attachment.name, attachment.reference]),
    record.completedAt,
    record.documentName,
    record.documentNumber,
    record.deliveryMethod,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
