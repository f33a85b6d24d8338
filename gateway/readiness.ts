import type { Agent } from 'undici';
import { fetch as undiciFetch } from 'undici';

export interface SubgraphEndpoint {
  name: string;
  url: string;
  agent: Agent;
}

export interface Readiness {
  ready: boolean;
  subgraphs: Record<string, 'up' | 'down'>;
}

/**
 * A subgraph is up when it answers a trivial GraphQL operation. Checking the GraphQL endpoint
 * itself (not a side /health route) is what any Federation subgraph supports, and it fails when
 * the subgraph's schema or HTTP layer is broken, not just when its process is gone.
 */
export async function checkSubgraphs(
  endpoints: SubgraphEndpoint[],
  timeoutMs: number,
  internalToken: () => Promise<string>,
): Promise<Readiness> {
  const authorization = `Bearer ${await internalToken()}`;
  const results = await Promise.all(
    endpoints.map(async ({ name, url, agent }) => {
      try {
        const response = await undiciFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: '{"query":"{ __typename }"}',
          signal: AbortSignal.timeout(timeoutMs),
          dispatcher: agent,
        });
        const body = (await response.json()) as { data?: { __typename?: string } };
        return [name, response.ok && body.data?.__typename === 'Query' ? 'up' : 'down'] as const;
      } catch {
        return [name, 'down'] as const;
      }
    }),
  );
  return { ready: results.every(([, state]) => state === 'up'), subgraphs: Object.fromEntries(results) };
}
