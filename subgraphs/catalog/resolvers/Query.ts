import { decodeCursor, encodeCursor, fetchPage, pageSize } from '../../../lib/graphql/pagination.ts';
import { accessLogPage, accessLogVerification } from '../../../lib/audit/resolvers.ts';
import { badUserInput } from '../../../lib/errors.ts';
import {
  basicCodeArg,
  dateArg,
  implementationCodeArg,
  isBasicCode,
  isImplementationCode,
  optional,
  regionArg,
  usccArg,
} from '../arguments.ts';
import { auditGuideModel, summarize } from '../audit/service.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { diffContent } from '../guide/diff.ts';
import { atDate } from '../loaders.ts';

const optionalRegion = optional(regionArg);
const optionalUscc = optional(usccArg);
const MAX_SEARCH_HITS = 50;

/** Two versions of one entity, or BAD_USER_INPUT naming the missing one. */
function versionPair<T extends { number: number }>(versions: T[], from: number, to: number): [T, T] {
  const find = (number: number, field: string) => {
    const version = versions.find((candidate) => candidate.number === number);
    if (!version) throw badUserInput(field, `no version ${number}; versions are 1–${versions[0]?.number ?? 0}`);
    return version;
  };
  return [find(from, 'fromVersion'), find(to, 'toVersion')];
}

/** Entities a page named; a failed load is a server fault and surfaces as one. */
function present<T>(loaded: Array<T | null | Error>): T[] {
  return loaded.map((entry) => {
    if (entry instanceof Error) throw entry;
    if (entry === null) throw new Error('catalog integrity: a listed entry has no version in force');
    return entry;
  });
}

const asJson = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** The elements that differ between two versions, status included, with values as JSON text. */
function versionDiff<T extends { number: number; status: string; content: object }>(versions: T[], fromVersion: number, toVersion: number) {
  if (!versions.length) return [];
  const [from, to] = versionPair(versions, fromVersion, toVersion);
  return diffContent({ status: from.status, ...from.content }, { status: to.status, ...to.content }).map((change) => ({
    ...change,
    before: asJson(change.before),
    after: asJson(change.after),
  }));
}

export const Query: QueryResolvers = {
  async serviceItems(_parent, { filter, first, after }, { repository, loaders, today }) {
    const size = pageSize(first);
    const afterCode = decodeCursor(after, isBasicCode);
    const criteria = {
      type: filter?.type,
      class: filter?.class,
      group: filter?.group,
      agency: optionalUscc('filter.agency', filter?.agency),
      region: optionalRegion('filter.region', filter?.region),
    };
    const page = await fetchPage(size, (limit) => repository.itemPage(criteria, today, limit, afterCode));
    const nodes = present(await loaders.item.loadMany(page.nodes.map((code) => atDate(code, today))));
    return { ...page, nodes, cursorOf: (item) => encodeCursor(item.basicCode), count: () => repository.itemCount(criteria, today) };
  },

  serviceItem(_parent, { basicCode, asOf }, { loaders, today }) {
    return loaders.item.load(atDate(basicCodeArg('basicCode', basicCode), dateArg('asOf', asOf, today)));
  },

  async serviceGuides(_parent, { filter, first, after }, { repository, loaders, today }) {
    const size = pageSize(first);
    const afterCode = decodeCursor(after, isImplementationCode);
    const criteria = {
      agency: optionalUscc('filter.agency', filter?.agency),
      region: optionalRegion('filter.region', filter?.region),
      type: filter?.type,
    };
    const page = await fetchPage(size, (limit) => repository.guidePage(criteria, today, limit, afterCode));
    const nodes = present(await loaders.guide.loadMany(page.nodes.map((code) => atDate(code, today))));
    return { ...page, nodes, cursorOf: (guide) => encodeCursor(guide.implementationCode), count: () => repository.guideCount(criteria, today) };
  },

  serviceGuide(_parent, { implementationCode, asOf }, { loaders, today }) {
    return loaders.guide.load(atDate(implementationCodeArg('implementationCode', implementationCode), dateArg('asOf', asOf, today)));
  },

  async serviceGuideDiff(_parent, { implementationCode, fromVersion, toVersion }, { repository }) {
    return versionDiff(await repository.guideVersions(implementationCodeArg('implementationCode', implementationCode)), fromVersion, toVersion);
  },

  async serviceItemDiff(_parent, { basicCode, fromVersion, toVersion }, { repository }) {
    return versionDiff(await repository.itemVersions(basicCodeArg('basicCode', basicCode)), fromVersion, toVersion);
  },

  async guideAudit(_parent, { implementationCode }, { loaders, today }) {
    const guide = await loaders.guide.load(atDate(implementationCodeArg('implementationCode', implementationCode), today));
    if (!guide) return null;
    const item = await loaders.item.load(atDate(guide.basicCode, today));
    return item ? { guide, ...auditGuideModel(guide, item, today) } : null;
  },

  async auditSummary(_parent, { region, agency }, { repository, today }) {
    const pairs = await repository.guidesWithItemsInForce(
      { region: optionalRegion('region', region), agency: optionalUscc('agency', agency) },
      today,
    );
    return summarize(pairs, today);
  },

  async searchServices(_parent, { query, region, first }, { search, loaders, today }) {
    const limit = first ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_HITS) {
      throw badUserInput('first', `must be between 1 and ${MAX_SEARCH_HITS}`, `an integer 1–${MAX_SEARCH_HITS}`);
    }
    const scope = optionalRegion('region', region);
    const hits = await search.search(query, limit);
    const codes = await Promise.all(hits.map((hit) => loaders.itemGuideCodes.load({ basicCode: hit.basicCode, region: scope })));
    return hits.map((hit, index) => ({ ...hit, asOf: today, guideCode: codes[index]?.[0] ?? null }));
  },

  catalogAccessLog: (_parent, args, context) => accessLogPage(context, args),

  verifyCatalogAccessLog: (_parent, _args, context) => accessLogVerification(context),

  agencies(_parent, { region }, { repository }) {
    return repository.agencies(optionalRegion('region', region));
  },

  regions(_parent, { parent }, { loaders }) {
    return loaders.regionChildren.load(optionalRegion('parent', parent) ?? '');
  },
};
