import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lib/canonicalJson.ts';
import { ExchangeFault, FAULT_CODES } from './faults.ts';

/**
 * The records of national exchange practice as CaseExchange carries them, checked against the
 * facets of wsdl/CaseExchange.xsd (node-soap parses but does not validate) and mapped to the
 * cases subgraph's CaseAction and CaseActionInput fields.
 */

export const OPERATIONS = {
  PushAcceptance: ['PRE_REVIEW', 'ACCEPT', 'REJECT', 'REQUEST_CORRECTION'],
  PushProcess: ['START_STEP', 'COMPLETE_STEP', 'DECIDE'],
  PushSpecialProcedure: ['SUSPEND', 'RESUME'],
  PushResult: ['COMPLETE'],
  PushMaterials: ['SUBMIT_CORRECTION'],
} as const;
export type Operation = keyof typeof OPERATIONS;
export const OPERATION_NAMES = Object.keys(OPERATIONS) as Operation[];
export const isOperation = (name: string): name is Operation => Object.hasOwn(OPERATIONS, name);

/** The elements each operation may carry beyond the common ones. */
const EXTRA: Record<Operation, readonly string[]> = {
  PushAcceptance: ['Materials', 'DueAt'],
  PushProcess: ['Step', 'Decision', 'Passed'],
  PushSpecialProcedure: ['Step', 'Suspension'],
  PushResult: ['Result', 'ResultDocument', 'DeliveryMethod'],
  PushMaterials: ['Materials'],
};
const COMMON = ['MessageId', 'CaseNumber', 'ImplementationCode', 'Action', 'OccurredAt', 'Handler', 'Office', 'Summary', 'Opinion', 'Reason', 'Attachments', 'RiskPoint', 'FeeYuan'];

const STEPS = ['REVIEW', 'VERIFY', 'DECIDE'];
const SUSPENSIONS = ['HEARING', 'TENDER', 'AUCTION', 'INSPECTION', 'TESTING', 'QUARANTINE', 'APPRAISAL', 'EXPERT_REVIEW', 'HOLD'];
const DECISIONS = ['APPROVE', 'DENY'];
const RESULTS = ['CERTIFICATE_ISSUED', 'RETURNED', 'VOIDED', 'FORWARDED', 'COMPLETED'];
const DELIVERY = ['WINDOW', 'POST', 'ELECTRONIC'];

export const MESSAGE_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const CASE_NUMBER = /^[0-9A-Z]{24}[0-9]{8}$/;
const IMPLEMENTATION_CODE = /^[0-9A-Z]{24}$/;
/** 收费金额: yuan with at most two decimals (the XSD's FeeYuan). */
const FEE_YUAN = /^\d{1,9}(\.\d{1,2})?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

/** One validated record: the fields of the cases subgraph's ExchangeRecordInput, minus the department. */
export interface ExchangeRecord {
  operation: Operation;
  messageId: string;
  caseNumber: string;
  implementationCode: string;
  action: string;
  occurredAt: string;
  handler: { id: string; name: string | null };
  office: string | null;
  summary: string | null;
  opinion: string | null;
  reason: string | null;
  materials: string[] | null;
  attachments: Array<{ name: string; reference: string }> | null;
  riskPoint: { category: string; description: string; controls: string } | null;
  step: string | null;
  suspension: string | null;
  decision: string | null;
  result: string | null;
  passed: boolean | null;
  dueAt: string | null;
  resultDocument: { name: string; number: string } | null;
  deliveryMethod: string | null;
  /**
   * 收费金额 charged with the act, in yuan. Present only when the message carries it: a record
   * parsed before fees existed has no such key, so its payload digest (the duplicate check of a
   * message id) is the same after the upgrade.
   */
  feeYuan?: string;
}

const badField = (field: string, reason: string) => new ExchangeFault(FAULT_CODES.BAD_FIELD, reason, field);

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Element text as node-soap gives it: a string, or `$value` of an element with attributes. */
function scalar(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isNode(value) && typeof value['$value'] === 'string') return value['$value'];
  if (isNode(value) && Object.keys(value).every((key) => key === 'attributes')) return null;
  throw badField(field, 'must be text, not elements');
}

function text(node: Node, name: string, field: string, max: number, required = false): string | null {
  const value = scalar(node[name], field)?.trim() ?? null;
  if (value === null || value === '') {
    if (required) throw badField(field, 'is required');
    return null;
  }
  if ([...value].length > max) throw badField(field, `is longer than ${max} characters`);
  // Control characters other than tab and line breaks have no place in a record.
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value)) throw badField(field, 'contains control characters');
  return value;
}

function enumeration(node: Node, name: string, values: readonly string[], field = name): string | null {
  const value = text(node, name, field, 40);
  if (value !== null && !values.includes(value)) throw badField(field, `must be one of ${values.join(', ')}`);
  return value;
}

function dateTime(node: Node, name: string, required = false): string | null {
  const value = text(node, name, name, 40, required);
  if (value === null) return null;
  const match = DATE_TIME.exec(value);
  const fail = () => badField(name, 'must be an xs:dateTime with a time zone, e.g. 2025-03-11T10:00:00+08:00');
  if (!match || Number.isNaN(Date.parse(value))) throw fail();
  const [y, m, d, hh, mm, ss] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (m < 1 || m > 12 || d < 1 || hh > 23 || mm > 59 || ss > 59) throw fail();
  // The day must exist in that month (Date.parse would roll 2025-02-30 over to March).
  if (new Date(Date.UTC(y, m - 1, d)).getUTCMonth() !== m - 1) throw badField(name, 'is not a calendar date');
  return value;
}

/** A repeated child (`<Materials><Material/>…`): node-soap gives one value or an array. */
function list(node: Node, container: string, item: string, max: number): unknown[] | null {
  const outer = node[container];
  if (outer === undefined || outer === null) return null;
  if (!isNode(outer)) throw badField(container, `must contain ${item} elements`);
  const unknown = Object.keys(outer).filter((key) => key !== item && key !== 'attributes');
  if (unknown.length) throw badField(`${container}/${unknown[0]}`, `is not an element of ${container}`);
  const items = outer[item];
  const array = items === undefined || items === null ? [] : Array.isArray(items) ? items : [items];
  if (array.length === 0) throw badField(container, `must contain at least one ${item}`);
  if (array.length > max) throw badField(container, `has more than ${max} ${item} elements`);
  return array;
}

function child(node: Node, name: string, elements: readonly string[]): Node | null {
  const value = node[name];
  if (value === undefined || value === null) return null;
  if (!isNode(value)) throw badField(name, `must contain ${elements.join(', ')}`);
  const unknown = Object.keys(value).filter((key) => !elements.includes(key) && key !== 'attributes');
  if (unknown.length) throw badField(`${name}/${unknown[0]}`, `is not an element of ${name}`);
  return value;
}

/** Checks a parsed request element of `operation` against the schema; the record, or a BAD_FIELD fault. */
export function parseRecord(operation: Operation, args: unknown): ExchangeRecord {
  if (!isNode(args)) throw badField(operation, 'is empty');
  const allowed = [...COMMON, ...EXTRA[operation]];
  const unknown = Object.keys(args).filter((key) => !allowed.includes(key) && key !== 'attributes');
  if (unknown.length) throw badField(unknown[0]!, `is not an element of ${operation}`);

  const messageId = text(args, 'MessageId', 'MessageId', 64, true)!;
  if (!MESSAGE_ID.test(messageId)) throw badField('MessageId', 'must be 1–64 of A-Z a-z 0-9 . _ : -');
  const caseNumber = text(args, 'CaseNumber', 'CaseNumber', 32, true)!;
  if (!CASE_NUMBER.test(caseNumber)) throw badField('CaseNumber', 'must be 32 characters: the implementation code (24), the year (2) and a sequence (6)');
  const implementationCode = text(args, 'ImplementationCode', 'ImplementationCode', 24, true)!;
  if (!IMPLEMENTATION_CODE.test(implementationCode)) throw badField('ImplementationCode', 'must be 24 characters of 0-9 A-Z');
  if (!caseNumber.startsWith(implementationCode)) throw badField('ImplementationCode', 'is not the implementation code the case number starts with');
  const action = enumeration(args, 'Action', OPERATIONS[operation]);
  if (action === null) throw badField('Action', 'is required');

  const handlerNode = child(args, 'Handler', ['Id', 'Name']);
  if (!handlerNode) throw badField('Handler', 'is required: the person the system acts for');
  const handler = { id: text(handlerNode, 'Id', 'Handler/Id', 64, true)!, name: text(handlerNode, 'Name', 'Handler/Name', 50) };

  const materials = list(args, 'Materials', 'Material', 50)?.map((item, index) => {
    const value = scalar(item, `Materials/Material[${index + 1}]`)?.trim();
    if (!value) throw badField(`Materials/Material[${index + 1}]`, 'is empty');
    if ([...value].length > 200) throw badField(`Materials/Material[${index + 1}]`, 'is longer than 200 characters');
    return value;
  }) ?? null;
  const attachments = list(args, 'Attachments', 'Attachment', 20)?.map((item, index) => {
    const field = `Attachments/Attachment[${index + 1}]`;
    if (!isNode(item)) throw badField(field, 'must contain Name and Reference');
    return { name: text(item, 'Name', `${field}/Name`, 200, true)!, reference: text(item, 'Reference', `${field}/Reference`, 500, true)! };
  }) ?? null;
  const riskNode = child(args, 'RiskPoint', ['Category', 'Description', 'Controls']);
  const riskPoint = riskNode
    ? {
        category: text(riskNode, 'Category', 'RiskPoint/Category', 100, true)!,
        description: text(riskNode, 'Description', 'RiskPoint/Description', 500, true)!,
        controls: text(riskNode, 'Controls', 'RiskPoint/Controls', 500, true)!,
      }
    : null;
  const documentNode = child(args, 'ResultDocument', ['Name', 'Number']);
  const resultDocument = documentNode
    ? { name: text(documentNode, 'Name', 'ResultDocument/Name', 200, true)!, number: text(documentNode, 'Number', 'ResultDocument/Number', 100, true)! }
    : null;
  const feeYuan = text(args, 'FeeYuan', 'FeeYuan', 12);
  if (feeYuan !== null && !FEE_YUAN.test(feeYuan)) throw badField('FeeYuan', 'must be an amount in yuan with at most two decimals, e.g. 120.00');
  const passedText = text(args, 'Passed', 'Passed', 5);
  if (passedText !== null && !['true', 'false', '1', '0'].includes(passedText)) throw badField('Passed', 'must be true or false');

  return {
    operation,
    messageId,
    caseNumber,
    implementationCode,
    action,
    occurredAt: dateTime(args, 'OccurredAt', true)!,
    handler,
    office: text(args, 'Office', 'Office', 100),
    summary: text(args, 'Summary', 'Summary', 500),
    opinion: text(args, 'Opinion', 'Opinion', 2000),
    reason: text(args, 'Reason', 'Reason', 2000),
    materials,
    attachments,
    riskPoint,
    step: enumeration(args, 'Step', STEPS),
    suspension: enumeration(args, 'Suspension', SUSPENSIONS),
    decision: enumeration(args, 'Decision', DECISIONS),
    result: operation === 'PushResult' ? (enumeration(args, 'Result', RESULTS) ?? (() => { throw badField('Result', 'is required'); })()) : null,
    passed: passedText === null ? null : passedText === 'true' || passedText === '1',
    dueAt: dateTime(args, 'DueAt'),
    resultDocument,
    deliveryMethod: enumeration(args, 'DeliveryMethod', DELIVERY),
    ...(feeYuan === null ? {} : { feeYuan }),
  };
}

/**
 * The payload digest that decides "same message" for a repeated message id: the record and its
 * sender, not the envelope (a retry has a fresh WS-Security nonce and timestamp).
 */
export function payloadDigest(record: ExchangeRecord, sender: { clientId: string; agency: string }): string {
  return createHash('sha256').update(canonicalJson({ record, sender: { clientId: sender.clientId, agency: sender.agency } })).digest('hex');
}

/** The case's agency check done before the cases subgraph is asked: the implementation code embeds the agency's organization code. */
export function implementationBelongsTo(implementationCode: string, agencyUscc: string): boolean {
  // Implementation code: region (6) + township (3) + village (3) + organization code (9) + …; USCC: 2 + region (6) + organization code (9) + check.
  return implementationCode.slice(12, 21) === agencyUscc.slice(8, 17);
}
