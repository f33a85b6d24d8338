/**
 * SOAP 1.1 Faults of the CaseExchange service. Every refusal carries a stable fault code (a
 * department's system branches on it) and a detail naming the field and the reason.
 *
 * HTTP status: SOAP 1.1 §6.2 says a server that fails to process a SOAP request answers 500 with a
 * Fault, so every Fault to something that is a SOAP request is a 500. A body that is not a SOAP
 * envelope at all (not XML, no Envelope, no operation of this service) is not a SOAP request: it
 * gets 400 with the same Fault body, so generic HTTP tooling sees a client error.
 */

export const FAULT_CODES = {
  /** Not a SOAP 1.1 envelope naming an operation of CaseExchange (HTTP 400). */
  MALFORMED: 'soap:Client.MALFORMED',
  /** A document type declaration: SOAP forbids DTDs, so entities (external or expanding) never get a chance. */
  DTD_FORBIDDEN: 'soap:Client.DTD_FORBIDDEN',
  /** The body, or its decoded (gunzipped) size, is over the limit. */
  TOO_LARGE: 'soap:Client.TOO_LARGE',
  /** Elements nested deeper than the limit. */
  TOO_DEEP: 'soap:Client.TOO_DEEP',
  /** A charset or content encoding this service does not read, or bytes that are not valid in it. */
  BAD_ENCODING: 'soap:Client.BAD_ENCODING',
  /** No, or no valid, WS-Security UsernameToken or bearer token. */
  UNAUTHENTICATED: 'soap:Client.UNAUTHENTICATED',
  /** A UsernameToken nonce seen before within the replay window. */
  REPLAYED: 'soap:Client.REPLAYED',
  /** A field missing, malformed or out of range; the detail names it. */
  BAD_FIELD: 'soap:Client.BAD_FIELD',
  /** The message id was received before with a different payload. */
  DUPLICATE_ID_DIFFERENT_PAYLOAD: 'soap:Client.DUPLICATE_ID_DIFFERENT_PAYLOAD',
  /** The sender may not push this record (another agency's case or implementation, not a departmental system). */
  FORBIDDEN: 'soap:Client.FORBIDDEN',
  /** The case's state does not allow the record and it cannot be held (e.g. the message expired while held). */
  ILLEGAL_TRANSITION: 'soap:Client.ILLEGAL_TRANSITION',
  /** The cases subgraph refused the record for another reason. */
  REFUSED: 'soap:Client.REFUSED',
  /** The cases subgraph or the store could not be reached: nothing was stored but evidence; send again. */
  UNAVAILABLE: 'soap:Server.UNAVAILABLE',
} as const;

export type FaultCode = (typeof FAULT_CODES)[keyof typeof FAULT_CODES];

export class ExchangeFault extends Error {
  override name = 'ExchangeFault';
  constructor(
    readonly code: FaultCode,
    readonly reason: string,
    /** The element concerned, by its XML name (e.g. `OccurredAt`, `Handler/Id`), when there is one. */
    readonly field: string | null = null,
    readonly httpStatus: 400 | 500 = code === FAULT_CODES.MALFORMED ? 400 : 500,
  ) {
    super(`${code}: ${field ? `${field}: ` : ''}${reason}`);
  }
}

export function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** The Fault envelope; the detail element is in the service's namespace. */
export function faultEnvelope(fault: ExchangeFault): string {
  const detail =
    `<ce:FaultDetail xmlns:ce="urn:tongban:case-exchange:1">` +
    (fault.field ? `<ce:Field>${xmlEscape(fault.field)}</ce:Field>` : '') +
    `<ce:Reason>${xmlEscape(fault.reason)}</ce:Reason></ce:FaultDetail>`;
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>' +
    `<faultcode>${xmlEscape(fault.code)}</faultcode>` +
    `<faultstring>${xmlEscape(fault.field ? `${fault.field}: ${fault.reason}` : fault.reason)}</faultstring>` +
    `<detail>${detail}</detail>` +
    '</soap:Fault></soap:Body></soap:Envelope>'
  );
}
