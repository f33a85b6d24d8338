import { optional, regionArg } from '../arguments.ts';
import type { ServiceItemResolvers } from '../generated/resolvers-types.ts';
import { atDate } from '../loaders.ts';
import type { ServiceGuideModel } from '../models.ts';

const optionalRegion = optional(regionArg);

/** Most fields are the common elements themselves (spread into the model); these are the rest. */
export const ServiceItem: ServiceItemResolvers = {
  __resolveReference(reference, { loaders, today }) {
    return loaders.item.load(atDate(reference.basicCode, today));
  },

  status: (item) => item.version.status,
  document: (item) => item.content as unknown as Record<string, unknown>,

  versions: (item, _args, { repository }) => repository.itemVersions(item.basicCode),

  situations: (item) => item.situations.map((situation) => ({ ...situation, item })),

  async guides(item, { region }, { loaders }) {
    const codes = await loaders.itemGuideCodes.load({ basicCode: item.basicCode, region: optionalRegion('region', region) });
    const guides = await loaders.guide.loadMany(codes.map((code) => atDate(code, item.asOf)));
    return guides.filter((guide): guide is ServiceGuideModel => guide !== null && !(guide instanceof Error) && guide.version.status === 'ACTIVE');
  },
};
