import { createClientAsync, WSSecurity, type Client } from 'soap';
import type { DepartmentSystem } from './config.ts';

/**
 * Delivers one application to a departmental system (统一受理 → ReceiveApplication of
 * wsdl/ApplicationIntake.wsdl). Called by the cases subgraph's outbox handler: it resolves with the
 * department's receipt, or throws a DeliveryError saying whether redelivery can help.
 *
 * The message id is stable for an application, so a redelivery after a lost answer is recognised
 * by the department and answered with its first receipt.
 */

export type PartyKind = 'NATURAL_PERSON' | 'LEGAL_PERSON';
export type IdType = 'CITIZEN_ID' | 'USCC' | 'PASSPORT' | 'HK_MACAO_PERMIT' | 'TAIWAN_PERMIT' | 'FOREIGN_PERMANENT_RESIDENT' | 'OTHER';

export interface ApplicationParty {
  kind: PartyKind;
  name: string;
  idType: IdType;
  idNumber: string;
}

/** A material's description; the content itself is not sent. */
export interface ApplicationMaterial {
  name: string;
  fileName: string;
  contentType: string;
  /** SHA-256 of the content, lower-case hex. */
  sha256: string;
  size: number;
}

export interface ApplicationMessage {
  /** Stable for one application (for example `application:<caseNumber>`), at most 64 characters. */
  messageId: string;
  caseNumber: string;
  implementationCode: string;
  /** 办件名称: the guide's name. */
  itemName: string;
  /** ISO 8601 with an offset. */
  submittedAt: string;
  applicant: ApplicationParty;
  agent?: ApplicationParty | null;
  /** 申请表格: the names of the forms filled in. */
  forms: readonly string[];
  materials: readonly ApplicationMaterial[];
  /** The form data; sent as a JSON string. */
  formData: unknown;
}

export interface DepartmentReceipt {
  /** The department's own receipt number (回执号). */
  receipt: string;
  receivedAt: string;
  /** The department had this message id already and answered its first receipt. */
  duplicate: boolean;
  message: string | null;
}

export type DeliveryFailure =
  /** No answer within the system's timeoutMs. */
  | 'TIMEOUT'
  /** Connection refused, reset, DNS: the system is not reachable. */
  | 'UNREACHABLE'
  /** HTTP 5xx without a Client fault, 408, 429, or a Server.* fault. */
  | 'SERVER'
  /** A SOAP Fault with a Client.* (SOAP 1.2: Sender) code: this message will never be accepted. */
  | 'CLIENT_FAULT'
  /** The department answered Accepted=false. */
  | 'REFUSED'
  /** An answer that is not the expected response (4xx without a fault, unparseable body). */
  | 'BAD_RESPONSE';

export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    readonly failure: DeliveryFailure,
    /** True when delivering the same message again later may succeed. */
    readonly retryable: boolean,
    message: string,
    readonly details: { faultCode?: string; status?: number; receipt?: DepartmentReceipt } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface DeliverOptions {
  /** Cancels the delivery (shutdown); it then fails as a retryable TIMEOUT. */
  signal?: AbortSignal;
}

// One client per system: building it parses the WSDL. Keyed by the system object, which the
// configuration creates once.
const clients = new WeakMap<DepartmentSystem, Promise<Client>>();

function clientFor(system: DepartmentSystem): Promise<Client> {
  let client = clients.get(system);
  if (client === undefined) {
    client = (async () => {
      // The WSDL is a local file: nothing is fetched from the department at start-up.
      const created = await createClientAsync(system.wsdl, { disableCache: true }, system.endpoint);
      created.setSecurity(
        new WSSecurity(system.credentials.username, system.credentials.password, {
          passwordType: 'PasswordDigest',
          hasTimeStamp: true,
          hasNonce: true,
          mustUnderstand: true,
        }),
      );
      return created;
    })();
    // A WSDL that fails to load must not poison the cache: the next delivery tries again.
    client.catch(() => clients.delete(system));
    clients.set(system, client);
  }
  return client;
}

export function toReceiveApplicationArgs(message: ApplicationMessage): Record<string, unknown> {
  const party = (p: ApplicationParty) => ({ Kind: p.kind, Name: p.name, IdType: p.idType, IdNumber: p.idNumber });
  // Keys in the XSD's sequence order: the serializer writes them as given.
  return {
    MessageId: message.messageId,
    CaseNumber: message.caseNumber,
    ImplementationCode: message.implementationCode,
    ItemName: message.itemName,
    SubmittedAt: message.submittedAt,
    Applicant: party(message.applicant),
    ...(message.agent ? { Agent: party(message.agent) } : {}),
    Forms: { Form: [...message.forms] },
    Materials: {
      Material: message.materials.map((m) => ({
        Name: m.name,
        FileName: m.fileName,
        ContentType: m.contentType,
        Sha256: m.sha256,
        Size: m.size,
      })),
    },
    FormData: JSON.stringify(message.formData ?? {}),
  };
}

export async function deliverApplication(system: DepartmentSystem, message: ApplicationMessage, options: DeliverOptions = {}): Promise<DepartmentReceipt> {
  let client: Client;
  try {
    client = await clientFor(system);
  } catch (error) {
    // A broken WSDL in the repo is a deployment fault; retrying lets a fixed deployment deliver.
    throw new DeliveryError('BAD_RESPONSE', true, `${system.name}: cannot build the SOAP client from ${system.wsdl}: ${(error as Error).message}`, {}, { cause: error });
  }

  // axios' `timeout` covers an idle socket; the signal bounds the whole exchange.
  const deadline = AbortSignal.timeout(system.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  let result: unknown;
  try {
    [result] = await client.ReceiveApplicationAsync(toReceiveApplicationArgs(message), { timeout: system.timeoutMs, signal });
  } catch (error) {
    throw classifySoapError(error, system, deadline.aborted);
  }
  const receipt = readReceipt(result);
  if (receipt === null) {
    throw new DeliveryError('BAD_RESPONSE', true, `${system.name}: ReceiveApplication answered without a Receipt`);
  }
  if (!receipt.accepted) {
    throw new DeliveryError('REFUSED', false, `${system.name} refused ${message.caseNumber}: ${receipt.receipt.message ?? 'no reason given'}`, {
      receipt: receipt.receipt,
    });
  }
  return receipt.receipt;
}

function readReceipt(result: unknown): { accepted: boolean; receipt: DepartmentReceipt } | null {
  if (typeof result !== 'object' || result === null) return null;
  const r = result as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : v === undefined || v === null ? null : String(v));
  const bool = (v: unknown) => v === true || v === 'true' || v === '1';
  const receiptNumber = text(r.Receipt);
  if (receiptNumber === null || receiptNumber === '') return null;
  return {
    accepted: bool(r.Accepted),
    receipt: { receipt: receiptNumber, receivedAt: text(r.ReceivedAt) ?? '', duplicate: bool(r.Duplicate), message: text(r.Message) },
  };
}

interface SoapLibraryError {
  code?: string;
  message?: string;
  response?: { status?: number };
  root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } };
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ERR_NETWORK']);

/** The fault code without its namespace prefix: `Client.Validation`, `Server`, `Sender`. */
export function faultCodeOf(fault: Record<string, unknown>): string | null {
  const valueOf = (v: unknown): string | null => {
    if (typeof v === 'string') return v;
    if (v && typeof v === 'object' && '$value' in v) return String((v as { $value: unknown }).$value);
    return null;
  };
  const code = valueOf(fault.faultcode);
  if (code !== null) return code.replace(/^[^:]*:/, '');
  // SOAP 1.2: Code/Value with an optional Subcode/Value.
  const code12 = fault.Code as { Value?: unknown; Subcode?: { Value?: unknown } } | undefined;
  const value = valueOf(code12?.Value);
  if (value === null) return null;
  const sub = valueOf(code12?.Subcode?.Value);
  return value.replace(/^[^:]*:/, '') + (sub ? `.${sub.replace(/^[^:]*:/, '')}` : '');
}

function faultStringOf(fault: Record<string, unknown>): string {
  const s = fault.faultstring ?? (fault.Reason as { Text?: unknown } | undefined)?.Text;
  if (typeof s === 'string') return s;
  if (s && typeof s === 'object' && '$value' in s) return String((s as { $value: unknown }).$value);
  return '(no fault string)';
}

/** Who was called, for the error's message. */
export interface SoapPeer {
  name: string;
  endpoint: string;
  timeoutMs: number;
}

/**
 * Retryable or permanent, from what the soap library and axios report: a Client.* (Sender) fault
 * and a 4xx without a fault are permanent; faults of other codes, 5xx, 408, 429, timeouts and
 * transport errors are retryable. Also used by the simulator for its pushes to CaseExchange.
 */
export function classifySoapError(error: unknown, peer: SoapPeer, timedOut = false): DeliveryError {
  const e = (error ?? {}) as SoapLibraryError;
  const who = peer.name;
  const system = peer;
  const fault = e.root?.Envelope?.Body?.Fault;
  const status = e.response?.status;
  if (fault) {
    const code = faultCodeOf(fault) ?? 'unknown';
    const text = faultStringOf(fault);
    const permanent = /^(Client|Sender)(\.|$)/i.test(code);
    return new DeliveryError(permanent ? 'CLIENT_FAULT' : 'SERVER', !permanent, `${who} answered a SOAP Fault ${code}: ${text}`, {
      faultCode: code,
      ...(status === undefined ? {} : { status }),
    }, { cause: error });
  }
  if (timedOut || (e.code !== undefined && TIMEOUT_CODES.has(e.code))) {
    return new DeliveryError('TIMEOUT', true, `${who} did not answer within ${system.timeoutMs} ms`, {}, { cause: error });
  }
  if (e.code !== undefined && UNREACHABLE_CODES.has(e.code)) {
    return new DeliveryError('UNREACHABLE', true, `${who} is not reachable at ${system.endpoint} (${e.code})`, {}, { cause: error });
  }
  if (status !== undefined) {
    if (status >= 500 || status === 408 || status === 429) {
      return new DeliveryError('SERVER', true, `${who} answered HTTP ${status}`, { status }, { cause: error });
    }
    return new DeliveryError('BAD_RESPONSE', false, `${who} answered HTTP ${status} without a SOAP Fault (wrong endpoint or credentials?)`, { status }, {
      cause: error,
    });
  }
  // Unknown transport trouble: retrying is the safe side, the outbox dead-letters it eventually.
  return new DeliveryError('UNREACHABLE', true, `${who}: ${e.message ?? String(error)}`, {}, { cause: error });
}
