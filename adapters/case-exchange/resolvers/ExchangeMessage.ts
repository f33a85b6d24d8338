import { authorize } from '../../../lib/auth/authorize.ts';
import type { EvidenceEntry } from '../evidence.ts';
import type { ExchangeMessageResolvers } from '../generated/resolvers-types.ts';
import { decodeCharset, decodeContentEncoding } from '../transport.ts';

/** The envelope as text: gunzipped and decoded as it was on arrival; null if it cannot be. */
export function envelopeText(entry: EvidenceEntry, raw: Buffer): string | null {
  try {
    return decodeCharset(decodeContentEncoding(raw, entry.contentEncoding ?? undefined), entry.contentType ?? undefined).xml;
  } catch {
    return null;
  }
}

export const ExchangeMessage: ExchangeMessageResolvers = {
  /** The cases subgraph's ProcessRecord.evidence: batched, auditors only. */
  __resolveReference(reference, { identity, loaders }) {
    authorize(identity.principal, 'exchange.read');
    return loaders.byMessageId.load(reference.messageId);
  },
  messageId: (entry) => entry.messageId ?? `#${entry.sequence}`,
  sender: (entry) => ({ clientId: entry.senderClientId, agency: entry.senderAgency }),
  status: (entry) => entry.outcome,
  currentStatus: (entry, _args, { loaders }) => loaders.currentStatus.load(entry.sequence),
  sha256: (entry) => entry.envelopeSha256,
  async envelope(entry, _args, { loaders }) {
    const raw = await loaders.envelope.load(entry.sequence);
    return raw ? envelopeText(entry, raw) : null;
  },
  async envelopeBase64(entry, _args, { loaders }) {
    return ((await loaders.envelope.load(entry.sequence)) ?? Buffer.alloc(0)).toString('base64');
  },
};
