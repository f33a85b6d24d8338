import { accessLogConnection } from '../../../lib/audit/resolvers.ts';
import { DateScalar, JSONObjectScalar } from '../../../lib/graphql/scalars.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { calendarResolvers } from './calendar.ts';
import { Case } from './Case.ts';
import { CaseActionPayload } from './CaseActionPayload.ts';
import { CaseConnection } from './CaseConnection.ts';
import { CaseStatus } from './CaseStatus.ts';
import { Mutation } from './Mutation.ts';
import { ProcessRecord } from './ProcessRecord.ts';
import { Query } from './Query.ts';
import { SpecialProcedure } from './SpecialProcedure.ts';
import { SubmissionReceipt } from './SubmissionReceipt.ts';

export const resolvers: Resolvers = {
  Date: DateScalar,
  JSONObject: JSONObjectScalar,
  Query: { ...Query, ...calendarResolvers.Query },
  Mutation: { ...Mutation, ...calendarResolvers.Mutation },
  AccessLogConnection: accessLogConnection,
  Case,
  CaseActionPayload,
  CaseConnection,
  CaseStatus,
  ProcessRecord,
  SpecialProcedure,
  SubmissionReceipt,
  ...calendarResolvers.types,
};
