import { chinaDate } from '../../lib/time.ts';
import type { GraphQLError } from 'graphql';
import { checkCitizenId } from '../../lib/codes/citizenId.ts';
import { checkUscc } from '../../lib/codes/uscc.ts';
import { badUserInput, invalidElements } from '../../lib/errors.ts';
import { addMonths, isIsoDate } from '../../lib/time.ts';
import { checkCaseNumber } from '../cases/domain/caseNumber.ts';
import type { CaseFacts } from '../cases/client/caseFacts.ts';
import { HOLDER_CODE_TYPE_NAMES, HOLDER_CODE_TYPES, type CertificateTypeModel, type HolderCodeType, type IssuanceRecord, type SurfaceField } from './models.ts';

/**
 * Validation of a certificate before it is issued: by issueCertificate, by replaceCertificate, and
 * (next) by the bulk import of certificates departmental systems already issued (证照汇聚), which
 * reports each row's refusal instead of failing the file. Every refusal is BAD_USER_INPUT naming
 * the field as the input spells it (`holder.code`, `surfaceData.rooms`) and the reason; nothing is
 * stored on a refusal.
 */

export const MAX_NAME = 100;
export const MAX_DOCUMENT_NUMBER = 100;
export const MAX_REASON = 500;
/** STRING and ADDRESS fields without their own maxLength. */
export const DEFAULT_MAX_LENGTH = 200;
const TYPE_CODE = /^[0-9A-Z]{18}\d{3}$/;

/** What issueCertificate's input carries (optional fields may be absent or null). */
export interface IssuanceInput {
  typeCode: string;
  holder: { codeType: string; code: string; name: string };
  surfaceData: Record<string, unknown>;
  issuedOn: string;
  validFrom: string;
  validUntil?: string | null;
  caseNumber?: string | null;
  documentNumber?: string | null;
}

export interface IssuanceContext {
  /** The type the input names, as the store has it; null when there is none. */
  type: CertificateTypeModel | null;
  /** The issuing agency (USCC): the caller's agency, or an imported row's issuer. */
  issuer: string;
  /** Today in China (YYYY-MM-DD): nothing is issued in the future. */
  today: string;
}

function requiredText(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed === '') throw badUserInput(field, 'is required');
  if ([...trimmed].length > max) throw badUserInput(field, `should be at most ${max} characters`);
  return trimmed;
}

function optionalText(field: string, value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (value.trim() === '') throw badUserInput(field, 'should not be blank (omit it instead)');
  return requiredText(field, value, max);
}

function date(field: string, value: string): string {
  if (!isIsoDate(value)) throw badUserInput(field, 'should be a calendar date written YYYY-MM-DD');
  return value;
}

/** The problem with one surface-data value, or null when it fits its field. */
function surfaceProblem(field: SurfaceField, value: unknown): string | null {
  switch (field.type) {
    case 'STRING':
    case 'ADDRESS': {
      if (typeof value !== 'string') return 'should be a string';
      if (value.trim() === '') return 'should not be blank';
      const max = field.maxLength ?? DEFAULT_MAX_LENGTH;
      if ([...value].length > max) return `should be at most ${max} characters`;
      if (value !== value.trim()) return 'should not start or end with spaces';
      return null;
    }
    case 'DATE':
      return isIsoDate(value) ? null : 'should be a calendar date written YYYY-MM-DD';
    case 'INTEGER':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? null : 'should be a whole number, 0 or more';
    case 'ENUM':
      return typeof value === 'string' && (field.values ?? []).includes(value) ? null : `should be one of ${(field.values ?? []).join(', ')}`;
    default:
      return 'has a type this subgraph does not know';
  }
}

/**
 * Checks 照面信息 against the type's fields, every field at once: unknown fields, missing required
 * ones and values that do not fit are all listed (`elements`), the first one in `field`.
 */
export function validateSurfaceData(type: CertificateTypeModel, data: Record<string, unknown>): Record<string, unknown> {
  const errors: Array<{ element: string; reason: string }> = [];
  const fields = new Map(type.surfaceFields.map((field) => [field.name, field]));
  for (const name of Object.keys(data)) {
    if (!fields.has(name)) errors.push({ element: name, reason: `is not a field of ${type.name} (fields: ${[...fields.keys()].join(', ')})` });
  }
  const normalised: Record<string, unknown> = {};
  for (const field of type.surfaceFields) {
    const value = data[field.name];
    if (value === undefined || value === null) {
      if (field.required) errors.push({ element: field.name, reason: `is required (${field.label})` });
      continue;
    }
    const problem = surfaceProblem(field, value);
    if (problem !== null) errors.push({ element: field.name, reason: `${problem} (${field.label})` });
    else normalised[field.name] = value;
  }
  if (errors.length > 0) throw invalidElements('surfaceData', errors);
  return normalised;
}

/** The holder code checked by its kind: GB 11643 for 111, GB 32100 for 001. */
export function validateHolder(type: CertificateTypeModel | null, holder: IssuanceInput['holder']): IssuanceRecord['holder'] {
  if (!(HOLDER_CODE_TYPES as readonly string[]).includes(holder.codeType)) {
    throw badUserInput('holder.codeType', 'should be 111 (居民身份证) or 001 (统一社会信用代码)');
  }
  const codeType = holder.codeType as HolderCodeType;
  if (type !== null && !type.holderCodeTypes.includes(codeType)) {
    const allowed = type.holderCodeTypes.map((kind) => `${kind} (${HOLDER_CODE_TYPE_NAMES[kind]})`).join(', ');
    throw badUserInput('holder.codeType', `${type.name} is issued to holders of code type ${allowed} only`);
  }
  const check = codeType === '111' ? checkCitizenId(holder.code) : checkUscc(holder.code);
  if (!check.ok) {
    throw badUserInput(
      'holder.code',
      check.reason,
      codeType === '111' ? 'an 18-character citizen ID number (GB 11643)' : 'an 18-character unified social credit code (GB 32100)',
    );
  }
  return { codeType, code: holder.code, name: requiredText('holder.name', holder.name, MAX_NAME) };
}

/**
 * issuedOn ≤ validFrom < validUntil; nothing issued in the future; a type with a validity in years
 * needs validUntil and allows at most that many years from validFrom.
 */
export function validateDates(
  type: CertificateTypeModel,
  dates: { issuedOn: string; validFrom: string; validUntil?: string | null | undefined },
  today: string,
): { issuedOn: string; validFrom: string; validUntil: string | null } {
  const issuedOn = date('issuedOn', dates.issuedOn);
  const validFrom = date('validFrom', dates.validFrom);
  const validUntil = dates.validUntil === null || dates.validUntil === undefined ? null : date('validUntil', dates.validUntil);
  if (issuedOn > today) throw badUserInput('issuedOn', `should not be after today (${today})`);
  if (validFrom < issuedOn) throw badUserInput('validFrom', `should not be before issuedOn (${issuedOn})`);
  if (validUntil !== null && validUntil <= validFrom) throw badUserInput('validUntil', `should be after validFrom (${validFrom})`);
  if (type.validityYears !== null) {
    if (validUntil === null) throw badUserInput('validUntil', `is required: ${type.name} is valid for at most ${type.validityYears} years`);
    const latest = addMonths(validFrom, 12 * type.validityYears);
    if (validUntil > latest) throw badUserInput('validUntil', `should be at most ${type.validityYears} years after validFrom (${latest})`);
  }
  return { issuedOn, validFrom, validUntil };
}

/**
 * Checks an issuance field by field against its type and returns the record as it will be stored
 * and sealed; throws BAD_USER_INPUT otherwise. Pure: what needs the store or the cases subgraph
 * (the case's facts, one active certificate per case) is checked by the caller.
 */
export function validateIssuance(input: IssuanceInput, context: IssuanceContext): IssuanceRecord {
  if (!TYPE_CODE.test(input.typeCode)) throw badUserInput('typeCode', 'should be the defining authority’s USCC followed by 3 digits (21 characters)');
  const { type } = context;
  if (type === null) throw badUserInput('typeCode', 'is not a certificate type of the catalogue (证照目录)');
  if (!type.issuingAgencies.includes(context.issuer)) {
    throw badUserInput('typeCode', `${type.name} may not be issued by agency ${context.issuer} (issuing agencies: ${type.issuingAgencies.join(', ')})`);
  }
  const holder = validateHolder(type, input.holder);
  const surfaceData = validateSurfaceData(type, input.surfaceData);
  const dates = validateDates(type, input, context.today);

  const caseNumber = input.caseNumber === null || input.caseNumber === undefined ? null : input.caseNumber;
  if (caseNumber !== null) {
    const check = checkCaseNumber(caseNumber);
    if (!check.ok) throw badUserInput('caseNumber', check.reason, '32 characters: implementation code (24) + year (2) + sequence (6)');
  }
  const documentNumber = optionalText('documentNumber', input.documentNumber, MAX_DOCUMENT_NUMBER);
  if (caseNumber !== null && documentNumber === null) {
    throw badUserInput('documentNumber', 'is required with caseNumber: the case result’s 文书编号 links the certificate to it');
  }
  return { typeCode: type.typeCode, issuer: context.issuer, holder, surfaceData, ...dates, caseNumber, documentNumber };
}

/** 办件 applicant ID types as the cases subgraph names them, by holder code type. */
export const ID_TYPE_OF: Readonly<Record<HolderCodeType, string>> = { '111': 'CITIZEN_ID', '001': 'USCC' };

/**
 * An issuance from a case: the case must be the issuer's, completed with a certificate (出证办结)
 * under an implementation the type is issued for, its result's 文书编号 the one given, and its
 * applicant the holder. Returns the refusal, or null when the case fits.
 */
export function caseProblem(record: IssuanceRecord, type: CertificateTypeModel, facts: CaseFacts | null): GraphQLError | null {
  if (facts === null) return badUserInput('caseNumber', 'is not a known case');
  if (facts.owningAgency !== record.issuer) return badUserInput('caseNumber', 'is a case of another agency: a certificate is issued by the agency that handled the case');
  if (facts.state !== 'COMPLETED') return badUserInput('caseNumber', `has not completed (state ${facts.state})`);
  if (facts.result === null || facts.result.kind !== 'CERTIFICATE_ISSUED') {
    return badUserInput('caseNumber', 'did not end with a certificate (办结类型 出证办结)');
  }
  if (!type.implementationCodes.includes(facts.implementationCode)) {
    return badUserInput('typeCode', `${type.name} is not issued for the case’s implementation ${facts.implementationCode}`);
  }
  if (facts.result.documentNumber !== record.documentNumber) {
    return badUserInput('documentNumber', 'does not match the 文书编号 of the case’s result');
  }
  const { applicant } = facts;
  if (applicant.idType !== ID_TYPE_OF[record.holder.codeType] || applicant.idNumber.toUpperCase() !== record.holder.code) {
    return badUserInput('holder.code', 'is not the applicant of the case');
  }
  if (applicant.name.trim() !== record.holder.name) return badUserInput('holder.name', 'is not the name of the case’s applicant');
  // A certificate issued from a case cannot predate the case's completion (出证办结).
  const completedOn = chinaDate(new Date(facts.result.completedAt));
  if (record.issuedOn < completedOn) return badUserInput('issuedOn', `is before the case was completed (${completedOn})`);
  return null;
}

/** A revocation's, cancellation's or replacement's reason. */
export function validateReason(field: string, reason: string): string {
  return requiredText(field, reason, MAX_REASON);
}
