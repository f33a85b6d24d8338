import { accessLogConnection } from '../../../lib/audit/resolvers.ts';
import type { AccessLogConnectionResolvers } from '../generated/resolvers-types.ts';

export const AccessLogConnection: AccessLogConnectionResolvers = accessLogConnection;
