import { accessLogConnection } from '../../../lib/audit/resolvers.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { Alert } from './Alert.ts';
import { AlertConnection } from './AlertConnection.ts';
import { Case } from './Case.ts';
import { Complaint } from './Complaint.ts';
import { Evaluation } from './Evaluation.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { RectificationTask } from './RectificationTask.ts';
import { Rule } from './Rule.ts';
import { SupervisionOrder } from './SupervisionOrder.ts';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  AccessLogConnection: accessLogConnection,
  Case,
  Rule,
  Alert,
  AlertConnection,
  SupervisionOrder,
  Complaint,
  Evaluation,
  RectificationTask,
};
