import { authorize } from '../../../lib/auth/authorize.ts';
import { isImplementationCode } from '../arguments.ts';
import type { ServiceGuideVersionResolvers } from '../generated/resolvers-types.ts';
import { atVersion } from '../loaders.ts';

/** Version numbers are SQL int (GraphQL Int is 32-bit too). */
const MAX_INT = 2_147_483_647;

/**
 * A guide version other subgraphs refer to by { implementationCode, number } (a case keeps the
 * version it was filed under). References are batched through the guideVersion loader: one
 * statement for any number of them. A code or number that names no version resolves to null —
 * malformed ones too, since a reference is a lookup, not user input to correct.
 */
export const ServiceGuideVersion: ServiceGuideVersionResolvers = {
  async __resolveReference(reference, { identity, loaders }) {
    authorize(identity.principal, 'catalog.read');
    const code = reference.implementationCode;
    const number = Number(reference.number);
    if (typeof code !== 'string' || !isImplementationCode(code) || !Number.isInteger(number) || number < 1 || number > MAX_INT) return null;
    const guide = await loaders.guideVersion.load(atVersion(code, number));
    return guide ? { guide } : null;
  },

  implementationCode: ({ guide }) => guide.implementationCode,
  number: ({ guide }) => guide.version.number,
  effectiveFrom: ({ guide }) => guide.version.effectiveFrom,
  status: ({ guide }) => guide.version.status,
  author: ({ guide }) => guide.version.author,
  reason: ({ guide }) => guide.version.reason,
  recordedAt: ({ guide }) => guide.version.recordedAt,
  guide: ({ guide }) => guide,
  document: ({ guide }) => guide.content as unknown as Record<string, unknown>,
};
