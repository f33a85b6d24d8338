import DataLoader from 'dataloader';
import type { InternalIdentity } from '../../lib/auth/internalToken.ts';
import { authorize } from '../../lib/auth/authorize.ts';
import type { Store } from '../../lib/db/store.ts';
import { badUserInput } from '../../lib/errors.ts';
import { decodeCursor, encodeCursor, fetchPage, pageSize } from '../../lib/graphql/pagination.ts';
import { envelopesOf, listEvidence, verifyEvidenceChain, type EvidenceEntry, type EvidenceFilter } from './evidence.ts';
import { currentStatuses, entriesByMessageId } from './repository.ts';
import { decodeCharset, decodeContentEncoding } from './transport.ts';
import { departmentCaseStatus, departmentLicenses } from '../legacy-query/fields.ts';
import type { LegacyQueries } from '../legacy-query/legacyQuery.ts';

/** What every exchange resolver receives; built fresh for each request. */
export interface Context {
  identity: InternalIdentity;
  store: Store;
  loaders: ExchangeLoaders;
  /** Wrapped legacy query services of departments (adapters/legacy-query); absent: none configured. */
  legacyQueries?: LegacyQueries;
}

export interface ExchangeLoaders {
  byMessageId: DataLoader<string, EvidenceEntry | null>;
  envelope: DataLoader<number, Buffer | null>;
  currentStatus: DataLoader<number, string | null>;
}

export function createLoaders(store: Store): ExchangeLoaders {
  return {
    byMessageId: new DataLoader(async (keys) => {
      const found = await entriesByMessageId(store, keys);
      return keys.map((key) => found.get(key) ?? null);
    }),
    envelope: new DataLoader(async (sequences) => {
      const found = await envelopesOf(store, sequences);
      return sequences.map((sequence) => found.get(sequence) ?? null);
    }),
    currentStatus: new DataLoader(async (sequences) => {
      const found = await currentStatuses(store, sequences);
      return sequences.map((sequence) => found.get(sequence) ?? null);
    }),
  };
}

const isSequence = (key: string) => /^\d{1,15}$/.test(key);

interface Page {
  nodes: EvidenceEntry[];
  hasNextPage: boolean;
}

/** The envelope as text: gunzipped and decoded as it was on arrival; null if it cannot be. */
export function envelopeText(entry: EvidenceEntry, raw: Buffer): string | null {
  try {
    return decodeCharset(decodeContentEncoding(raw, entry.contentEncoding ?? undefined), entry.contentType ?? undefined).xml;
  } catch {
    return null;
  }
}

export const resolvers = {
  Query: {
    async exchangeMessages(
      _parent: unknown,
      args: { filter?: { caseNumber?: string | null; status?: EvidenceFilter['outcome']; sender?: string | null } | null; first?: number | null; after?: string | null },
      { identity, store }: Context,
    ): Promise<Page> {
      authorize(identity.principal, 'exchange.read');
      const size = pageSize(args.first);
      const before = decodeCursor(args.after, isSequence);
      const filter: EvidenceFilter = { caseNumber: args.filter?.caseNumber, outcome: args.filter?.status, sender: args.filter?.sender };
      return fetchPage(size, (limit) => listEvidence(store, filter, limit, before === null ? null : Number(before)));
    },
    exchangeMessage(_parent: unknown, { messageId }: { messageId: string }, { identity, loaders }: Context) {
      authorize(identity.principal, 'exchange.read');
      return loaders.byMessageId.load(messageId);
    },
    verifyEvidenceLog(_parent: unknown, _args: unknown, { identity, store }: Context) {
      authorize(identity.principal, 'exchange.read');
      return verifyEvidenceChain(store);
    },
    departmentLicenses(_parent: unknown, args: { agency: string; holderCode: string }, { identity, legacyQueries }: Context) {
      authorize(identity.principal, 'legacy.query');
      if (!legacyQueries) throw badUserInput('agency', `no departmental query service of agency ${args.agency} answers this`);
      return departmentLicenses(legacyQueries, args.agency, args.holderCode);
    },
    departmentCaseStatus(_parent: unknown, args: { agency: string; caseNumber: string }, { identity, legacyQueries }: Context) {
      authorize(identity.principal, 'legacy.query');
      if (!legacyQueries) throw badUserInput('agency', `no departmental query service of agency ${args.agency} answers this`);
      return departmentCaseStatus(legacyQueries, args.agency, args.caseNumber);
    },
  },
  ExchangeMessageConnection: {
    edges: (page: Page) => page.nodes.map((node) => ({ cursor: encodeCursor(String(node.sequence)), node })),
    pageInfo: (page: Page) => {
      const last = page.nodes.at(-1);
      return { hasNextPage: page.hasNextPage, endCursor: last ? encodeCursor(String(last.sequence)) : null };
    },
  },
  ExchangeMessage: {
    /** The cases subgraph's ProcessRecord.evidence: batched, auditors only. */
    __resolveReference(reference: { messageId: string }, { identity, loaders }: Context) {
      authorize(identity.principal, 'exchange.read');
      return loaders.byMessageId.load(reference.messageId);
    },
    messageId: (entry: EvidenceEntry) => entry.messageId ?? `#${entry.sequence}`,
    sender: (entry: EvidenceEntry) => ({ clientId: entry.senderClientId, agency: entry.senderAgency }),
    status: (entry: EvidenceEntry) => entry.outcome,
    currentStatus: (entry: EvidenceEntry, _args: unknown, { loaders }: Context) => loaders.currentStatus.load(entry.sequence),
    sha256: (entry: EvidenceEntry) => entry.envelopeSha256,
    async envelope(entry: EvidenceEntry, _args: unknown, { loaders }: Context) {
      const raw = await loaders.envelope.load(entry.sequence);
      return raw ? envelopeText(entry, raw) : null;
    },
    async envelopeBase64(entry: EvidenceEntry, _args: unknown, { loaders }: Context) {
      return ((await loaders.envelope.load(entry.sequence)) ?? Buffer.alloc(0)).toString('base64');
    },
  },
};
