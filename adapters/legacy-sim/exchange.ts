import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClientAsync, WSSecurity, type Client } from 'soap';
import { classifySoapError, type DeliveryError } from '../departments/deliver.ts';

/** The exchange service's WSDL, kept in the repo by adapters/case-exchange. */
export const CASE_EXCHANGE_WSDL = fileURLToPath(new URL('../case-exchange/wsdl/CaseExchange.wsdl', import.meta.url));

export type PushOperation = 'PushAcceptance' | 'PushProcess' | 'PushSpecialProcedure' | 'PushResult' | 'PushMaterials';

export interface ExchangeClientOptions {
  /** The CaseExchange endpoint, e.g. http://127.0.0.1:4000/soap/CaseExchange (through the gateway). */
  url: string;
  /** Defaults to CASE_EXCHANGE_WSDL. */
  wsdl?: string;
  clientId: string;
  password: string;
  timeoutMs: number;
}

export interface ExchangeClient {
  /** Resolves with the exchange's answer; throws a DeliveryError (retryable or not). */
  push(operation: PushOperation, body: Record<string, unknown>): Promise<unknown>;
}

/**
 * The simulator's client of CaseExchange. Built lazily, so the simulator can start before the
 * exchange service (and a WSDL that fails to load is retried like any failed push).
 */
export function exchangeClient(options: ExchangeClientOptions): ExchangeClient {
  const wsdl = options.wsdl ?? CASE_EXCHANGE_WSDL;
  const peer = { name: 'CaseExchange', endpoint: options.url, timeoutMs: options.timeoutMs };
  let client: Promise<{ client: Client; shapes: Map<string, Shape> }> | undefined;

  const load = () => {
    client ??= (async () => {
      if (!existsSync(wsdl)) throw new Error(`the CaseExchange WSDL is not at ${wsdl}`);
      const created = await createClientAsync(wsdl, { disableCache: true }, options.url);
      // A fresh nonce and Created per request: WSSecurity builds its header on every call.
      created.setSecurity(new WSSecurity(options.clientId, options.password, { passwordType: 'PasswordDigest', hasTimeStamp: true, hasNonce: true, mustUnderstand: true }));
      return { client: created, shapes: inputShapes(created) };
    })().catch((error: unknown) => {
      client = undefined;
      throw error;
    });
    return client;
  };

  return {
    async push(operation, body) {
      let loaded: Awaited<ReturnType<typeof load>>;
      try {
        loaded = await load();
      } catch (error) {
        throw classifySoapError(error, peer);
      }
      const method = loaded.client[`${operation}Async`] as ((args: unknown, options: unknown) => Promise<unknown[]>) | undefined;
      if (typeof method !== 'function') throw classifySoapError(new Error(`the CaseExchange WSDL has no operation ${operation}`), peer);
      const deadline = AbortSignal.timeout(options.timeoutMs);
      const shape = loaded.shapes.get(operation);
      try {
        const [result] = await method.call(loaded.client, shape ? conform(body, shape) : body, { timeout: options.timeoutMs, signal: deadline });
        return result;
      } catch (error) {
        throw classifySoapError(error, peer, deadline.aborted) satisfies DeliveryError;
      }
    },
  };
}

/** An element's children in schema order, each with its own shape when it is complex. */
type Shape = Map<string, Shape | null>;

function inputShapes(client: Client): Map<string, Shape> {
  const shapes = new Map<string, Shape>();
  try {
    const description = client.describe() as Record<string, Record<string, Record<string, { input?: unknown }>>>;
    for (const service of Object.values(description)) {
      for (const port of Object.values(service)) {
        for (const [operation, io] of Object.entries(port)) {
          const shape = shapeOf(io.input);
          if (shape) shapes.set(operation, shape);
        }
      }
    }
  } catch {
    // Without a description the body goes as built; the exchange's Fault will say what is wrong.
  }
  return shapes;
}

function shapeOf(node: unknown): Shape | null {
  if (typeof node !== 'object' || node === null) return null;
  const shape: Shape = new Map();
  for (const [key, value] of Object.entries(node)) {
    if (key === 'targetNSAlias' || key === 'targetNamespace') continue;
    shape.set(key.replace(/\[\]$/, ''), shapeOf(value));
  }
  return shape;
}

/**
 * The body with its keys in the schema's sequence order (the serializer writes them as given and
 * an XSD sequence is ordered) and without fields the WSDL does not have, so the simulator adapts
 * to the exchange's field set instead of being faulted for an extra element.
 */
export function conform(body: unknown, shape: Shape): unknown {
  if (Array.isArray(body)) return body.map((item) => conform(item, shape));
  if (typeof body !== 'object' || body === null) return body;
  const record = body as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, child] of shape) {
    if (record[key] === undefined) continue;
    out[key] = child ? conform(record[key], child) : record[key];
  }
  return out;
}
