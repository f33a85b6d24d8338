import { gunzipSync } from 'node:zlib';
import { ExchangeFault, FAULT_CODES } from './faults.ts';

/**
 * What happens to a request body before any XML parser sees it. node-soap parses whatever it is
 * given with sax; these checks make sure it is only ever given a bounded, DTD-free, shallow UTF-8
 * document.
 */

/** Largest body accepted, as received and after gunzip. */
export const MAX_BODY_BYTES = 1_048_576;
/** Deepest element nesting accepted (an envelope needs 5 or 6; a record adds 3). */
export const MAX_DEPTH = 32;

/** Charsets read, by the label a sender may use; GB2312 is read as GBK, its superset (as WHATWG does). */
const CHARSETS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  gbk: 'gbk',
  gb2312: 'gbk',
  'gb18030': 'gb18030',
  // Plain ASCII is UTF-8.
  'us-ascii': 'utf-8',
};

export interface DecodedBody {
  /** The document as text, its XML declaration (if any) rewritten to say UTF-8. */
  xml: string;
  /** The charset the bytes were read in. */
  charset: string;
}

/** Gunzips with a bound: a gzip bomb stops at the limit instead of filling memory. */
export function decodeContentEncoding(raw: Buffer, contentEncoding: string | undefined, maxBytes = MAX_BODY_BYTES): Buffer {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return raw;
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new ExchangeFault(FAULT_CODES.BAD_ENCODING, `content encoding '${encoding.slice(0, 40)}' is not accepted; send gzip or none`, 'Content-Encoding');
  }
  try {
    return gunzipSync(raw, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new ExchangeFault(FAULT_CODES.TOO_LARGE, `decoded body exceeds ${maxBytes} bytes`, 'Content-Encoding');
    }
    throw new ExchangeFault(FAULT_CODES.BAD_ENCODING, 'body is not valid gzip', 'Content-Encoding');
  }
}

function charsetFromContentType(contentType: string | undefined): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

function charsetFromDeclaration(bytes: Buffer): string | null {
  // The declaration is ASCII in every charset read here, so latin1 reads it faithfully.
  const head = bytes.subarray(0, 256).toString('latin1');
  const match = /^(?:\xEF\xBB\xBF)?\s*<\?xml\s[^?]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * Reads the bytes in the charset named by Content-Type or else the XML declaration (the HTTP
 * header wins, RFC 7303), UTF-8 when neither names one. Invalid bytes are refused, not replaced.
 */
export function decodeCharset(bytes: Buffer, contentType: string | undefined): DecodedBody {
  if (bytes.length >= 2 && ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe))) {
    throw new ExchangeFault(FAULT_CODES.BAD_ENCODING, 'UTF-16 is not accepted; send UTF-8, GBK, GB2312 or GB18030', 'charset');
  }
  const label = charsetFromContentType(contentType) ?? charsetFromDeclaration(bytes) ?? 'utf-8';
  const charset = CHARSETS[label];
  if (!charset) {
    throw new ExchangeFault(FAULT_CODES.BAD_ENCODING, `charset '${label.slice(0, 40)}' is not accepted; send UTF-8, GBK, GB2312 or GB18030`, 'charset');
  }
  let text: string;
  try {
    text = new TextDecoder(charset, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ExchangeFault(FAULT_CODES.BAD_ENCODING, `body is not valid ${label}`, 'charset');
  }
  // The text is now a JavaScript string: what node-soap reads must no longer claim another charset.
  const xml = text.replace(/^\s*<\?xml\s[^?]*\?>/, '<?xml version="1.0" encoding="UTF-8"?>');
  return { xml, charset: label };
}

/**
 * Refuses document type declarations (SOAP 1.1 §3: a SOAP message MUST NOT contain one) and so
 * every entity trick with them: external entities, billion laughs. Looked for anywhere in the
 * text, CDATA and comments included, since an embedded document may be parsed in turn.
 */
export function refuseDtd(xml: string): void {
  const match = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i.exec(xml);
  if (match) {
    throw new ExchangeFault(FAULT_CODES.DTD_FORBIDDEN, `a <!${match[1]!.toUpperCase()}> declaration is forbidden in SOAP messages`, 'DOCTYPE');
  }
}

/**
 * A cheap scan of element nesting: counts open and close tags, skipping comments, processing
 * instructions and quoted attribute values. CDATA that holds an XML document (node-soap parses
 * such CDATA as XML in turn) is scanned as nested content.
 */
export function checkDepth(xml: string, maxDepth = MAX_DEPTH, baseDepth = 0): void {
  let depth = baseDepth;
  let i = xml.indexOf('<');
  while (i !== -1 && i < xml.length) {
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) return; // unterminated: the parser will refuse it
      i = xml.indexOf('<', end + 3);
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i + 9);
      if (end === -1) return;
      const content = xml.slice(i + 9, end);
      if (/<\?xml[\s\S]+\?>/.test(content)) checkDepth(content, maxDepth, depth);
      i = xml.indexOf('<', end + 3);
      continue;
    }
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      if (end === -1) return;
      i = xml.indexOf('<', end + 2);
      continue;
    }
    const closing = xml[i + 1] === '/';
    // Find the tag's end, stepping over quoted attribute values (which may hold '>').
    let j = i + 1;
    let quote: string | null = null;
    for (; j < xml.length; j++) {
      const c = xml[j]!;
      if (quote) {
        if (c === quote) quote = null;
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === '>') {
        break;
      }
    }
    if (j >= xml.length) return;
    if (closing) {
      depth -= 1;
    } else if (xml[j - 1] !== '/') {
      depth += 1;
      if (depth > maxDepth) {
        throw new ExchangeFault(FAULT_CODES.TOO_DEEP, `elements are nested deeper than ${maxDepth}`, 'Envelope');
      }
    }
    i = xml.indexOf('<', j + 1);
  }
}

/** Every check, in order, on the bytes as received; the UTF-8 text node-soap may parse. */
export function prepareBody(raw: Buffer, headers: { contentType?: string | undefined; contentEncoding?: string | undefined }): DecodedBody {
  if (raw.length === 0) throw new ExchangeFault(FAULT_CODES.MALFORMED, 'the body is empty', 'Envelope');
  if (raw.length > MAX_BODY_BYTES) throw new ExchangeFault(FAULT_CODES.TOO_LARGE, `body exceeds ${MAX_BODY_BYTES} bytes`, 'Content-Length');
  const bytes = decodeContentEncoding(raw, headers.contentEncoding);
  const decoded = decodeCharset(bytes, headers.contentType);
  checkXmlDocument(decoded.xml);
  return decoded;
}

/** The text-level checks, also applied to the XML document a Submit carries. */
export function checkXmlDocument(xml: string): void {
  if (xml.length > MAX_BODY_BYTES) throw new ExchangeFault(FAULT_CODES.TOO_LARGE, `document exceeds ${MAX_BODY_BYTES} characters`, 'Envelope');
  refuseDtd(xml);
  checkDepth(xml);
}
