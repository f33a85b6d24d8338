import type { ServiceGuideResolvers } from '../generated/resolvers-types.ts';
import { renderHours, renderLegalBasis, renderLocation } from '../guide/render.ts';
import { atDate } from '../loaders.ts';
import type { AgencyModel, ServiceGuideModel } from '../models.ts';
import type { Context } from '../context.ts';
import { required } from './required.ts';

/** The guide's item at the same date: the common elements the guide shows. */
async function itemOf(guide: ServiceGuideModel, { loaders }: Context) {
  return required(await loaders.item.load(atDate(guide.basicCode, guide.asOf)), 'item', guide.basicCode);
}

/** Most fields are the individual elements themselves (spread into the model); these are the rest. */
export const ServiceGuide: ServiceGuideResolvers = {
  __resolveReference(reference, { loaders, today }) {
    return loaders.guide.load(atDate(reference.implementationCode, today));
  },

  name: async (guide, _args, context) => (await itemOf(guide, context)).name,
  item: (guide, _args, context) => itemOf(guide, context),
  legalBasis: async (guide, _args, context) => renderLegalBasis((await itemOf(guide, context)).legalBasis),
  legalTimeLimit: async (guide, _args, context) => (await itemOf(guide, context)).legalTimeLimit,
  location: (guide) => renderLocation(guide.location),
  hours: (guide) => renderHours(guide.hours),
  phone: (guide) => guide.consultationPhone,
  address: (guide) => guide.location,
  schedule: (guide) => guide.hours,
  status: (guide) => guide.version.status,
  document: (guide) => guide.content as unknown as Record<string, unknown>,

  async agency(guide, _args, { loaders }) {
    return required(await loaders.agency.load(guide.agencyUscc), 'agency', guide.agencyUscc);
  },

  async agencyNature(guide, _args, { loaders }) {
    return required(await loaders.agency.load(guide.agencyUscc), 'agency', guide.agencyUscc).nature;
  },

  async jointAgencies(guide, _args, { loaders }) {
    const agencies = await loaders.agency.loadMany(guide.jointAgencies);
    return agencies.filter((agency): agency is AgencyModel => agency !== null && !(agency instanceof Error));
  },

  async region(guide, _args, { loaders }) {
    return required(await loaders.region.load(guide.regionCode), 'region', guide.regionCode);
  },

  versions: (guide, _args, { repository }) => repository.guideVersions(guide.implementationCode),
};
