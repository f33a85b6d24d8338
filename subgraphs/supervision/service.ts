import { fileURLToPath } from 'node:url';
import type { JSONWebKeySet, JWK } from 'jose';
import { supervisionDatabaseUrl, type Config } from '../../lib/config.ts';
import { createServiceClient, type ServiceClient } from '../../lib/http/serviceClient.ts';
import { startSubgraph, type SubgraphService } from '../../lib/http/startSubgraph.ts';
import type { Logger } from '../../lib/logger.ts';
import { startSupervisionClock, type SupervisionClock } from './alerts/clock.ts';
import type { Context } from './context.ts';
import { calendarSource } from './datasources/calendar.ts';
import { catalogSource } from './datasources/catalog.ts';
import { caseFactsSource } from './datasources/cases.ts';
import type { SupervisionSources } from './datasources/index.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { seedDefaultRules } from './rules/defaults.ts';
import { settingsFrom } from './settings.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
export const SUPERVISION_SCHEMA_FILE = here('./schema.graphql');
export const SUPERVISION_MIGRATIONS_DIR = here('./migrations');

export interface StartSupervisionOptions {
  config: Config;
  logger: Logger;
  port?: number;
  dataDir?: string | null;
  /** The public keys internal tokens are verified with: the gateway's, and the cases and exchange services' keys. */
  internalKeys?: JSONWebKeySet;
  /** This subgraph's own service key (`svc` = supervision), for reading the catalog and cases. */
  serviceKey?: JWK;
  catalogUrl?: string;
  casesUrl?: string;
  /** Replaces the other subgraphs (unit tests). */
  sources?: SupervisionSources;
  /** The clock (tests move it; the supervision clock and every due date count from it). */
  now?: () => Date;
}

export interface SupervisionService extends SubgraphService {
  /** The supervision clock: runs by itself every SUPERVISION_CLOCK_SECONDS; tests run it after moving the time. */
  clock: SupervisionClock;
}

/**
 * The supervision subgraph: 电子监察 (rules, alerts, supervision orders, complaints, efficiency
 * figures) and 好差评 (evaluations, rectification, appeals) — the 监察规则 and 监察业务 stores of
 * seed 001 §6(6)–(7). It learns of cases from the cases subgraph's observations and of refused
 * CaseExchange pushes from the exchange service; it never reads their tables.
 */
export async function startSupervision(options: StartSupervisionOptions): Promise<SupervisionService> {
  const { config } = options;
  const logger = options.logger.child({ service: 'supervision' });
  const now = options.now ?? (() => new Date());
  const serviceKey = options.serviceKey ?? (config.serviceSigningKey as JWK | undefined);
  const clients: ServiceClient[] = [];
  const client = async (callee: string, url: string) => {
    const created = await createServiceClient({ caller: 'supervision', callee, url, signingKey: serviceKey!, timeoutMs: config.subgraphTimeoutMs, tokenTtlSeconds: config.internalTokenTtlSeconds });
    clients.push(created);
    return created;
  };
  let sources = options.sources;
  if (sources === undefined) {
    const catalogUrl = options.catalogUrl ?? config.catalogUrl;
    const casesUrl = options.casesUrl ?? config.casesUrl;
    if (serviceKey === undefined || catalogUrl === undefined || casesUrl === undefined) {
      throw new Error('the supervision subgraph needs SERVICE_SIGNING_KEY, CATALOG_URL and CASES_URL');
    }
    const cases = await client('cases', casesUrl);
    sources = { catalog: catalogSource(await client('catalog', catalogUrl)), cases: caseFactsSource(cases), calendar: calendarSource(cases, now) };
  }
  const settings = settingsFrom(config);
  let clock: SupervisionClock | null = null;

  const service = await startSubgraph<Context>({
    name: 'supervision',
    config,
    logger,
    port: options.port ?? config.supervisionPort,
    dataDir: options.dataDir,
    databaseUrl: supervisionDatabaseUrl(config),
    dbSchema: config.supervisionDbSchema,
    migrationsDir: SUPERVISION_MIGRATIONS_DIR,
    schemaFile: SUPERVISION_SCHEMA_FILE,
    resolvers,
    internalKeys: options.internalKeys,
    prepare: async (store) => {
      await seedDefaultRules(store);
      clock = startSupervisionClock({ store, sources: sources!, now, logger, intervalSeconds: config.supervisionClockSeconds });
    },
    context: (identity, store) => ({ identity, store, loaders: createLoaders(store, { identity, now }), sources: sources!, settings, now, clock: clock! }),
    onClose: async () => {
      await clock?.close();
      for (const created of clients) await created.close();
    },
  });
  return { ...service, clock: clock! };
}


