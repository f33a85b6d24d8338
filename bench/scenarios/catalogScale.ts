import { performance } from 'node:perf_hooks';
import { regionLevel } from '../../lib/codes/index.ts';
import { createLogger } from '../../lib/logger.ts';
import { startPlatform, type Platform } from '../../scripts/platform.ts';
import { loadCatalogSeed } from '../../seeds/catalog/load.ts';
import { buildScaleSeed, DEFAULT_SCALE_COUNTIES } from '../../seeds/catalog/scale.ts';
import type { CatalogSeed } from '../../seeds/catalog/types.ts';
import labelled from '../../tests/search/queries.json' with { type: 'json' };
import { assertNoRefusals, checkOnce, CorrectnessError, graphqlLoad, type GraphQLOperation } from '../lib/graphql.ts';
import { measure } from '../lib/measure.ts';
import { benchConfig } from '../lib/platformConfig.ts';
import type { MeasuredTarget } from '../lib/report.ts';
import { Resources } from '../lib/resources.ts';
import type { Scenario } from '../lib/scenario.ts';
import { positiveNumber } from '../lib/settings.ts';
import { dropSupervisionSchema, supervisionSchemaVariable } from './supervision/ownSchema.ts';

/**
 * Distinct guides and searches each target cycles through. Every one is checked, and so cached,
 * before measuring: the cache-on figures are a warm cache over a working set, the way a portal's
 * popular guides are read, not a cold read of every guide in the province.
 */
const GUIDE_WORKING_SET = 1_000;
/** The supervision subgraph each platform runs too: a schema of its own, recreated for each platform (no case is filed here). */
const SUPERVISION_SCHEMA = 'bench_catalog_scale_supervision';
const SEARCH_WORKING_SET = 500;
const CHECK_CONCURRENCY = 10;

const GUIDE_READ = `query ScaleGuide($code: ID!) {
  serviceGuide(implementationCode: $code) {
    implementationCode name agency { name }
    item { name legalBasis { title } materials { name } }
    process { name } address { window } promisedTimeLimit { value unit }
  }
}`;

const SEARCH = `query ScaleSearch($q: String!, $r: ID) {
  searchServices(query: $q, region: $r, first: 10) { name matchedBy guide { implementationCode name agency { name } } }
}`;

/** The labelled query everything else in search depends on: an everyday name, its item first. */
const ANCHOR = { query: '准生证', item: '一孩生育服务证办理' };

interface GuideData {
  serviceGuide: { implementationCode: string; agency: { name: string } } | null;
}

interface SearchData {
  searchServices: Array<{ name: string; guide: { implementationCode: string } | null }>;
}

/** `count` entries spaced evenly over the list, so every county (and many items) is in the set. */
function spread<T>(list: readonly T[], count: number): T[] {
  const n = Math.min(count, list.length);
  return Array.from({ length: n }, (_, k) => list[Math.floor((k * list.length) / n)]!);
}

/** The prefix of implementation codes within a region scope (a city includes its counties). */
function regionPrefix(code: string): string {
  return code.slice(0, { PROVINCE: 2, CITY: 4, COUNTY: 6 }[regionLevel(code)]);
}

function guideOperations(seed: CatalogSeed): GraphQLOperation[] {
  return spread(seed.guides, GUIDE_WORKING_SET).map((guide) => ({
    operationName: 'ScaleGuide',
    query: GUIDE_READ,
    variables: { code: guide.implementationCode },
  }));
}

function searchOperations(seed: CatalogSeed): GraphQLOperation[] {
  const queries = labelled.filter((entry) => entry.expected.length > 0).map((entry) => entry.query);
  const regions = seed.regions.filter((region) => region.level !== 'PROVINCE').map((region) => region.code);
  return Array.from({ length: SEARCH_WORKING_SET }, (_, k) => ({
    operationName: 'ScaleSearch',
    query: SEARCH,
    variables: { q: queries[k % queries.length]!, r: regions[k % regions.length]! },
  }));
}

async function eachConcurrently<T>(list: readonly T[], work: (entry: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < list.length) await work(list[next++]!);
  };
  await Promise.all(Array.from({ length: CHECK_CONCURRENCY }, worker));
}

/** Every guide of the working set answers with the code asked and its own county's agency. */
async function checkGuides(target: string, url: string, operations: readonly GraphQLOperation[], seed: CatalogSeed): Promise<void> {
  const agencyNames = new Map(seed.agencies.map((agency) => [agency.uscc, agency.name]));
  const expected = new Map(seed.guides.map((guide) => [guide.implementationCode, agencyNames.get(guide.agencyUscc)]));
  await eachConcurrently(operations, async (operation) => {
    const code = operation.variables!['code'] as string;
    const guide = ((await checkOnce(target, url, operation)) as unknown as GuideData).serviceGuide;
    if (guide?.implementationCode !== code) throw new CorrectnessError(target, `serviceGuide(${code}) answered ${guide?.implementationCode ?? 'null'}`);
    if (guide.agency.name !== expected.get(code)) throw new CorrectnessError(target, `${code}: agency ${guide.agency.name}, expected ${expected.get(code)}`);
  });
}

/** Every search of the working set answers, with guides only from the region asked; 准生证 finds its item first. */
async function checkSearches(target: string, url: string, operations: readonly GraphQLOperation[], county: string): Promise<void> {
  const anchor = { operationName: 'ScaleSearch', query: SEARCH, variables: { q: ANCHOR.query, r: county } };
  await eachConcurrently([anchor, ...operations], async (operation) => {
    const region = operation.variables!['r'] as string;
    const hits = ((await checkOnce(target, url, operation)) as unknown as SearchData).searchServices;
    const stray = hits.find((hit) => hit.guide && !hit.guide.implementationCode.startsWith(regionPrefix(region)));
    if (stray) throw new CorrectnessError(target, `search in ${region} answered ${stray.name} with guide ${stray.guide!.implementationCode}`);
    if (operation === anchor && (hits[0]?.name !== ANCHOR.item || !hits[0].guide)) {
      throw new CorrectnessError(target, `${ANCHOR.query} in ${county}: expected ${ANCHOR.item} first with a guide there, got ${JSON.stringify(hits[0] ?? null)}`);
    }
  });
}

const VARIANTS = [
  { key: 'cache-on', overrides: {} },
  { key: 'cache-off', overrides: { CACHE_ENABLED: 'false' } },
] as const;

/** Loads the scale seed into the platform's catalog store (skipped when the schema already has it). */
async function loadSeed(platform: Platform, seed: CatalogSeed): Promise<{ ms: number; changed: boolean }> {
  const started = performance.now();
  const { changed } = await loadCatalogSeed(platform.catalog.store, seed);
  // As the catalog's own seeding does: a shared cache of this schema must not serve a previous seed.
  if (changed) await platform.catalog.cache.invalidate();
  return { ms: Math.round(performance.now() - started), changed };
}

export const catalogScale: Scenario = {
  name: 'catalog-scale',
  async run(settings, progress) {
    const counties = positiveNumber(process.env, 'BENCH_COUNTIES', DEFAULT_SCALE_COUNTIES, true);
    const schema = `bench_scale_${counties}`;
    progress(`building the scale seed: ${counties} counties`);
    const buildStarted = performance.now();
    const seed = buildScaleSeed(counties);
    const seedBuildMs = Math.round(performance.now() - buildStarted);
    progress(`${seed.guides.length} guides, ${seed.agencies.length} agencies built in ${seedBuildMs} ms`);
    const guides = guideOperations(seed);
    const searches = searchOperations(seed);
    const firstCounty = seed.regions.find((region) => region.level === 'COUNTY')!.code;

    const measured: MeasuredTarget[] = [];
    const environment: Record<string, string | number | boolean | null> = { counties, guides: seed.guides.length, seedBuildMs };
    for (const variant of VARIANTS) {
      // AUTO_SEED off: the small 勉县 seed must not land on top of the scale seed.
      const config = benchConfig(schema, { AUTO_SEED: 'false', ...supervisionSchemaVariable(SUPERVISION_SCHEMA), ...variant.overrides });
      await dropSupervisionSchema(config);
      const resources = new Resources();
      try {
        progress(`${variant.key}: starting the platform`);
        const platform = resources.add('platform', await startPlatform({ config, logger: createLogger('silent'), ephemeralPorts: true, dataDir: null }));
        const { catalog, gateway } = platform;
        const cacheOn = variant.key === 'cache-on';
        // A caller that drops CACHE_ENABLED would silently measure the cache against itself.
        if ((catalog.cache.kind === 'none') === cacheOn) throw new Error(`${variant.key}: the catalog opened a ${catalog.cache.kind} cache`);
        const cacheText = cacheOn ? `${catalog.cache.kind === 'redis' ? 'Redis' : 'in-process'} cache on` : 'cache off (CACHE_ENABLED=false)';

        const load = await loadSeed(platform, seed);
        progress(`${variant.key}: seed ${load.changed ? 'loaded' : 'already in the schema, reused'} in ${load.ms} ms`);
        environment[`seedLoad_${variant.key}_ms`] = load.ms;
        environment[`seedLoad_${variant.key}`] = load.changed ? 'loaded' : 'reused';
        Object.assign(environment, {
          store: catalog.store.kind,
          dbSchema: catalog.store.schema,
          databasePoolSize: catalog.store.kind === 'postgres' ? config.databasePoolSize : null,
          subgraphConnections: config.subgraphConnections,
          cacheTtlSeconds: config.cacheTtlSeconds,
        });
        if (cacheOn) environment['cache'] = catalog.cache.kind;

        const checkStarted = performance.now();
        await checkGuides(variant.key, gateway.url, guides, seed);
        await checkSearches(variant.key, gateway.url, searches, firstCounty);
        progress(`${variant.key}: ${guides.length} guides and ${searches.length + 1} searches answer correctly (${Math.round(performance.now() - checkStarted)} ms)`);

        const loads = [
          { name: `guide-${variant.key}`, operations: guides, what: `serviceGuide over ${guides.length} guides of all ${counties} counties` },
          { name: `search-${variant.key}`, operations: searches, what: `searchServices over ${searches.length} query × region pairs` },
        ];
        for (const target of loads) {
          progress(`${target.name}: ${settings.warmupSeconds} s warm-up, ${settings.durationSeconds} s measured, ${settings.connections} connections`);
          const figures = await measure(graphqlLoad(gateway.url, target.operations), settings);
          assertNoRefusals(target.name, figures);
          measured.push({ name: target.name, description: `${target.what}, ${cacheText}`, figures });
        }
      } finally {
        progress(`${variant.key}: stopping`);
        await resources.closeAll();
      }
    }

    return {
      scenario: 'catalog-scale',
      title: `the basic catalog in ${counties} counties (${seed.guides.length} guides): guide read and search, entity cache on vs off`,
      operation: `${GUIDE_READ}\n\n${SEARCH}`,
      environment,
      targets: measured,
      ratios: [
        { numerator: 'guide-cache-on', denominator: 'guide-cache-off' },
        { numerator: 'search-cache-on', denominator: 'search-cache-off' },
      ],
    };
  },
};
