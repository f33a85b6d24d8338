import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/**
 * An OIDC issuer the test controls: a real HTTP server with a discovery document and a JWKS,
 * and signing keys the test holds, so it can mint tokens a real provider never would (expired,
 * wrong audience, odd headers). It is a peer of the gateway over HTTP, not a mock of jose.
 */
export interface TestIssuer {
  issuer: string;
  /** Signs claims (defaults: iss, aud tongban, sub, exp in 5 min, typ at+jwt) with the current key. */
  sign(claims?: JWTPayload, header?: { typ?: string; kid?: string; alg?: string }, omit?: Array<'exp' | 'aud' | 'iss'>): Promise<string>;
  /** A new current key; the old one stays published. */
  rotate(): Promise<string>;
  /** The current key's public JWK (for key-confusion attacks). */
  publicJwk(): JWK;
  /** How many times the JWKS was fetched. */
  jwksFetches(): number;
  /** Stops answering (connections refused) / answers again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function newKey(index: number): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `test-key-${index}`;
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export const CITIZEN_CLAIMS = {
  sub: 'test-citizen',
  tongban_kind: 'NATURAL_PERSON',
  name: '测试公民',
  id_number: '11010519491231002X',
  real_name_level: 2,
};

export async function startTestIssuer(): Promise<TestIssuer> {
  const keys: SigningKey[] = [await newKey(1)];
  let fetches = 0;
  let port = 0;
  let server: Server | null = null;
  let issuer = '';

  const handler = (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => {
    response.setHeader('content-type', 'application/json');
    if (request.url === '/.well-known/openid-configuration') {
      response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks`, token_endpoint: `${issuer}/token`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (request.url === '/jwks') {
      fetches += 1;
      response.end(JSON.stringify({ keys: keys.map((key) => key.publicJwk) }));
    } else {
      response.statusCode = 404;
      response.end('{}');
    }
  };

  async function start(): Promise<void> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
    issuer = `http://127.0.0.1:${port}`;
  }
  async function stop(): Promise<void> {
    if (!server) return;
    const closing = server;
    server = null;
    closing.closeAllConnections();
    await new Promise<void>((resolve) => closing.close(() => resolve()));
  }
  await start();

  return {
    get issuer() {
      return issuer;
    },
    async sign(claims = CITIZEN_CLAIMS, header = {}, omit = []) {
      const key = keys[0]!;
      const now = Math.floor(Date.now() / 1000);
      const jwt = new SignJWT({ ...claims })
        .setProtectedHeader({ alg: header.alg ?? 'RS256', kid: header.kid ?? key.kid, typ: header.typ ?? 'at+jwt' })
        .setIssuedAt(claims.iat ?? now);
      if (!omit.includes('iss')) jwt.setIssuer(claims.iss ?? issuer);
      if (!omit.includes('aud')) jwt.setAudience(claims.aud ?? 'tongban');
      if (!omit.includes('exp')) jwt.setExpirationTime(claims.exp ?? now + 300);
      return jwt.sign(key.privateKey);
    },
    async rotate() {
      keys.unshift(await newKey(keys.length + 1));
      return keys[0]!.kid;
    },
    publicJwk: () => keys[0]!.publicJwk,
    jwksFetches: () => fetches,
    start,
    stop,
    close: stop,
  };
}
