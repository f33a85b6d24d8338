import type { Resolvers } from '../generated/resolvers-types.ts';
import { AccessLogConnection } from './AccessLogConnection.ts';
import { Principal } from './Principal.ts';
import { Query } from './Query.ts';

export const resolvers: Resolvers = { Query, Principal, AccessLogConnection };
