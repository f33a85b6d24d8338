/**
 * The development identity provider: a stand-in for the province's unified identity platform
 * (统一身份认证) that `npm start` runs when OIDC_ISSUER is unset. DEVELOPMENT ONLY — it signs in
 * seeded users whose passwords are published, offers the password grant and an unauthenticated
 * key-rotation endpoint, and generates its keys at start. Never expose it beyond the machine.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../lib/logger.ts';
import { createMemoryAdapterFactory } from './memoryAdapter.ts';
import { createProvider } from './provider.ts';
import { DEFAULT_AUDIENCE } from './resource.ts';
import { createSigningKey, rotatedKeySet } from './signingKeys.ts';

export const ROTATE_KEYS_PATH = '/dev/rotate-keys';

export interface DevIdentityProviderOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  logger?: Logger;
  /** The `aud` of the access tokens; the gateway's OIDC_AUDIENCE. */
  audience?: string;
}

export interface DevIdentityProvider {
  /** e.g. http://127.0.0.1:4010; discovery at `${issuer}/.well-known/openid-configuration`. */
  issuer: string;
  /** Signs with a new key from now on; earlier keys stay in the JWKS so issued tokens still verify. */
  rotateSigningKey(): Promise<{ kid: string }>;
  close(): Promise<void>;
}

export async function startDevIdentityProvider(options: DevIdentityProviderOptions): Promise<DevIdentityProvider> {
  const logger = options.logger?.child({ service: 'dev-idp' });
  const setup = {
    audience: options.audience ?? DEFAULT_AUDIENCE,
    // Random per start: sessions and cookies do not need to survive a restart of a dev provider.
    cookieKeys: [randomBytes(32).toString('base64url')],
    adapter: createMemoryAdapterFactory(),
  };
  let keys = [await createSigningKey()];
  let handle: RequestListener | undefined;

  const server = createServer((request, response) => {
    if (pathOf(request) === ROTATE_KEYS_PATH) {
      void rotateByHand(request, response);
    } else if (handle === undefined) {
      respondJson(response, 503, { error: 'temporarily_unavailable' });
    } else {
      void handle(request, response);
    }
  });
  await listen(server, options.host, options.port);
  const issuer = `http://${issuerHost(options.host)}:${(server.address() as AddressInfo).port}`;

  // oidc-provider fixes its keys when built; requests go to whichever instance is current, so a
  // rotation is a new instance swapped in, and the server (and its issuer URL) stay as they are.
  const install = () => {
    const provider = createProvider(issuer, { ...setup, keys });
    provider.on('server_error', (_ctx: unknown, error: unknown) => logger?.error({ err: error }, 'identity provider error'));
    provider.on('grant.error', (_ctx: unknown, error: { error?: string; error_detail?: string }) =>
      logger?.info({ error: error.error, detail: error.error_detail }, 'token request refused'),
    );
    handle = provider.callback();
  };
  install();
  logger?.info({ issuer, kid: keys[0]!.kid }, 'development identity provider listening — never expose it');

  async function rotateSigningKey(): Promise<{ kid: string }> {
    const key = await createSigningKey();
    // Read after the await: concurrent rotations each keep the other's key.
    keys = rotatedKeySet(key, keys);
    install();
    logger?.info({ kid: key.kid, published: keys.map((published) => published.kid) }, 'signing key rotated');
    return { kid: key.kid };
  }

  async function rotateByHand(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      respondJson(response, 405, { error: 'method_not_allowed' });
      return;
    }
    request.resume();
    try {
      respondJson(response, 200, await rotateSigningKey());
    } catch (error) {
      logger?.error({ err: error }, 'key rotation failed');
      respondJson(response, 500, { error: 'server_error' });
    }
  }

  return {
    issuer,
    rotateSigningKey,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

function pathOf(request: IncomingMessage): string {
  return new URL(request.url ?? '/', 'http://localhost').pathname;
}

function respondJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The issuer must be a URL clients can reach: a wildcard bind address is reached over loopback. */
function issuerHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
