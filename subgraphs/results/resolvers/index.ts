import { accessLogConnection } from '../../../lib/audit/resolvers.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { Case } from './Case.ts';
import { CaseResult } from './CaseResult.ts';
import { CaseStatus } from './CaseStatus.ts';
import { CaseStatusResult } from './CaseStatusResult.ts';
import { Mutation } from './Mutation.ts';
import { PublicResult } from './PublicResult.ts';
import { PublicResultConnection } from './PublicResultConnection.ts';
import { Query } from './Query.ts';

export const resolvers: Resolvers = { Query, Mutation, AccessLogConnection: accessLogConnection, Case, CaseStatus, CaseResult, CaseStatusResult, PublicResult, PublicResultConnection };
