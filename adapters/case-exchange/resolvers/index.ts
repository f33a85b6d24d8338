import type { Resolvers } from '../generated/resolvers-types.ts';
import { ExchangeMessage } from './ExchangeMessage.ts';
import { ExchangeMessageConnection } from './ExchangeMessageConnection.ts';
import { Query } from './Query.ts';

export const resolvers: Resolvers = { Query, ExchangeMessageConnection, ExchangeMessage };
