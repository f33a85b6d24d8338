import { fileURLToPath } from 'node:url';
import type { JSONWebKeySet, JWK } from 'jose';
import { casesDatabaseUrl, ConfigError, type Config } from '../../lib/config.ts';
import { createServiceClient, type ServiceClient } from '../../lib/http/serviceClient.ts';
import { startSubgraph, type SubgraphService } from '../../lib/http/startSubgraph.ts';
import type { Logger } from '../../lib/logger.ts';
import { createOutboxDispatcher, type OutboxDispatcher } from '../../lib/outbox/outbox.ts';
import { RESULT_TOPIC } from './actions/commit.ts';
import { scheduleCorrectionTimeouts } from './actions/correctionTimeouts.ts';
import { CalendarStore } from './calendar/store.ts';
import type { Context } from './context.ts';
import { catalogSource } from './datasources/catalog.ts';
import { resultDelivery } from './datasources/results.ts';
import { supervisionDelivery } from './datasources/supervision.ts';
import { DELIVERY_TOPIC, NO_DEPARTMENT_SYSTEMS, type ApplicationMessage, type DepartmentDelivery } from './datasources/departments.ts';
import { createLoaders } from './loaders.ts';
import { caseLane, PARALLEL_LANES } from './outboxLanes.ts';
import { CasesRepository } from './repository.ts';
import { resolvers } from './resolvers/index.ts';
import { SUPERVISION_TOPIC } from './supervision/observation.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
export const CASES_SCHEMA_FILE = here('./schema.graphql');
export const CASES_MIGRATIONS_DIR = here('./migrations');

export interface CasesService extends SubgraphService {
  outbox: OutboxDispatcher;
  calendar: CalendarStore;
  /** The 补正超时 sweep; `run()` runs it now (tests, operators). */
  correctionTimeouts: { run(): Promise<unknown> };
}

export interface StartCasesOptions {
  config: Config;
  logger: Logger;
  port?: number;
  dataDir?: string | null;
  /** Every key this subgraph trusts: the gateway's, and the service keys of subgraphs that call it. */
  internalKeys?: JSONWebKeySet;
  /** This subgraph's own service key (SERVICE_SIGNING_KEY), for its calls to catalog, results and supervision. */
  serviceKey?: JWK;
  /** Where the catalog and results subgraphs listen (the launcher knows; else CATALOG_URL / RESULTS_URL). */
  catalogUrl?: string;
  resultsUrl?: string;
  /**
   * Where supervision listens, which every case write is reported to (else SUPERVISION_URL). A
   * getter is read on every delivery: the launcher starts supervision after this subgraph.
   */
  supervisionUrl?: string | (() => string);
  /** Departmental systems applications are delivered to (统一受理); none by default. */
  departments?: DepartmentDelivery;
  /** The clock (tests). */
  now?: () => Date;
}

function required<T>(value: T | undefined, variable: string, why: string): T {
  if (value === undefined) throw new ConfigError(variable, why);
  return value;
}

/**
 * The cases subgraph: applications, the state machine's transitions, process records, deadlines
 * on the working-day calendar. It reads guides from the catalog, hands results to the results
 * subgraph and reports every write to supervision, all over HTTP as itself (its service key),
 * never through their tables.
 */
export async function startCases(options: StartCasesOptions): Promise<CasesService> {
  const { config } = options;
  const logger = options.logger.child({ service: 'cases' });
  const serviceKey = required(options.serviceKey ?? (config.serviceSigningKey as JWK | undefined), 'SERVICE_SIGNING_KEY', "required: the cases subgraph's own key for calls to catalog and results");
  const catalogUrl = required(options.catalogUrl ?? config.catalogUrl, 'CATALOG_URL', 'required: where the cases subgraph reads guides');
  const resultsUrl = required(options.resultsUrl ?? config.resultsUrl, 'RESULTS_URL', 'required: where the cases subgraph records results');
  const supervisionUrl = required(options.supervisionUrl ?? config.supervisionUrl, 'SUPERVISION_URL', 'required: where the cases subgraph reports every case write (电子监察)');
  const clients: ServiceClient[] = [];
  const client = async (callee: string, url: string | (() => string)) => {
    const created = await createServiceClient({ caller: 'cases', callee, url, signingKey: serviceKey, timeoutMs: config.subgraphTimeoutMs, tokenTtlSeconds: config.internalTokenTtlSeconds });
    clients.push(created);
    return created;
  };
  const catalog = catalogSource(await client('catalog', catalogUrl));
  const results = await client('results', resultsUrl);
  const supervision = await client('supervision', supervisionUrl);
  const now = options.now ?? (() => new Date());
  const departments = options.departments ?? NO_DEPARTMENT_SYSTEMS;
  let outbox: OutboxDispatcher | undefined;
  let calendar: CalendarStore | undefined;
  let sweep: ReturnType<typeof scheduleCorrectionTimeouts> | undefined;

  const service = await startSubgraph<Context>({
    name: 'cases',
    config,
    logger,
    port: options.port ?? config.casesPort,
    dataDir: options.dataDir,
    databaseUrl: casesDatabaseUrl(config),
    dbSchema: config.casesDbSchema,
    migrationsDir: CASES_MIGRATIONS_DIR,
    schemaFile: CASES_SCHEMA_FILE,
    resolvers,
    internalKeys: options.internalKeys,
    prepare: async (store) => {
      calendar = new CalendarStore(store);
      await calendar.seed();
      outbox = createOutboxDispatcher({
        store,
        handlers: {
          [RESULT_TOPIC]: resultDelivery(results),
          [SUPERVISION_TOPIC]: supervisionDelivery(supervision),
          [DELIVERY_TOPIC]: (message) => departments.deliver(message.payload as ApplicationMessage, message),
        },
        logger,
        retryBaseMs: config.outboxRetryBaseMs,
        maxAttempts: config.outboxMaxAttempts,
        laneOf: caseLane,
        parallelLanes: PARALLEL_LANES,
      });
      sweep = scheduleCorrectionTimeouts(
        { store, repository: new CasesRepository(store), calendar, outbox },
        logger,
        config.correctionSweepSeconds * 1_000,
        now,
      );
    },
    context: (identity, store) => {
      const repository = new CasesRepository(store);
      return {
        identity,
        store,
        repository,
        loaders: createLoaders(repository),
        catalog,
        departments,
        calendar: calendar!,
        outbox: outbox!,
        supervisionSyncWaitMs: config.supervisionSyncWaitMs,
        materialMaxBytes: config.materialMaxBytes,
        now,
      };
    },
    onClose: async () => {
      await sweep?.close();
      await outbox?.close();
      for (const created of clients) await created.close();
    },
  });
  // Results and observations queued while the service was down are delivered now.
  outbox!.kick();
  return { ...service, outbox: outbox!, calendar: calendar!, correctionTimeouts: sweep! };
}
