import type { PublicResultResolvers } from '../generated/resolvers-types.ts';
import { kindName } from './names.ts';

/** applicantName is the stored, masked name: the full one was never kept. */
export const PublicResult: PublicResultResolvers = {
  kindName,
};
