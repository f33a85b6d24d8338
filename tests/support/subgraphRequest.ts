import type { InternalSigner, RequestMeta } from '../../lib/auth/internalToken.ts';
import type { Principal } from '../../lib/auth/principal.ts';

const NO_META: RequestMeta = { clientIp: null, purpose: null };

/**
 * POSTs GraphQL straight to a subgraph with an internal token for `principal`, as the gateway (or
 * another subgraph, with its service key) does — the way subgraph-level tests reach a subgraph.
 */
export async function postToSubgraph(
  url: string,
  signer: InternalSigner,
  principal: Principal,
  query: string,
  variables: Record<string, unknown> = {},
  meta: RequestMeta = NO_META,
): Promise<{ status: number; body: any }> {
  const token = await signer.sign({ principal, meta });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}
