import { postToSubgraph } from '../../tests/support/subgraphRequest.ts';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createInternalSigner, generateInternalKeyPair, type InternalSigner } from '../../lib/auth/internalToken.ts';
import { ANONYMOUS, type Principal } from '../../lib/auth/principal.ts';
import { createLogger } from '../../lib/logger.ts';
import { SEED_DEPARTMENT_SYSTEMS } from '../../seeds/identity/principals.ts';
import { subgraphTestConfig } from '../../tests/support/stores.ts';
import type { OutboxHandler } from '../../lib/outbox/outbox.ts';
import type { ExchangeReport } from '../../subgraphs/supervision/observations/observation.ts';
import type { ApplyOutcome, CaseRecordMessage, CasesExchange } from './casesExchange.ts';
import { CasesUnavailableError } from './casesExchange.ts';
import type { BearerVerifier } from './soapEndpoint.ts';
import { startExchange, type ExchangeService } from './service.ts';
import { passwordDigest } from './wsSecurity.ts';

/** 勉县公安局's first guide (seed data), its agency and its departmental system. */
export const CODE = '610725000000TB7250054101';
export const POLICE = SEED_DEPARTMENT_SYSTEMS.find((system) => system.clientId === 'dept-610725-police')!;
export const HOUSING = SEED_DEPARTMENT_SYSTEMS.find((system) => system.clientId === 'dept-610725-housing')!;
export const password = (clientId: string) => `dev-only-soap-${clientId}`;
export const caseNumber = (sequence: number, code = CODE) => `${code}25${String(sequence).padStart(6, '0')}`;
export const NS = 'urn:tongban:case-exchange:1';

/**
 * A stand-in for the cases subgraph's exchangeCaseRecord: a small state machine with the same
 * answers (APPLIED, DUPLICATE by message id, ILLEGAL_TRANSITION, FORBIDDEN for another agency's
 * case), and a switch that makes it unreachable.
 */
export class FakeCases implements CasesExchange {
  readonly cases = new Map<string, { agency: string; state: string; version: number }>();
  readonly applied: CaseRecordMessage[] = [];
  private readonly byMessage = new Map<string, { caseVersion: number; recordVersion: number }>();
  unavailable = false;
  calls = 0;

  open(number: string, agency = POLICE.agency!, state = 'SUBMITTED'): void {
    this.cases.set(number, { agency, state, version: 1 });
  }

  private static readonly MOVES: Record<string, Record<string, string>> = {
    PRE_REVIEW: { SUBMITTED: 'PRE_REVIEW' },
    ACCEPT: { SUBMITTED: 'ACCEPTED', PRE_REVIEW: 'ACCEPTED' },
    REJECT: { SUBMITTED: 'NOT_ACCEPTED', PRE_REVIEW: 'NOT_ACCEPTED' },
    REQUEST_CORRECTION: { SUBMITTED: 'CORRECTION_REQUESTED', PRE_REVIEW: 'CORRECTION_REQUESTED' },
    SUBMIT_CORRECTION: { CORRECTION_REQUESTED: 'PRE_REVIEW' },
    START_STEP: { ACCEPTED: 'IN_PROCESS', IN_PROCESS: 'IN_PROCESS' },
    COMPLETE_STEP: { IN_PROCESS: 'IN_PROCESS' },
    SUSPEND: { IN_PROCESS: 'SUSPENDED' },
    RESUME: { SUSPENDED: 'IN_PROCESS' },
    DECIDE: { IN_PROCESS: 'DECIDED' },
    COMPLETE: { DECIDED: 'COMPLETED' },
  };

  async apply(message: CaseRecordMessage): Promise<ApplyOutcome> {
    this.calls += 1;
    if (this.unavailable) throw new CasesUnavailableError('cases: connect ECONNREFUSED');
    const seen = this.byMessage.get(message.messageId);
    if (seen) return { outcome: 'DUPLICATE', ...seen };
    const found = this.cases.get(message.caseNumber);
    if (!found) return { outcome: 'REFUSED', code: 'BAD_USER_INPUT', field: 'caseNumber', reason: 'no such case' };
    if (found.agency !== message.department.agency) return { outcome: 'REFUSED', code: 'FORBIDDEN', reason: "not the department's case" };
    if (message.action === 'REJECT' && !message.reason) return { outcome: 'REFUSED', code: 'BAD_USER_INPUT', field: 'input.reason', reason: 'is required for REJECT' };
    const next = FakeCases.MOVES[message.action]?.[found.state];
    if (!next) return { outcome: 'REFUSED', code: 'ILLEGAL_TRANSITION', reason: `${message.action} is not allowed in ${found.state}` };
    found.state = next;
    found.version += 1;
    const versions = { caseVersion: found.version, recordVersion: found.version };
    this.byMessage.set(message.messageId, versions);
    this.applied.push(message);
    return { outcome: 'APPLIED', ...versions };
  }
}

/**
 * A stand-in for supervision's recordExchangeReport: keeps the reports it received (in order, each
 * once per outbox key as the real one would), and a switch that makes it unreachable.
 */
export class FakeSupervision {
  readonly reports: ExchangeReport[] = [];
  unavailable = false;

  readonly deliver: OutboxHandler = async (message) => {
    if (this.unavailable) throw new Error('supervision: connect ECONNREFUSED');
    this.reports.push(message.payload as ExchangeReport);
  };
}

/** A bearer verifier that knows fixed tokens (the real one is tested with a test issuer). */
export function fixedBearer(tokens: Record<string, { kind: string; subject: string; agency: string | null; clientId: string | null }>): BearerVerifier {
  return {
    async verify(token) {
      const principal = tokens[token];
      if (!principal) throw new Error('signature does not verify');
      return principal;
    },
  };
}

export interface ExchangeHarness {
  service: ExchangeService;
  cases: FakeCases;
  supervision: FakeSupervision;
  soapUrl: string;
  /** Moves the service's clock. */
  clock: { now: Date };
  /** POSTs a raw body to the SOAP endpoint. */
  post(body: string | Buffer, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  /** GraphQL as the gateway would forward it for `principal` (an auditor by default). */
  graphql(query: string, variables?: Record<string, unknown>, principal?: Principal): Promise<{ status: number; body: any }>;
  gateway: InternalSigner;
  close(): Promise<void>;
}

export const AUDITOR: Principal = { ...ANONYMOUS, subject: 'auditor-1', kind: 'AUDITOR', name: '审计员' };

export async function startExchangeHarness(
  kind: 'pglite' | 'postgres',
  options: { bearer?: BearerVerifier | null; oidcIssuer?: string; heldExpiryMs?: number; publicUrl?: string } = {},
): Promise<ExchangeHarness> {
  const { config: base, dropStore } = await subgraphTestConfig(kind, 'EXCHANGE_DB_SCHEMA');
  const config = options.publicUrl ? { ...base, publicUrl: options.publicUrl } : base;
  const gatewayKeys = await generateInternalKeyPair();
  const cases = new FakeCases();
  const supervision = new FakeSupervision();
  const clock = { now: new Date() };
  let real = true;
  const service = await startExchange({
    config,
    logger: createLogger((process.env['EXCHANGE_TEST_LOG'] as never) ?? 'silent'),
    port: 0,
    dataDir: null,
    internalKeys: gatewayKeys.publicJwks,
    cases,
    supervisionDelivery: supervision.deliver,
    // Reports go out when a commit kicks the outbox; no background poll among the statements a test counts.
    outboxPollMs: 3_600_000,
    now: () => (real ? new Date() : clock.now),
    ...(options.oidcIssuer !== undefined ? { oidcIssuer: options.oidcIssuer } : { bearer: options.bearer ?? null }),
    ...(options.heldExpiryMs !== undefined ? { heldExpiryMs: options.heldExpiryMs } : {}),
  });
  const gateway = await createInternalSigner(gatewayKeys.privateJwk, 60);
  return {
    service,
    cases,
    supervision,
    soapUrl: service.soapUrl,
    clock: {
      get now() {
        return clock.now;
      },
      set now(value: Date) {
        real = false;
        clock.now = value;
      },
    },
    async post(body, headers = {}) {
      const response = await fetch(service.soapUrl, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', ...headers }, body });
      return { status: response.status, text: await response.text() };
    },
    graphql: (query, variables = {}, principal = AUDITOR) => postToSubgraph(service.url, gateway, principal, query, variables),
    gateway,
    async close() {
      await service.close();
      await dropStore();
    },
  };
}

export interface TokenOptions {
  username?: string;
  password?: string;
  nonce?: string;
  created?: string;
  type?: 'PasswordDigest' | 'PasswordText';
}

/** A WS-Security header with a UsernameToken (PasswordDigest unless told otherwise). */
export function securityHeader(options: TokenOptions = {}): string {
  const username = options.username ?? POLICE.clientId;
  const secret = options.password ?? password(username);
  const nonce = options.nonce ?? randomBytes(16).toString('base64');
  const created = options.created ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const type = options.type ?? 'PasswordDigest';
  const value = type === 'PasswordDigest' ? passwordDigest(nonce, created, secret) : secret;
  return (
    '<wsse:Security soap:mustUnderstand="1" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">' +
    `<wsse:UsernameToken><wsse:Username>${username}</wsse:Username>` +
    `<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#${type}">${value}</wsse:Password>` +
    `<wsse:Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">${nonce}</wsse:Nonce>` +
    `<wsu:Created>${created}</wsu:Created></wsse:UsernameToken></wsse:Security>`
  );
}

/** The fields of a record as XML children, in the XSD's order. */
export function recordXml(fields: Record<string, unknown>): string {
  const render = (name: string, value: unknown): string => {
    if (value === undefined || value === null) return '';
    if (Array.isArray(value)) return value.map((item) => render(name, item)).join('');
    if (typeof value === 'object') return `<ce:${name}>${Object.entries(value as Record<string, unknown>).map(([k, v]) => render(k, v)).join('')}</ce:${name}>`;
    return `<ce:${name}>${String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</ce:${name}>`;
  };
  return Object.entries(fields).map(([name, value]) => render(name, value)).join('');
}

export function acceptance(messageId: string, number = caseNumber(1), extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    MessageId: messageId,
    CaseNumber: number,
    ImplementationCode: number.slice(0, 24),
    Action: 'ACCEPT',
    OccurredAt: '2025-03-10T09:00:00+08:00',
    Handler: { Id: 'P-0012', Name: '赵警官' },
    Opinion: '材料齐全，予以受理',
    ...extra,
  };
}

/** A SOAP 1.1 envelope for `operation` with `fields`; the header defaults to a fresh UsernameToken. */
export function envelope(operation: string, fields: Record<string, unknown>, header: string | null = securityHeader()): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ce="${NS}">` +
    (header === null ? '' : `<soap:Header>${header}</soap:Header>`) +
    `<soap:Body><ce:${operation}>${recordXml(fields)}</ce:${operation}></soap:Body></soap:Envelope>`
  );
}

export const soapHeaders = (operation: string) => ({ soapaction: `"${NS}/${operation}"` });

/** Encodes text as GBK (Node reads GBK but cannot write it): a reverse table built from the decoder. */
let gbkTable: Map<string, Buffer> | undefined;
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const bytes = Buffer.from([lead, trail]);
        const char = decoder.decode(bytes);
        if (char.length === 1 && char !== '\uFFFD' && !gbkTable.has(char)) gbkTable.set(char, bytes);
      }
    }
  }
  return Buffer.concat(
    [...text].map((char) => {
      if (char.charCodeAt(0) < 0x80) return Buffer.from(char, 'latin1');
      const bytes = gbkTable!.get(char);
      if (!bytes) throw new Error(`${char} has no GBK encoding`);
      return bytes;
    }),
  );
}

export const gzip = (text: string | Buffer) => gzipSync(text);
