import type { RegionResolvers } from '../generated/resolvers-types.ts';

export const Region: RegionResolvers = {
  __resolveReference(reference, { loaders }) {
    return loaders.region.load(reference.code);
  },

  parent(region, _args, { loaders }) {
    return region.parentCode === null ? null : loaders.region.load(region.parentCode);
  },

  children(region, _args, { loaders }) {
    return loaders.regionChildren.load(region.code);
  },
};
