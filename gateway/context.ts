import type { InternalIdentity } from '../lib/auth/internalToken.ts';

/** What the gateway knows about a request while it plans and runs it. */
export interface GatewayContext {
  identity: InternalIdentity;
  /** The internal token for subgraphs, signed on first use and reused for this identity. */
  internalToken(): Promise<string>;
}
