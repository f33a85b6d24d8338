import { badUserInput } from '../errors.ts';

/** Relay-style cursor paging shared by every connection in the graph. */

export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined, fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badUserInput('first', `must be between 0 and ${MAX_PAGE_SIZE}`, `an integer 0–${MAX_PAGE_SIZE}`);
  }
  return size;
}

/** Cursors are opaque to clients: the sort key, base64url-encoded. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

/** Decodes `after`; a cursor that does not decode to a key of the expected shape is bad input. */
export function decodeCursor(after: string | null | undefined, isKey: (key: string) => boolean): string | null {
  if (after === null || after === undefined) return null;
  const key = /^[A-Za-z0-9_-]{1,200}$/.test(after) ? Buffer.from(after, 'base64url').toString('utf8') : '';
  if (!isKey(key)) throw badUserInput('after', 'is not a cursor returned by this connection', 'an endCursor or edge cursor');
  return key;
}

export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
}

/** Runs a "limit + 1" fetch and splits off the probe row that tells whether a next page exists. */
export async function fetchPage<T>(size: number, fetch: (limit: number) => Promise<T[]>): Promise<Page<T>> {
  if (size === 0) return { nodes: [], hasNextPage: false };
  const rows = await fetch(size + 1);
  return { nodes: rows.slice(0, size), hasNextPage: rows.length > size };
}
