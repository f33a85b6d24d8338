import { randomBytes } from 'node:crypto';
import { passwordDigest } from '../../../adapters/case-exchange/wsSecurity.ts';

/**
 * SOAP 1.1 envelopes as a departmental system sends them to CaseExchange (adapters/case-exchange/
 * README.md): a WS-Security UsernameToken with PasswordDigest, a fresh nonce and Created on every
 * message, and one record; and the echo baseline's envelope of the same size.
 */

export const NS = 'urn:tongban:case-exchange:1';
export const ECHO_NS = 'urn:tongban:bench:echo';

/** 勉县公安局's departmental system (seed) and its development password (EXCHANGE_CREDENTIALS unset). */
export const POLICE_SYSTEM = 'dept-610725-police';
export const devPassword = (clientId: string) => `dev-only-soap-${clientId}`;

export const HANDLER = { Id: 'P-0012', Name: '刘警官' } as const;

const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const DIGEST = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';
const BASE64 = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

/** A UsernameToken with a new 16-byte nonce and Created now: the service refuses a nonce it saw. */
export function securityHeader(clientId = POLICE_SYSTEM, password = devPassword(clientId)): string {
  const nonce = randomBytes(16).toString('base64');
  const created = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `<wsse:Security soap:mustUnderstand="1" xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}">` +
    `<wsse:UsernameToken><wsse:Username>${clientId}</wsse:Username>` +
    `<wsse:Password Type="${DIGEST}">${passwordDigest(nonce, created, password)}</wsse:Password>` +
    `<wsse:Nonce EncodingType="${BASE64}">${nonce}</wsse:Nonce>` +
    `<wsu:Created>${created}</wsu:Created></wsse:UsernameToken></wsse:Security>`
  );
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Record fields as the XSD's children, in its order (nested objects become nested elements). */
function fieldsXml(fields: Record<string, unknown>): string {
  const render = (name: string, value: unknown): string => {
    if (value === undefined || value === null) return '';
    if (typeof value === 'object') return `<ce:${name}>${Object.entries(value as Record<string, unknown>).map(([k, v]) => render(k, v)).join('')}</ce:${name}>`;
    return `<ce:${name}>${escapeXml(String(value))}</ce:${name}>`;
  };
  return Object.entries(fields).map(([name, value]) => render(name, value)).join('');
}

/** xs:dateTime in China time with its offset, as the departments send it. */
export function chinaDateTime(at = new Date()): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
}

export type PushOperation = 'PushAcceptance' | 'PushProcess';

export function pushEnvelope(operation: PushOperation, fields: Record<string, unknown>): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ce="${NS}">` +
    `<soap:Header>${securityHeader()}</soap:Header>` +
    `<soap:Body><ce:${operation}>${fieldsXml(fields)}</ce:${operation}></soap:Body></soap:Envelope>`
  );
}

export const pushHeaders = (operation: PushOperation) => ({ 'content-type': 'text/xml; charset=utf-8', soapaction: `"${NS}/${operation}"` });

/** 受理: the police system accepts a submitted case. */
export function acceptanceFields(messageId: string, caseNumber: string): Record<string, unknown> {
  return {
    MessageId: messageId,
    CaseNumber: caseNumber,
    ImplementationCode: caseNumber.slice(0, 24),
    Action: 'ACCEPT',
    OccurredAt: chinaDateTime(),
    Handler: { Id: 'P-0001', Name: '赵警官' },
    Opinion: '材料齐全，予以受理',
  };
}

/** 过程: START_STEP REVIEW, or COMPLETE_STEP of the review step it opened. */
export function processFields(messageId: string, caseNumber: string, action: 'START_STEP' | 'COMPLETE_STEP'): Record<string, unknown> {
  return {
    MessageId: messageId,
    CaseNumber: caseNumber,
    ImplementationCode: caseNumber.slice(0, 24),
    Action: action,
    OccurredAt: chinaDateTime(),
    Handler: HANDLER,
    Office: '治安管理大队',
    ...(action === 'START_STEP' ? { Summary: '开始审查申请材料' } : { Opinion: '审查完毕：材料真实、合法' }),
    ...(action === 'START_STEP' ? { Step: 'REVIEW' } : {}),
  };
}

/**
 * 决定 (approve) pushed as a process record: on a case that was never accepted the cases subgraph
 * cannot apply it and CaseExchange holds it (HELD) — a decision before acceptance, which
 * supervision must flag as a legality matter.
 */
export function decisionFields(messageId: string, caseNumber: string): Record<string, unknown> {
  return {
    MessageId: messageId,
    CaseNumber: caseNumber,
    ImplementationCode: caseNumber.slice(0, 24),
    Action: 'DECIDE',
    OccurredAt: chinaDateTime(),
    Handler: HANDLER,
    Office: '治安管理大队',
    Opinion: '准予许可',
    Decision: 'APPROVE',
  };
}

/** What a receipt says, read cheaply enough to run on every response under load. */
export function readReceipt(body: string): { messageId: string | null; status: string | null; caseVersion: number | null; receiptNumber: string | null } {
  const tag = (name: string) => new RegExp(`<(?:[A-Za-z0-9_]+:)?${name}>([^<]*)</(?:[A-Za-z0-9_]+:)?${name}>`).exec(body)?.[1] ?? null;
  const version = tag('CaseVersion');
  return { messageId: tag('MessageId'), status: tag('Status'), caseVersion: version === null ? null : Number(version), receiptNumber: tag('ReceiptNumber') };
}

export const isFault = (body: string) => body.includes(':Fault>') || body.includes('<Fault>');

/**
 * An echo request of exactly `bytes` bytes (UTF-8), with the same kind of UsernameToken header as a
 * push (a new nonce and digest each time, which the echo service parses and ignores) and the rest
 * filled with one string. Returns the text sent, for the check that it comes back.
 */
export function echoEnvelope(bytes: number, filler = '审查完毕材料真实合法'): { body: string; text: string } {
  const open =
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:e="${ECHO_NS}">` +
    `<soap:Header>${securityHeader()}</soap:Header><soap:Body><e:Echo><e:Text>`;
  const close = '</e:Text></e:Echo></soap:Body></soap:Envelope>';
  let room = bytes - Buffer.byteLength(open + close);
  if (room < 0) throw new Error(`an echo envelope cannot be as small as ${bytes} bytes`);
  // Multi-byte text like a record's, then ASCII to land on the exact size.
  const wide = Buffer.byteLength(filler);
  let text = filler.repeat(Math.floor(room / wide / 2));
  room -= Buffer.byteLength(text);
  text += 'x'.repeat(room);
  return { body: open + text + close, text };
}

export const echoHeaders = { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${ECHO_NS}/Echo"` };
