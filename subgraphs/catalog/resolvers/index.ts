import { accessLogConnection } from '../../../lib/audit/resolvers.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { Agency } from './Agency.ts';
import { ServiceGuideConnection, ServiceItemConnection } from './connections.ts';
import { FormFile, LegalBasis, Situation } from './content.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { Region } from './Region.ts';
import { AgencyAuditScore, GuideVersionPayload, ItemVersionPayload, RegionAuditScore, SearchHit } from './results.ts';
import { DateScalar, JSONObjectScalar } from '../../../lib/graphql/scalars.ts';
import { ServiceGuide } from './ServiceGuide.ts';
import { ServiceGuideVersion } from './ServiceGuideVersion.ts';
import { ServiceItem } from './ServiceItem.ts';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Region,
  Agency,
  ServiceItem,
  ServiceGuide,
  ServiceGuideVersion,
  ServiceItemConnection,
  ServiceGuideConnection,
  LegalBasis,
  FormFile,
  Situation,
  SearchHit,
  ItemVersionPayload,
  GuideVersionPayload,
  AgencyAuditScore,
  RegionAuditScore,
  AccessLogConnection: accessLogConnection,
  Date: DateScalar,
  JSONObject: JSONObjectScalar,
};
