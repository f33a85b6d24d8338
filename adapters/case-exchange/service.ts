import { fileURLToPath } from 'node:url';
import type { JSONWebKeySet, JWK } from 'jose';
import { accessTokenVerifierFor } from '../../gateway/auth/oidc.ts';
import { ConfigError, exchangeDatabaseUrl, type Config } from '../../lib/config.ts';
import { createServiceClient, type ServiceClient } from '../../lib/http/serviceClient.ts';
import { startSubgraph, type SubgraphService } from '../../lib/http/startSubgraph.ts';
import type { Logger } from '../../lib/logger.ts';
import { createOutboxDispatcher, type OutboxDispatcher, type OutboxHandler } from '../../lib/outbox/outbox.ts';
import { createCasesExchangeClient, type CasesExchange } from './casesExchange.ts';
import { developmentCredentials, parseCredentials, type ExchangeCredentials } from './credentials.ts';
import { Inbox } from './inbox.ts';
import { parseLegacyQueryConfigs } from '../legacy-query/config.ts';
import type { Context } from './context.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { createSoapEndpoint, SOAP_PATH, type BearerVerifier } from './soapEndpoint.ts';
import { REPORT_TOPIC, supervisionReportDelivery } from './supervision.ts';
import { purgeNonces } from './wsSecurity.ts';
import { LegacyQueries } from '../legacy-query/legacyQuery.ts';
import type { LegacyQueryConfig } from '../legacy-query/config.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
export const EXCHANGE_SCHEMA_FILE = here('./schema.graphql');
export const EXCHANGE_MIGRATIONS_DIR = here('./migrations');

export interface StartExchangeOptions {
  config: Config;
  logger: Logger;
  port?: number;
  dataDir?: string | null;
  /** Public keys internal tokens are verified with (the gateway's); otherwise INTERNAL_VERIFY_KEYS. */
  internalKeys?: JSONWebKeySet;
  /** The exchange service's own private key (`svc` = `exchange`) for calls to cases; otherwise SERVICE_SIGNING_KEY. */
  serviceKey?: JWK;
  /** The cases subgraph's GraphQL URL; otherwise CASES_URL. */
  casesUrl?: string;
  /** Replaces the cases client (tests). */
  cases?: CasesExchange;
  /**
   * Where supervision listens, which held and rejected records are reported to (else
   * SUPERVISION_URL); a getter is read on every delivery (the launcher may start supervision later).
   */
  supervisionUrl?: string | (() => string);
  /** Replaces the delivery of reports to supervision (tests). */
  supervisionDelivery?: OutboxHandler;
  /**
   * How often the outbox of reports looks for messages nothing kicked (default 1 s). Tests that
   * count a request's SQL statements set it long, so no background poll lands among them.
   */
  outboxPollMs?: number;
  /** UsernameToken credentials: a parsed map or the EXCHANGE_CREDENTIALS object; otherwise the config's, else the development ones. */
  credentials?: ExchangeCredentials | Record<string, unknown>;
  /** The OIDC issuer whose access tokens departments may present; otherwise OIDC_ISSUER; none means bearer tokens are refused. */
  oidcIssuer?: string;
  /** Replaces the bearer verifier (tests). */
  bearer?: BearerVerifier | null;
  now?: () => Date;
  /** How long a record may stay HELD (tests); HELD_EXPIRY_MS otherwise. */
  heldExpiryMs?: number;
  /**
   * Departments' legacy query services wrapped as graph fields (adapters/legacy-query): a list, or
   * a getter read on every call (the platform's simulator listens only after this service starts).
   * None: departmentLicenses and departmentCaseStatus answer that no service is configured.
   */
  legacyQueries?: readonly LegacyQueryConfig[] | (() => readonly LegacyQueryConfig[]);
}

export interface ExchangeService extends SubgraphService {
  /** Where departments post: http://host:port/soap/CaseExchange (behind the gateway: PUBLIC_URL/soap/CaseExchange). */
  soapUrl: string;
  /** The wrapped legacy query services (their breakers, caches and request counts). */
  legacyQueries: LegacyQueries;
  /** The periodic pass over held records (EXCHANGE_HELD_SWEEP_SECONDS); `run()` runs it now. */
  heldSweep: { run(): Promise<number> };
  /** The outbox of reports to supervision (its counts for operators; `drain()` delivers what is due now). */
  reportOutbox: OutboxDispatcher;
}

function credentialsFor(options: StartExchangeOptions, logger: Logger): ExchangeCredentials {
  const given = options.credentials ?? options.config.exchangeCredentials;
  if (given instanceof Map) return given;
  if (given) {
    try {
      return parseCredentials(given);
    } catch (error) {
      throw new ConfigError('EXCHANGE_CREDENTIALS', (error as Error).message.replace(/^EXCHANGE_CREDENTIALS: /, ''));
    }
  }
  logger.warn('EXCHANGE_CREDENTIALS unset: the development UsernameToken credentials (dev-only-soap-<clientId>) are accepted');
  return developmentCredentials();
}

/**
 * The exchange service: the CaseExchange SOAP endpoint (/soap/CaseExchange, authenticating its
 * callers itself) and the `exchange` subgraph for auditors (/graphql, behind the internal token),
 * on one port, with one store (the evidence log, the inbox, the nonces, the outbox of reports to
 * supervision).
 */
export async function startExchange(options: StartExchangeOptions): Promise<ExchangeService> {
  const { config } = options;
  const logger = options.logger.child({ service: 'exchange' });
  const now = options.now ?? (() => new Date());
  const credentials = credentialsFor(options, logger);

  /** The service's own key, for its calls to the cases subgraph and to supervision. */
  const ownKey = (callee: string): JWK => {
    const key = options.serviceKey ?? (config.serviceSigningKey as JWK | undefined);
    if (!key) throw new ConfigError('SERVICE_SIGNING_KEY', `required: the exchange service's own key for calls to ${callee}`);
    return key;
  };

  let cases = options.cases;
  if (!cases) {
    const url = options.casesUrl ?? config.casesUrl;
    if (!url) throw new ConfigError('CASES_URL', 'required: where the exchange service writes records');
    cases = await createCasesExchangeClient({ url, signingKey: ownKey('the cases subgraph'), timeoutMs: config.subgraphTimeoutMs });
  }
  const casesClient = cases;

  let reportDelivery = options.supervisionDelivery;
  let supervisionClient: ServiceClient | undefined;
  if (!reportDelivery) {
    const url = options.supervisionUrl ?? config.supervisionUrl;
    if (!url) throw new ConfigError('SUPERVISION_URL', 'required: where the exchange service reports records it held or rejected (电子监察)');
    supervisionClient = await createServiceClient({
      caller: 'exchange',
      callee: 'supervision',
      url,
      signingKey: ownKey('supervision'),
      timeoutMs: config.subgraphTimeoutMs,
      tokenTtlSeconds: config.internalTokenTtlSeconds,
    });
    reportDelivery = supervisionReportDelivery(supervisionClient);
  }
  const reportHandler = reportDelivery;
  let outbox: OutboxDispatcher | undefined;

  let bearer: BearerVerifier | null;
  if (options.bearer !== undefined) {
    bearer = options.bearer;
  } else {
    const issuer = options.oidcIssuer ?? config.oidcIssuer;
    bearer = issuer
      ? accessTokenVerifierFor(config, issuer)
      : null;
    if (!bearer) logger.warn('no OIDC issuer: CaseExchange accepts WS-Security UsernameTokens only');
  }

  const legacyConfigs = options.legacyQueries ?? (config.legacyQueries === undefined ? undefined : parseLegacyQueryConfigs(config.legacyQueries, 'LEGACY_QUERIES'));
  const legacyQueries = new LegacyQueries(typeof legacyConfigs === 'function' ? legacyConfigs : () => legacyConfigs ?? [], { logger });

  let heldInbox: Inbox | undefined;

  let sweep: NodeJS.Timeout | undefined;

  let endpoint: Awaited<ReturnType<typeof createSoapEndpoint>> | undefined;
  let purge: NodeJS.Timeout | undefined;
  const service = await startSubgraph<Context>({
    name: 'exchange',
    config,
    logger,
    port: options.port ?? config.exchangePort,
    dataDir: options.dataDir,
    databaseUrl: exchangeDatabaseUrl(config),
    dbSchema: config.exchangeDbSchema,
    migrationsDir: EXCHANGE_MIGRATIONS_DIR,
    schemaFile: EXCHANGE_SCHEMA_FILE,
    resolvers,
    internalKeys: options.internalKeys,
    async prepare(store) {
      outbox = createOutboxDispatcher({
        store,
        handlers: { [REPORT_TOPIC]: reportHandler },
        logger,
        retryBaseMs: config.outboxRetryBaseMs,
        maxAttempts: config.outboxMaxAttempts,
        ...(options.outboxPollMs !== undefined ? { pollMs: options.outboxPollMs } : {}),
      });
      const inbox = new Inbox({
        store,
        cases: casesClient,
        logger,
        now,
        outbox,
        supervisionSyncWaitMs: config.supervisionSyncWaitMs,
        ...(options.heldExpiryMs !== undefined ? { heldExpiryMs: options.heldExpiryMs } : {}),
      });
      endpoint = await createSoapEndpoint({ store, inbox, credentials, bearer, publicUrl: config.publicUrl, logger, now });
      await purgeNonces(store, now());
      purge = setInterval(() => {
        purgeNonces(store, now()).catch((error: unknown) => logger.warn({ err: error }, 'purging WS-Security nonces failed'));
      }, 60_000);
      purge.unref();
      heldInbox = inbox;
      sweep = setInterval(() => {
        inbox.sweepHeld().catch((error: unknown) => logger.warn({ err: error }, 'sweeping held exchange records failed'));
      }, config.exchangeHeldSweepSeconds * 1_000);
      sweep.unref();
    },
    context: (identity, store) => ({ identity, store, loaders: createLoaders(store), legacyQueries }),
    routes: (app) => endpoint!.register(app),
    openPrefixes: ['/soap/'],
    async onClose() {
      if (purge) clearInterval(purge);
      if (sweep) clearInterval(sweep);
      await legacyQueries.close();
      await outbox?.close();
      if (!options.cases) await casesClient.close?.();
      await supervisionClient?.close();
    },
  });
  // Reports queued while the service was down are delivered now.
  outbox!.kick();
  return { ...service, soapUrl: service.url.replace(/\/graphql$/, SOAP_PATH), legacyQueries, heldSweep: { run: () => heldInbox!.sweepHeld() }, reportOutbox: outbox! };
}
