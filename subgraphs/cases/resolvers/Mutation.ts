import { redeliverApplication } from '../deliveries.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { actOnCase, type CaseActionInput } from '../actions/act.ts';
import { exchangeCaseRecord, type ExchangeRecordInput } from '../actions/exchange.ts';
import { submitApplication, type ApplicationInput } from '../submission/submit.ts';

export const Mutation: MutationResolvers = {
  submitApplication: (_root, { input }, context) => submitApplication(context, input as ApplicationInput),
  actOnCase: (_root, { caseNumber, action, input }, context) => actOnCase(context, caseNumber, action, input as CaseActionInput),
  redeliverApplication: (_root, { caseNumber }, context) => redeliverApplication(context, caseNumber),
  exchangeCaseRecord: (_root, { input }, context) => exchangeCaseRecord(context, input as ExchangeRecordInput),
};
