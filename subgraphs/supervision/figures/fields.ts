import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { efficiencyFigures } from './compute.ts';

/** The figures' root field (resolvers/Query.ts composes it). */
export const figureQueries: Pick<QueryResolvers, 'efficiencyFigures'> = {
  efficiencyFigures: (_parent, args, context) => efficiencyFigures(context, args),
};
