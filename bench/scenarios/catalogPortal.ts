import { isDeepStrictEqual } from 'node:util';
import { createLogger } from '../../lib/logger.ts';
import { createInternalSigner } from '../../lib/auth/internalToken.ts';
import { ANONYMOUS } from '../../lib/auth/principal.ts';
import { startPlatform } from '../../scripts/platform.ts';
import { passwordToken } from '../../idp/client.ts';
import { startBaselineGateway } from '../baseline/gateway.ts';
import { startBaselineSubgraph } from '../baseline/subgraph.ts';
import { checkOnce, CorrectnessError, graphqlLoad, type GraphQLOperation } from '../lib/graphql.ts';
import { measure } from '../lib/measure.ts';
import type { MeasuredTarget } from '../lib/report.ts';
import { benchConfig } from '../lib/platformConfig.ts';
import { Resources } from '../lib/resources.ts';
import type { Scenario } from '../lib/scenario.ts';
import { dropSupervisionSchema, supervisionSchemaVariable } from './supervision/ownSchema.ts';

const PAGE_SIZE = 20;

/** A seeded citizen of the development identity provider (seeds/identity/principals.ts). */
const BENCH_CITIZEN = 'wangfang';

/** What the portal's guide list asks for: a page of guides, each with its agency and item. */
const PORTAL_GUIDES: GraphQLOperation = {
  operationName: 'PortalGuides',
  query: `query PortalGuides { serviceGuides(first: ${PAGE_SIZE}) { edges { node { implementationCode name legalTimeLimit { value unit } agency { uscc name } item { basicCode name type } } } } }`,
};

/** A schema of its own: a PostgreSQL bench run never touches a developer's catalog schema. */
const BENCH_SCHEMA = 'bench_catalog';
/** The supervision subgraph the platform runs too: its own schema, recreated every run. */
const SUPERVISION_SCHEMA = 'bench_catalog_portal_supervision';

interface PortalData {
  serviceGuides?: { edges?: Array<{ node?: { agency?: { uscc?: unknown }; item?: { basicCode?: unknown } } }> };
}

function assertPortalPage(target: string, data: Record<string, unknown>): void {
  const edges = (data as PortalData).serviceGuides?.edges;
  if (!Array.isArray(edges) || edges.length !== PAGE_SIZE) {
    throw new CorrectnessError(target, `expected ${PAGE_SIZE} edges, got ${Array.isArray(edges) ? edges.length : 'none'}`);
  }
  if (!edges.every((edge) => edge.node?.agency?.uscc && edge.node.item?.basicCode)) {
    throw new CorrectnessError(target, 'a guide lacks its agency or item');
  }
}

export const catalogPortal: Scenario = {
  name: 'catalog-portal',
  async run(settings, progress) {
    const config = benchConfig(BENCH_SCHEMA, supervisionSchemaVariable(SUPERVISION_SCHEMA));
    await dropSupervisionSchema(config);
    const logger = createLogger('silent');
    const resources = new Resources();
    try {
      progress('starting the tongban platform');
      const platform = resources.add('platform', await startPlatform({ config, logger, ephemeralPorts: true, dataDir: null }));
      const { catalog, gateway } = platform;
      progress('starting plain-apollo subgraph and gateway');
      // The baseline reads Tongban's already-seeded store object: the same rows through the same
      // driver and pool, so the difference measured is the serving stack, not the data or the
      // database connection. Closing the catalog closes the store, after the baseline is down.
      const baselineSubgraph = resources.add('baseline subgraph', await startBaselineSubgraph({ db: catalog.store, logger }));
      const baselineGateway = resources.add(
        'baseline gateway',
        await startBaselineGateway({ subgraphUrl: baselineSubgraph.url, logger }),
      );

      // Subgraphs answer the gateway only; the direct target carries an internal token as the gateway would.
      const internalToken = await (await createInternalSigner(platform.internalKeys!.privateJwk, config.internalTokenTtlSeconds)).sign({
        principal: ANONYMOUS,
        meta: { clientIp: null, purpose: null },
      });
      const citizenToken = await passwordToken(platform.issuer, BENCH_CITIZEN);

      const targets: Array<{ name: string; url: string; description: string; headers?: Record<string, string> }> = [
        { name: 'tongban', url: gateway.url, description: 'Tongban gateway → Tongban catalog subgraph (DataLoader, entity cache), anonymous: no token to verify' },
        {
          name: 'tongban-signed-in',
          url: gateway.url,
          headers: { authorization: `Bearer ${citizenToken}` },
          description: `the same with a citizen's bearer token: OIDC token verification on`,
        },
        {
          name: 'subgraph-direct',
          url: catalog.url,
          headers: { authorization: `Bearer ${internalToken}` },
          description: 'Tongban catalog subgraph alone, no gateway hop',
        },
        {
          name: 'plain-apollo',
          url: baselineGateway.url,
          description: 'stock ApolloGateway (default data source) → stock @apollo/subgraph with per-field SQL, no DataLoader, no cache',
        },
      ];

      // Every target is checked before any is measured, so a broken one fails the run in seconds.
      let reference: Record<string, unknown> | undefined;
      for (const target of targets) {
        const data = await checkOnce(target.name, target.url, PORTAL_GUIDES, target.headers);
        assertPortalPage(target.name, data);
        reference ??= data;
        if (!isDeepStrictEqual(data, reference)) {
          throw new CorrectnessError(target.name, `answer differs from ${targets[0]!.name}'s for the same query`);
        }
      }
      progress('all targets answer correctly');

      const measured: MeasuredTarget[] = [];
      for (const target of targets) {
        progress(`${target.name}: ${settings.warmupSeconds} s warm-up, ${settings.durationSeconds} s measured, ${settings.connections} connections`);
        const figures = await measure(graphqlLoad(target.url, PORTAL_GUIDES, target.headers), settings);
        // Refusals under load (429, 5xx, GraphQL errors) would be fast wrong answers: fail, don't report.
        if (figures.errors || figures.timeouts || figures.non2xx || figures.mismatches) {
          throw new CorrectnessError(target.name, `under load: ${figures.errors} errors, ${figures.timeouts} timeouts, ${figures.non2xx} non-2xx, ${figures.mismatches} answers with errors`);
        }
        measured.push({ name: target.name, description: target.description, figures });
      }

      return {
        scenario: 'catalog-portal',
        title: `PortalGuides, ${PAGE_SIZE} guides with agency and item`,
        operation: PORTAL_GUIDES.query,
        environment: {
          store: catalog.store.kind,
          cache: catalog.cache.kind,
          dbSchema: catalog.store.schema,
          databasePoolSize: catalog.store.kind === 'postgres' ? config.databasePoolSize : null,
          subgraphConnections: config.subgraphConnections,
          cacheTtlSeconds: config.cacheTtlSeconds,
        },
        targets: measured,
        ratios: [
          { numerator: 'tongban', denominator: 'plain-apollo' },
          { numerator: 'tongban', denominator: 'subgraph-direct' },
          { numerator: 'tongban-signed-in', denominator: 'tongban' },
        ],
      };
    } finally {
      progress('stopping');
      await resources.closeAll();
    }
  },
};
