import type { SealKeyResolvers } from '../generated/resolvers-types.ts';

export const SealKey: SealKeyResolvers = {
  agency: (key) => ({ uscc: key.agency }),
};
