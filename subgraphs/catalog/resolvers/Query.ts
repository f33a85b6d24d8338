import { decodeCursor, encodeCursor, fetchPage, pageSize } from '../../../lib/graphql/pagination.ts';
import {
  basicCodeArg,
  implementationCodeArg,
  isBasicCode,
  isImplementationCode,
  optional,
  regionArg,
  usccArg,
} from '../arguments.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';

const optionalRegion = optional(regionArg);
const optionalUscc = optional(usccArg);

export const Query: QueryResolvers = {
  async serviceItems(_parent, { filter, first, after }, { repository, loaders }) {
    const size = pageSize(first);
    const afterCode = decodeCursor(after, isBasicCode);
    const criteria = {
      type: filter?.type,
      class: filter?.class,
      group: filter?.group,
      agency: optionalUscc('filter.agency', filter?.agency),
      region: optionalRegion('filter.region', filter?.region),
    };
    const page = await fetchPage(size, (limit) => repository.itemPage(criteria, limit, afterCode));
    for (const item of page.nodes) loaders.item.prime(item.basicCode, item);
    return {
      ...page,
      cursorOf: (item) => encodeCursor(item.basicCode),
      count: () => repository.itemCount(criteria),
    };
  },

  serviceItem(_parent, { basicCode }, { loaders }) {
    return loaders.item.load(basicCodeArg('basicCode', basicCode));
  },

  async serviceGuides(_parent, { filter, first, after }, { repository, loaders }) {
    const size = pageSize(first);
    const afterCode = decodeCursor(after, isImplementationCode);
    const criteria = {
      agency: optionalUscc('filter.agency', filter?.agency),
      region: optionalRegion('filter.region', filter?.region),
      type: filter?.type,
    };
    const page = await fetchPage(size, (limit) => repository.guidePage(criteria, limit, afterCode));
    for (const guide of page.nodes) loaders.guide.prime(guide.implementationCode, guide);
    return {
      ...page,
      cursorOf: (guide) => encodeCursor(guide.implementationCode),
      count: () => repository.guideCount(criteria),
    };
  },

  serviceGuide(_parent, { implementationCode }, { loaders }) {
    return loaders.guide.load(implementationCodeArg('implementationCode', implementationCode));
  },

  agencies(_parent, { region }, { repository }) {
    return repository.agencies(optionalRegion('region', region));
  },

  regions(_parent, { parent }, { loaders }) {
    return loaders.regionChildren.load(optionalRegion('parent', parent) ?? '');
  },
};
