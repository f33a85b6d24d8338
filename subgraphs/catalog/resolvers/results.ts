import type { Resolvers } from '../generated/resolvers-types.ts';
import { atDate } from '../loaders.ts';
import { required } from './required.ts';

/** Search hits, write payloads and audit rows refer to entities by code; these resolve them. */
export const SearchHit: Resolvers['SearchHit'] = {
  item: async (hit, _args, { loaders }) => required(await loaders.item.load(atDate(hit.basicCode, hit.asOf)), 'item', hit.basicCode),
  guide: (hit, _args, { loaders }) => (hit.guideCode ? loaders.guide.load(atDate(hit.guideCode, hit.asOf)) : null),
};

export const ItemVersionPayload: Resolvers['ItemVersionPayload'] = {
  item: async (payload, _args, { loaders }) =>
    required(await loaders.item.load(atDate(payload.basicCode, payload.version.effectiveFrom)), 'item', payload.basicCode),
};

export const GuideVersionPayload: Resolvers['GuideVersionPayload'] = {
  guide: async (payload, _args, { loaders }) =>
    required(await loaders.guide.load(atDate(payload.implementationCode, payload.version.effectiveFrom)), 'guide', payload.implementationCode),
};

export const AgencyAuditScore: Resolvers['AgencyAuditScore'] = {
  agency: async (row, _args, { loaders }) => required(await loaders.agency.load(row.agencyUscc), 'agency', row.agencyUscc),
};

export const RegionAuditScore: Resolvers['RegionAuditScore'] = {
  region: async (row, _args, { loaders }) => required(await loaders.region.load(row.regionCode), 'region', row.regionCode),
};
