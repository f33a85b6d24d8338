/**
 * oidc-provider ships no type declarations. These cover only what the development provider uses,
 * written against oidc-provider 9.13 (lib/provider.js, lib/helpers/defaults.js, lib/models/).
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    client_name?: string;
    grant_types?: string[];
    response_types?: string[];
    redirect_uris?: string[];
    token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' | 'none';
  }

  export interface ResourceServerInfo {
    /** Space-separated scopes the resource server accepts; '' for none. */
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: 'opaque' | 'jwt';
  }

  export class ResourceServer {
    constructor(identifier: string, info: ResourceServerInfo);
    readonly audience: string | undefined;
    readonly scope: string;
    readonly scopes: Set<string>;
    identifier(): string;
  }

  export interface Client {
    readonly clientId: string;
  }

  export interface OIDCContext {
    readonly provider: Provider;
    readonly client: Client | undefined;
    readonly params: Record<string, unknown> | undefined;
    entity(name: string, value: unknown): void;
  }

  export interface KoaContextWithOIDC {
    readonly oidc: OIDCContext;
    body: unknown;
  }

  interface BaseToken {
    readonly jti: string;
    readonly clientId: string;
    readonly client: Client | undefined;
    readonly resourceServer: ResourceServer | undefined;
    readonly expiration: number;
    readonly tokenType: string;
    scope: string | undefined;
    save(): Promise<string>;
  }

  export interface AccessToken extends BaseToken {
    readonly kind: 'AccessToken';
    readonly accountId: string | undefined;
  }

  export interface ClientCredentials extends BaseToken {
    readonly kind: 'ClientCredentials';
  }

  export interface AccessTokenInit {
    accountId: string;
    client: Client;
    resourceServer?: ResourceServer;
    scope?: string;
    /** The grant type, kept in the token's stored payload. */
    gty?: string;
  }

  export type AdapterPayload = Record<string, unknown>;

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface JWK {
    kty: string;
    kid?: string;
    alg?: string;
    use?: string;
    [parameter: string]: unknown;
  }

  export interface Configuration {
    adapter?: (name: string) => Adapter;
    clients?: ClientMetadata[];
    jwks?: { keys: JWK[] };
    cookies?: { keys?: string[] };
    claims?: Record<string, string[] | null>;
    scopes?: string[];
    findAccount?: (ctx: KoaContextWithOIDC, sub: string) => Promise<Account | undefined>;
    extraTokenClaims?: (
      ctx: KoaContextWithOIDC,
      token: AccessToken | ClientCredentials,
    ) => Promise<Record<string, unknown> | undefined>;
    features?: {
      devInteractions?: { enabled: boolean };
      clientCredentials?: { enabled: boolean };
      introspection?: { enabled: boolean };
      revocation?: { enabled: boolean };
      resourceIndicators?: {
        enabled: boolean;
        defaultResource?: (ctx: KoaContextWithOIDC, client: Client, oneOf?: string[]) => Promise<string | string[] | undefined>;
        useGrantedResource?: (ctx: KoaContextWithOIDC, model: unknown) => Promise<boolean>;
        getResourceServerInfo?: (ctx: KoaContextWithOIDC, resourceIndicator: string, client: Client) => Promise<ResourceServerInfo>;
      };
    };
    ttl?: Record<string, number>;
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    readonly AccessToken: new (init: AccessTokenInit) => AccessToken;
    readonly ResourceServer: typeof ResourceServer;
    callback(): (request: IncomingMessage, response: ServerResponse) => Promise<void>;
    registerGrantType(
      name: string,
      handler: (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>,
      params?: string | string[] | Set<string>,
      allowedDuplicateParameters?: string | string[] | Set<string>,
    ): void;
    on(event: string, listener: (...args: any[]) => void): this;
  }

  export namespace errors {
    class OIDCProviderError extends Error {
      readonly error: string;
      readonly error_description: string | undefined;
      readonly status: number;
    }
    /** error_description is fixed ('grant request is invalid'); the detail is only logged. */
    class InvalidGrant extends OIDCProviderError {
      constructor(detail?: string);
    }
    class InvalidTarget extends OIDCProviderError {
      constructor(description?: string);
    }
    class InvalidRequest extends OIDCProviderError {
      constructor(description?: string);
    }
  }

  export default Provider;
}
