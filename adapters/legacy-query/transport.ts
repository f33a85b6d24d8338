import { Agent, request } from 'undici';
import type { IHttpClient } from 'soap';

/**
 * node-soap's HTTP client replaced by undici: one deadline for the whole exchange (connect,
 * headers and body), and a cap on the answer's size, enforced while it streams in (a declared
 * Content-Length over the cap is refused before reading). Counts the requests it sends.
 */

export type TransportFailure = 'TIMEOUT' | 'TOO_LARGE' | 'UNREACHABLE';

export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    readonly failure: TransportFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface TransportOptions {
  timeoutMs: number;
  maxResponseBytes: number;
}

export interface CappedHttpClient extends IHttpClient {
  /** SOAP requests sent (a cached answer or an open breaker sends none). */
  readonly requests: number;
  close(): Promise<void>;
}

export function cappedHttpClient(options: TransportOptions): CappedHttpClient {
  const agent = new Agent({ connections: 16, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs, connectTimeout: options.timeoutMs });
  let requests = 0;

  async function send(url: string, data: unknown, headers: Record<string, unknown>) {
    requests += 1;
    const signal = AbortSignal.timeout(options.timeoutMs);
    const plain: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      // undici computes these itself; node-soap's values would conflict.
      if (value === undefined || /^(host|content-length|connection)$/i.test(name)) continue;
      plain[name] = String(value);
    }
    let response;
    try {
      response = await request(url, { method: data ? 'POST' : 'GET', headers: plain, body: data ? String(data) : null, dispatcher: agent, signal });
    } catch (cause) {
      throw classify(cause, options.timeoutMs, signal);
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxResponseBytes) {
      response.body.destroy();
      throw new TransportError('TOO_LARGE', `the answer declares ${declared} bytes, more than the ${options.maxResponseBytes} allowed`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > options.maxResponseBytes) {
          response.body.destroy();
          throw new TransportError('TOO_LARGE', `the answer exceeds the ${options.maxResponseBytes} bytes allowed`);
        }
        chunks.push(chunk as Buffer);
      }
    } catch (cause) {
      if (cause instanceof TransportError) throw cause;
      throw classify(cause, options.timeoutMs, signal);
    }
    const contentType = String(response.headers['content-type'] ?? '');
    const charset = /charset="?([\w-]+)"?/i.exec(contentType)?.[1]?.toLowerCase() ?? 'utf-8';
    const body = new TextDecoder(charset === 'gb2312' ? 'gbk' : charset).decode(Buffer.concat(chunks));
    const responseHeaders = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
    return { status: response.statusCode, statusText: '', headers: responseHeaders, data: body, config: { headers: plain } };
  }

  return {
    get requests() {
      return requests;
    },
    request(rurl, data, callback, exheaders = {}) {
      const promise = send(rurl, data, exheaders);
      promise.then(
        (res) => callback(null, res, res.data),
        (error: unknown) => callback(error),
      );
      // node-soap ignores the returned promise when a callback is given; keep it from being unhandled.
      promise.catch(() => undefined);
      return promise as never;
    },
    close: () => agent.close(),
  };
}

function classify(cause: unknown, timeoutMs: number, signal: AbortSignal): TransportError {
  const code = (cause as { code?: string })?.code ?? '';
  const name = (cause as { name?: string })?.name ?? '';
  if (signal.aborted || name === 'TimeoutError' || name === 'AbortError' || /TIMEOUT/.test(code)) {
    return new TransportError('TIMEOUT', `no answer within ${timeoutMs} ms`, { cause });
  }
  return new TransportError('UNREACHABLE', `not reachable (${code || (cause as Error)?.message || 'unknown error'})`, { cause });
}
