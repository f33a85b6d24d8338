import { alertMutations } from '../alerts/fields.ts';
import { complaintMutations } from '../complaints/fields.ts';
import { evaluationMutations } from '../evaluations/fields.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { observationMutations } from '../observations/fields.ts';
import { orderMutations } from '../orders/fields.ts';
import { ruleMutations } from '../rules/fields.ts';

/** The root mutations, each area's from its own folder. */
export const Mutation: MutationResolvers = {
  ...observationMutations,
  ...ruleMutations,
  ...alertMutations,
  ...orderMutations,
  ...complaintMutations,
  ...evaluationMutations,
};
