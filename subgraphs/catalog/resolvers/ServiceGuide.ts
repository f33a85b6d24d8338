import type { ServiceGuideResolvers } from '../generated/resolvers-types.ts';
import { required } from './required.ts';

export const ServiceGuide: ServiceGuideResolvers = {
  __resolveReference(reference, { loaders }) {
    return loaders.guide.load(reference.implementationCode);
  },

  async name(guide, _args, { loaders }) {
    return required(await loaders.item.load(guide.basicCode), 'item', guide.basicCode).name;
  },

  async item(guide, _args, { loaders }) {
    return required(await loaders.item.load(guide.basicCode), 'item', guide.basicCode);
  },

  async agency(guide, _args, { loaders }) {
    return required(await loaders.agency.load(guide.agencyUscc), 'agency', guide.agencyUscc);
  },

  async region(guide, _args, { loaders }) {
    return required(await loaders.region.load(guide.regionCode), 'region', guide.regionCode);
  },
};
