import { accessLogPage, accessLogVerification } from '../../../lib/audit/resolvers.ts';
import { alertQueries } from '../alerts/fields.ts';
import { complaintQueries } from '../complaints/fields.ts';
import { evaluationQueries } from '../evaluations/fields.ts';
import { figureQueries } from '../figures/fields.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { orderQueries } from '../orders/fields.ts';
import { ruleQueries } from '../rules/fields.ts';

/** The root fields, each area's from its own folder (rules/, alerts/, orders/ …): one place to look per area. */
export const Query: QueryResolvers = {
  supervisionAccessLog: (_parent, args, context) => accessLogPage(context, args),
  verifySupervisionAccessLog: (_parent, _args, context) => accessLogVerification(context),
  ...ruleQueries,
  ...alertQueries,
  ...orderQueries,
  ...complaintQueries,
  ...evaluationQueries,
  ...figureQueries,
};
