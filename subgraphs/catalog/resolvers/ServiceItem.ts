import { optional, regionArg } from '../arguments.ts';
import type { ServiceItemResolvers } from '../generated/resolvers-types.ts';
import type { ServiceGuideModel } from '../models.ts';

const optionalRegion = optional(regionArg);

export const ServiceItem: ServiceItemResolvers = {
  __resolveReference(reference, { loaders }) {
    return loaders.item.load(reference.basicCode);
  },

  async guides(item, { region }, { loaders }) {
    const codes = await loaders.itemGuideCodes.load({ basicCode: item.basicCode, region: optionalRegion('region', region) });
    const guides = await loaders.guide.loadMany(codes);
    return guides.filter((guide): guide is ServiceGuideModel => guide !== null && !(guide instanceof Error));
  },
};
