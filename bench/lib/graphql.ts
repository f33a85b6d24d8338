import type { Figures, LoadRequest } from './measure.ts';

/** A target that answers wrongly is not measured: a fast wrong answer would read as a win. */
export class CorrectnessError extends Error {
  constructor(readonly target: string, reason: string) {
    super(`${target}: correctness check failed: ${reason}`);
    this.name = 'CorrectnessError';
  }
}

export interface GraphQLOperation {
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
}

const HEADERS = { 'content-type': 'application/json' };

/** Cheap enough to run on every response under load; a full parse would tax the shared CPU. */
export const carriesNoErrors = (body: string) => body.startsWith('{"data"') && !body.includes('"errors"');

/** The load of one operation repeated, or of several sent in turn (a working set of variables). */
export function graphqlLoad(url: string, operation: GraphQLOperation | readonly GraphQLOperation[], headers: Record<string, string> = {}): LoadRequest {
  const request = { url, method: 'POST', headers: { ...HEADERS, ...headers }, verifyBody: carriesNoErrors } as const;
  if ('query' in operation) return { ...request, body: JSON.stringify(operation) };
  return { ...request, bodies: operation.map((each) => JSON.stringify(each)) };
}

/**
 * The load of an operation built afresh for every request (a unique client request id, the token
 * of the next of several principals). `verify` replaces the no-errors check, e.g. to insist on a
 * field's value as well.
 */
export function graphqlFreshLoad(
  url: string,
  next: () => { operation: GraphQLOperation; headers?: Record<string, string> },
  verify: (body: string) => boolean = carriesNoErrors,
): LoadRequest {
  return {
    url,
    method: 'POST',
    headers: HEADERS,
    verifyBody: verify,
    next: () => {
      const { operation, headers } = next();
      return { body: JSON.stringify(operation), ...(headers ? { headers } : {}) };
    },
  };
}

/**
 * Wraps a response check so that the first few responses it rejects are kept: a refusal under load
 * is then reported with what the server said, not only counted.
 */
export function keepingRefusals(verify: (body: string) => boolean = carriesNoErrors, keep = 3): { verify: (body: string) => boolean; refusals: string[] } {
  const refusals: string[] = [];
  return {
    refusals,
    verify: (body) => {
      const ok = verify(body);
      if (!ok && refusals.length < keep) refusals.push(body.slice(0, 600));
      return ok;
    },
  };
}

/**
 * Sends the operation once and returns its `data` after the checks every GraphQL target must
 * pass: HTTP 200, a JSON body, no errors, data present. Scenario-specific checks come after.
 */
export async function checkOnce(
  target: string,
  url: string,
  operation: GraphQLOperation,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { ...HEADERS, ...headers }, body: JSON.stringify(operation) });
  } catch (error) {
    throw new CorrectnessError(target, `request to ${url} failed: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (response.status !== 200) throw new CorrectnessError(target, `HTTP ${response.status}: ${text.slice(0, 500)}`);
  let body: { data?: Record<string, unknown> | null; errors?: unknown[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new CorrectnessError(target, `response is not JSON: ${text.slice(0, 500)}`);
  }
  if (body.errors?.length) throw new CorrectnessError(target, `errors in response: ${JSON.stringify(body.errors).slice(0, 1000)}`);
  if (!body.data) throw new CorrectnessError(target, 'response has no data');
  if (!carriesNoErrors(text)) throw new CorrectnessError(target, 'response would fail the per-request check used under load');
  return body.data;
}

/** Refusals under load (429, 5xx, GraphQL errors) would be fast wrong answers: fail, don't report. */
export function assertNoRefusals(target: string, figures: Figures, refusals: readonly string[] = []): void {
  if (figures.errors || figures.timeouts || figures.non2xx || figures.mismatches) {
    const said = refusals.length ? `; first refused answers: ${refusals.join(' | ')}` : '';
    throw new CorrectnessError(target, `under load: ${figures.errors} errors, ${figures.timeouts} timeouts, ${figures.non2xx} non-2xx, ${figures.mismatches} answers with errors${said}`);
  }
}
