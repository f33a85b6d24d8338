import type DataLoader from 'dataloader';
import type { EntityCache } from '../../lib/cache/cache.ts';
import { cachedLoader, groupedLoader } from '../../lib/cache/cachedLoader.ts';
import type { AgencyModel, RegionModel, ServiceGuideModel, ServiceItemModel } from './models.ts';
import type { CatalogRepository } from './repository.ts';

export interface ItemGuidesKey {
  basicCode: string;
  region: string | null;
}

/** Keys of versioned entities carry the date they are read at: `<code>@<YYYY-MM-DD>`. */
export const atDate = (code: string, asOf: string) => `${code}@${asOf}`;

/** Keys of one given version: `<code>#<number>`. */
export const atVersion = (code: string, number: number) => `${code}#${number}`;

/** The loaders of one request. Entity loaders read through the shared cache; list hops batch only. */
export interface CatalogLoaders {
  region: DataLoader<string, RegionModel | null>;
  agency: DataLoader<string, AgencyModel | null>;
  /** Keyed by atDate(basicCode, asOf). */
  item: DataLoader<string, ServiceItemModel | null>;
  /** Keyed by atDate(implementationCode, asOf). */
  guide: DataLoader<string, ServiceGuideModel | null>;
  /**
   * Keyed by atVersion(implementationCode, number): the guide as it stood in that version, read at
   * its effective date; null when the guide has no such version. Versions are immutable.
   */
  guideVersion: DataLoader<string, ServiceGuideModel | null>;
  /** Children by parent code; the key '' (DataLoader refuses null keys) asks for the top level. */
  regionChildren: DataLoader<string, RegionModel[]>;
  itemGuideCodes: DataLoader<ItemGuidesKey, string[]>;
}

/** Splits `code@date` keys by date, so each date costs one statement however many codes it has. */
function byDate<V>(fetch: (codes: string[], asOf: string) => Promise<V[]>) {
  return async (keys: readonly string[]): Promise<V[]> => {
    const dates = new Map<string, string[]>();
    for (const key of keys) {
      const [code, asOf] = key.split('@') as [string, string];
      dates.set(asOf, [...(dates.get(asOf) ?? []), code]);
    }
    return (await Promise.all([...dates].map(([asOf, codes]) => fetch(codes, asOf)))).flat();
  };
}

export function createLoaders(repository: CatalogRepository, cache: EntityCache): CatalogLoaders {
  return {
    region: cachedLoader(cache, 'region', (r) => r.code, (codes) => repository.regionsByCode(codes)),
    agency: cachedLoader(cache, 'agency', (a) => a.uscc, (usccs) => repository.agenciesByUscc(usccs)),
    item: cachedLoader(cache, 'item', (i) => atDate(i.basicCode, i.asOf), byDate((codes, asOf) => repository.itemsInForce(codes, asOf))),
    guide: cachedLoader(
      cache,
      'guide',
      (g) => atDate(g.implementationCode, g.asOf),
      byDate((codes, asOf) => repository.guidesInForce(codes, asOf)),
    ),
    // Any mix of codes and numbers costs one statement.
    guideVersion: cachedLoader(
      cache,
      'guideVersion',
      (g) => atVersion(g.implementationCode, g.version.number),
      (keys) =>
        repository.guideVersionsByNumber(
          keys.map((key) => {
            const [implementationCode, number] = key.split('#') as [string, string];
            return { implementationCode, number: Number(number) };
          }),
        ),
    ),
    regionChildren: groupedLoader(async (parents) =>
      (await repository.regionChildren(parents.map((parent) => parent || null))).map((region) => ({
        key: region.parentCode ?? '',
        value: region,
      })),
    ),
    // Keys with different region scopes are fetched per scope: one statement per distinct scope.
    itemGuideCodes: groupedLoader<ItemGuidesKey, string>(
      async (keys) => {
        const scopes = new Map<string | null, string[]>();
        for (const key of keys) scopes.set(key.region, [...(scopes.get(key.region) ?? []), key.basicCode]);
        const results = await Promise.all(
          [...scopes].map(async ([region, codes]) =>
            (await repository.guideCodesOfItems(codes, region)).map((row) => ({
              key: { basicCode: row.basicCode, region },
              value: row.implementationCode,
            })),
          ),
        );
        return results.flat();
      },
      (key) => `${key.basicCode}|${key.region ?? ''}`,
    ),
  };
}
