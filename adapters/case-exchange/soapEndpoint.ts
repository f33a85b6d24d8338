import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listen, type Server as SoapServer } from 'soap';
import type { Store } from '../../lib/db/store.ts';
import type { Logger } from '../../lib/logger.ts';
import type { ExchangeCredentials } from './credentials.ts';
import { appendEvidence, lockChain, UNAUTHENTICATED_SENDER } from './evidence.ts';
import { ExchangeFault, FAULT_CODES, faultEnvelope } from './faults.ts';
import type { Arrival, Inbox, Receipt } from './inbox.ts';
import { implementationBelongsTo, isOperation, MESSAGE_ID, OPERATION_NAMES, parseRecord, type ExchangeRecord } from './record.ts';
import { checkXmlDocument, MAX_BODY_BYTES, prepareBody } from './transport.ts';
import { consumeNonce, verifyUsernameToken, type Sender } from './wsSecurity.ts';

/**
 * The CaseExchange SOAP endpoint on the exchange service's Fastify app:
 *
 *   GET  /soap/CaseExchange?wsdl   the WSDL, XSD inlined, soap:address = PUBLIC_URL/soap/CaseExchange
 *   GET  /soap/CaseExchange?xsd    the XSD alone
 *   POST /soap/CaseExchange        SOAP 1.1 requests
 *
 * A POST body is read as bytes (≤ MAX_BODY_BYTES), gunzipped with a bound, decoded from its charset,
 * refused if it has a DTD or nests too deep — and only then handed, as UTF-8 text, to node-soap's
 * Server through its serverless `processRequest` (node-soap never reads the socket, so none of its
 * own body handling — unbounded gunzip included — is used). node-soap parses the envelope and
 * dispatches to the operation; the operation authenticates, validates and goes through the inbox.
 * Every request, answered or faulted, leaves one evidence entry.
 */

export const SOAP_PATH = '/soap/CaseExchange';
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
export const WSDL_FILE = here('./wsdl/CaseExchange.wsdl');
export const XSD_FILE = here('./wsdl/CaseExchange.xsd');

/** The bearer path: the gateway's OIDC access-token verifier (gateway/auth/oidc.ts), or anything shaped like it. */
export interface BearerVerifier {
  verify(token: string): Promise<{ kind: string; subject: string; agency: string | null; clientId: string | null }>;
}

export interface SoapEndpointOptions {
  store: Store;
  inbox: Inbox;
  credentials: ExchangeCredentials;
  /** null: bearer tokens are refused (no identity provider configured). */
  bearer: BearerVerifier | null;
  /** PUBLIC_URL: where departments reach the gateway. */
  publicUrl: string;
  logger: Logger;
  now: () => Date;
}

/** The WSDL with the XSD inlined (one document for clients that do not follow imports) and the address set. */
export function servedWsdl(publicUrl: string): string {
  const wsdl = readFileSync(WSDL_FILE, 'utf8');
  const schema = readFileSync(XSD_FILE, 'utf8')
    .replace(/^<\?xml[^>]*\?>\s*/, '')
    .replace(/^<!--[\s\S]*?-->\s*/, '');
  const address = `${publicUrl.replace(/\/+$/, '')}${SOAP_PATH}`;
  return wsdl
    .replace(/<xs:schema targetNamespace="[^"]*">\s*<xs:import [^>]*\/>\s*<\/xs:schema>/, schema.trim())
    .replace(/<soap:address location="[^"]*"\/>/, `<soap:address location="${address.replace(/[<>&"]/g, '')}"/>`);
}

/** What one request has learnt so far, for its evidence entry. */
interface Call {
  arrival: Arrival;
  authorization: string | undefined;
  bodyElement: string | null;
  operation: string | null;
  sender: Sender | null;
  messageId: string | null;
  caseNumber: string | null;
  receipt: Receipt | null;
  fault: ExchangeFault | null;
}

const RESPONSE_CONTENT_TYPE = 'text/xml; charset=utf-8';

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export async function createSoapEndpoint(options: SoapEndpointOptions): Promise<{ register(app: FastifyInstance): void; wsdl: string }> {
  const { logger } = options;
  const calls = new AsyncLocalStorage<Call>();
  const wsdl = servedWsdl(options.publicUrl);
  const xsd = readFileSync(XSD_FILE, 'utf8');

  async function authenticate(call: Call, header: unknown): Promise<Sender> {
    if (call.authorization !== undefined) {
      const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(call.authorization.trim());
      if (!match) throw new ExchangeFault(FAULT_CODES.UNAUTHENTICATED, 'Authorization must be a Bearer access token', 'Authorization');
      if (!options.bearer) throw new ExchangeFault(FAULT_CODES.UNAUTHENTICATED, 'bearer tokens are not accepted: no identity provider is configured', 'Authorization');
      let principal;
      try {
        principal = await options.bearer.verify(match[1]!);
      } catch (error) {
        throw new ExchangeFault(FAULT_CODES.UNAUTHENTICATED, `bearer token refused: ${(error as Error).message}`, 'Authorization');
      }
      if (principal.kind !== 'DEPARTMENT_SYSTEM' || !principal.agency) {
        throw new ExchangeFault(FAULT_CODES.FORBIDDEN, 'only departmental systems push records', 'Authorization');
      }
      return { clientId: principal.clientId ?? principal.subject, agency: principal.agency, via: 'BEARER' };
    }
    const { sender, nonce } = verifyUsernameToken(options.credentials, header, options.now());
    // The digest proved who sent it: a replay is logged under that sender.
    call.sender = sender;
    await consumeNonce(options.store, sender.clientId, nonce, options.now());
    return sender;
  }

  /** The Submit binding: the record as an XML document in a string, checked like an envelope. */
  function submittedRecord(document: unknown): ExchangeRecord {
    let parsed: unknown = document;
    if (typeof document === 'string') {
      checkXmlDocument(document);
      try {
        parsed = (soap as unknown as { wsdl: { xmlToObject(xml: string): unknown } }).wsdl.xmlToObject(document);
      } catch {
        throw new ExchangeFault(FAULT_CODES.BAD_FIELD, 'is not a well-formed XML document', 'xmlDocument');
      }
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ExchangeFault(FAULT_CODES.BAD_FIELD, 'must carry one record element', 'xmlDocument');
    const roots = Object.keys(parsed).filter((key) => key !== 'attributes');
    const root = roots[0];
    if (roots.length !== 1 || !root || !isOperation(root)) {
      throw new ExchangeFault(FAULT_CODES.BAD_FIELD, `the document element must be one of ${OPERATION_NAMES.join(', ')}`, 'xmlDocument');
    }
    return parseRecord(root, (parsed as Record<string, unknown>)[root]);
  }

  async function handle(operation: string, args: unknown, header: unknown): Promise<Record<string, unknown>> {
    const call = calls.getStore()!;
    call.operation = operation;
    try {
      if (call.bodyElement !== operation) {
        throw new ExchangeFault(FAULT_CODES.MALFORMED, `SOAPAction names ${operation} but the body carries ${call.bodyElement ?? 'nothing'}`, 'SOAPAction');
      }
      // For the evidence entry, even when the message is refused before it is read in full.
      const fields = args && typeof args === 'object' ? (args as Record<string, unknown>) : {};
      if (typeof fields['MessageId'] === 'string' && MESSAGE_ID.test(fields['MessageId'])) call.messageId = fields['MessageId'];
      if (typeof fields['CaseNumber'] === 'string' && fields['CaseNumber'].length <= 64) call.caseNumber = fields['CaseNumber'];

      call.sender = await authenticate(call, header);
      const record = operation === 'Submit' ? submittedRecord(fields['xmlDocument']) : parseRecord(operation as never, args);
      call.messageId = record.messageId;
      call.caseNumber = record.caseNumber;
      if (operation === 'Submit') call.operation = `Submit:${record.operation}`;
      if (!implementationBelongsTo(record.implementationCode, call.sender.agency)) {
        throw new ExchangeFault(FAULT_CODES.FORBIDDEN, "the implementation code is not of the sender's agency", 'ImplementationCode');
      }
      const receipt = await options.inbox.accept(call.arrival, call.sender, record, call.operation);
      call.receipt = receipt;
      return {
        MessageId: receipt.messageId,
        ReceiptNumber: receipt.receiptNumber,
        Status: receipt.status,
        ...(receipt.caseVersion === null ? {} : { CaseVersion: receipt.caseVersion }),
      };
    } catch (error) {
      if (error instanceof ExchangeFault) {
        call.fault = error;
      } else {
        logger.error({ err: error, operation }, 'CaseExchange operation failed');
        call.fault = new ExchangeFault(FAULT_CODES.UNAVAILABLE, 'the service could not process the message; nothing was stored, send it again later');
      }
      // node-soap renders something for this; the route answers with its own Fault envelope instead.
      throw { Fault: { faultcode: call.fault.code, faultstring: call.fault.reason, statusCode: call.fault.httpStatus } };
    }
  }

  const methods = Object.fromEntries(
    [...OPERATION_NAMES, 'Submit'].map((name) => [name, (args: unknown, _callback: unknown, header: unknown) => handle(name, args, header)]),
  );
  const soap: SoapServer = await new Promise((resolve, reject) => {
    const server = listen(null, {
      path: SOAP_PATH,
      services: { CaseExchange: { CaseExchangePort: methods } },
      xml: wsdl,
      uri: WSDL_FILE,
      suppressStack: true,
      // Dates, booleans and numbers arrive as the text sent: record.ts checks them against the XSD's
      // facets itself (node-soap would turn "2025-02-30" into a Date in March).
      customDeserializer: { dateTime: (text: string) => text, date: (text: string) => text, boolean: (text: string) => text, int: (text: string) => text },
      callback: (error: unknown) => (error ? reject(error) : resolve(server)),
    } as never);
  });
  soap.on('request', (envelope: Record<string, unknown>) => {
    const call = calls.getStore();
    const body = envelope?.['Body'];
    if (call && body && typeof body === 'object') call.bodyElement = Object.keys(body).find((key) => key !== 'attributes') ?? null;
  });

  async function recordFault(call: Call, fault: ExchangeFault): Promise<void> {
    await options.store.transaction(async (tx) =>
      appendEvidence(tx, await lockChain(tx, options.store.schema), {
        ...call.arrival,
        senderClientId: call.sender?.clientId ?? UNAUTHENTICATED_SENDER,
        senderAgency: call.sender?.agency ?? null,
        operation: call.operation,
        messageId: call.messageId,
        caseNumber: call.caseNumber,
        outcome: 'REJECTED',
        receiptNumber: null,
        faultCode: fault.code,
        faultField: fault.field,
        faultReason: fault.reason.slice(0, 1000),
      }),
    );
  }

  async function answerFault(call: Call, fault: ExchangeFault, reply: FastifyReply): Promise<FastifyReply> {
    let answer = fault;
    try {
      await recordFault(call, fault);
    } catch (error) {
      // Without its evidence entry the message must not look handled: the sender is told to retry.
      logger.error({ err: error }, 'CaseExchange evidence entry failed');
      answer = new ExchangeFault(FAULT_CODES.UNAVAILABLE, 'the service could not record the message; send it again later');
    }
    if (answer.code === FAULT_CODES.UNAUTHENTICATED && call.authorization !== undefined) reply.header('www-authenticate', 'Bearer realm="tongban-exchange"');
    return reply.status(answer.httpStatus).header('content-type', RESPONSE_CONTENT_TYPE).send(faultEnvelope(answer));
  }

  function newCall(request: FastifyRequest, envelope: Buffer): Call {
    return {
      arrival: {
        receivedAt: options.now(),
        envelope,
        contentType: firstHeader(request.headers['content-type'])?.slice(0, 200) ?? null,
        contentEncoding: firstHeader(request.headers['content-encoding'])?.slice(0, 50) ?? null,
        charset: null,
      },
      authorization: firstHeader(request.headers.authorization),
      bodyElement: null,
      operation: null,
      sender: null,
      messageId: null,
      caseNumber: null,
      receipt: null,
      fault: null,
    };
  }

  async function post(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const call = newCall(request, raw);
    try {
      const decoded = prepareBody(raw, { contentType: call.arrival.contentType ?? undefined, contentEncoding: call.arrival.contentEncoding ?? undefined });
      call.arrival.charset = decoded.charset;
      const headers: Record<string, string> = {};
      const soapAction = firstHeader(request.headers['soapaction']);
      if (soapAction !== undefined) headers['soapaction'] = soapAction;
      const result = await calls.run(call, () => soap.processRequest(decoded.xml, { method: 'POST', url: SOAP_PATH, headers }));
      if (call.fault) throw call.fault;
      if (!call.receipt) {
        throw new ExchangeFault(FAULT_CODES.MALFORMED, 'not a well-formed SOAP 1.1 envelope carrying an operation of CaseExchange', 'Envelope');
      }
      return reply.status(200).header('content-type', RESPONSE_CONTENT_TYPE).send(result.body);
    } catch (error) {
      if (error instanceof ExchangeFault) return answerFault(call, error, reply);
      logger.error({ err: error }, 'CaseExchange request failed');
      return answerFault(call, new ExchangeFault(FAULT_CODES.UNAVAILABLE, 'the service could not process the message; send it again later'), reply);
    }
  }

  return {
    wsdl,
    register(app) {
      void app.register(async (scope) => {
        // The body is read as bytes whatever it claims to be: charset and encoding are ours to check.
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => done(null, body));
        scope.setErrorHandler(async (error: Error & { code?: string }, request, reply) => {
          const call = newCall(request, Buffer.alloc(0));
          if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
            return answerFault(call, new ExchangeFault(FAULT_CODES.TOO_LARGE, `body exceeds ${MAX_BODY_BYTES} bytes (not kept)`, 'Content-Length'), reply);
          }
          if (error.code?.startsWith('FST_ERR_CTP_')) {
            return answerFault(call, new ExchangeFault(FAULT_CODES.MALFORMED, 'the request body could not be read', 'Envelope'), reply);
          }
          logger.error({ err: error }, 'CaseExchange request failed');
          return answerFault(call, new ExchangeFault(FAULT_CODES.UNAVAILABLE, 'the service could not process the message; send it again later'), reply);
        });
        scope.get(SOAP_PATH, async (request, reply) => {
          const query = (request.raw.url ?? '').split('?')[1]?.toLowerCase() ?? '';
          if (query.startsWith('wsdl')) return reply.header('content-type', RESPONSE_CONTENT_TYPE).send(wsdl);
          if (query.startsWith('xsd')) return reply.header('content-type', RESPONSE_CONTENT_TYPE).send(xsd);
          return reply.status(404).header('content-type', 'text/plain; charset=utf-8').send(`CaseExchange: GET ${SOAP_PATH}?wsdl for the service description\n`);
        });
        scope.post(SOAP_PATH, post);
      });
    },
  };
}
