import { applicationDeliveries } from '../deliveries.ts';
import { accessLogPage, accessLogVerification } from '../../../lib/audit/resolvers.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { caseFacts, caseStatus, myCases, readCase, workQueue } from '../reads.ts';

export const Query: QueryResolvers = {
  case: (_root, { caseNumber }, context) => readCase(context, caseNumber),
  myCases: (_root, { filter, first, after }, context) => myCases(context, filter?.states, first, after),
  caseStatus: (_root, { caseNumber, idNumber }, context) => caseStatus(context, caseNumber, idNumber),
  workQueue: (_root, { filter, first, after }, context) => workQueue(context, filter ?? {}, first, after),
  applicationDeliveries: (_root, { state, first }, context) => applicationDeliveries(context, state, first),
  caseFacts: (_root, { caseNumber }, context) => caseFacts(context, caseNumber),
  casesAccessLog: (_root, args, context) => accessLogPage(context, args),
  verifyCasesAccessLog: (_root, _args, context) => accessLogVerification(context),
};
