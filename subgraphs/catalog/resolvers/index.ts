import type { Resolvers } from '../generated/resolvers-types.ts';
import { Agency } from './Agency.ts';
import { ServiceGuideConnection, ServiceItemConnection } from './connections.ts';
import { Query } from './Query.ts';
import { Region } from './Region.ts';
import { ServiceGuide } from './ServiceGuide.ts';
import { ServiceItem } from './ServiceItem.ts';

export const resolvers: Resolvers = {
  Query,
  Region,
  Agency,
  ServiceItem,
  ServiceGuide,
  ServiceItemConnection,
  ServiceGuideConnection,
};
