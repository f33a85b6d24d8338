import type { AgencyResolvers } from '../generated/resolvers-types.ts';
import { required } from './required.ts';

export const Agency: AgencyResolvers = {
  __resolveReference(reference, { loaders }) {
    return loaders.agency.load(reference.uscc);
  },

  async region(agency, _args, { loaders }) {
    return required(await loaders.region.load(agency.regionCode), 'region', agency.regionCode);
  },

  parent(agency, _args, { loaders }) {
    return agency.parentUscc === null ? null : loaders.agency.load(agency.parentUscc);
  },
};
