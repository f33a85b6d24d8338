import DataLoader from 'dataloader';
import type { Store } from '../../lib/db/store.ts';
import { envelopesOf, type EvidenceEntry, type EvidenceOutcome } from './evidence.ts';
import { currentStatuses, entriesByMessageId } from './repository.ts';

export interface ExchangeLoaders {
  byMessageId: DataLoader<string, EvidenceEntry | null>;
  envelope: DataLoader<number, Buffer | null>;
  /** The inbox's status (its CHECK constraint allows APPLIED, HELD, REJECTED only). */
  currentStatus: DataLoader<number, EvidenceOutcome | null>;
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
      return sequences.map((sequence) => (found.get(sequence) as EvidenceOutcome | undefined) ?? null);
    }),
  };
}
