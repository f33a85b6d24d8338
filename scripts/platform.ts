import type { JWK } from 'jose';
import { startGateway, type GatewayService } from '../gateway/server.ts';
import { startDevIdentityProvider, type DevIdentityProvider } from '../idp/server.ts';
import { generateInternalKeyPair, type InternalKeyPair } from '../lib/auth/internalToken.ts';
import type { Config } from '../lib/config.ts';
import type { SubgraphService } from '../lib/http/startSubgraph.ts';
import type { Logger } from '../lib/logger.ts';
import { startCatalog, type CatalogService } from '../subgraphs/catalog/service.ts';
import { startIdentity } from '../subgraphs/identity/service.ts';
import { startCases, type CasesService } from '../subgraphs/cases/service.ts';
import type { DepartmentDelivery } from '../subgraphs/cases/datasources/departments.ts';
import { startExchange, type ExchangeService } from '../adapters/case-exchange/service.ts';
import { developmentDepartmentSystems, parseDepartmentSystems, type DepartmentSystem } from '../adapters/departments/config.ts';
import { departmentDelivery } from '../adapters/departments/delivery.ts';
import { developmentLicenses, startLegacySim, type LegacySim } from '../adapters/legacy-sim/sim.ts';
import { developmentLegacyQueries, parseLegacyQueryConfigs, type LegacyQueryConfig } from '../adapters/legacy-query/config.ts';
import { startResults } from '../subgraphs/results/service.ts';
import { startCertificates } from '../subgraphs/certificates/service.ts';
import { startSupervision, type SupervisionService } from '../subgraphs/supervision/service.ts';

/**
 * The whole platform in one process — what `npm start`, the e2e tests and the bench run. Every
 * service still listens on its own port and talks to the others over real HTTP. Production runs
 * each service's main.ts as its own process instead, with the keys and URLs configured.
 *
 * When OIDC_ISSUER is unset the development identity provider is started too; when the internal
 * token keys are not configured, a fresh pair is generated for this run.
 */
export interface Platform {
  gateway: GatewayService;
  catalog: CatalogService;
  identity: SubgraphService;
  cases: CasesService;
  results: SubgraphService;
  certificates: SubgraphService;
  /** 电子监察 and 好差评; its clock is `supervision.clock`. */
  supervision: SupervisionService;
  /** The exchange service's own key (generated for this run), which the cases subgraph trusts. */
  exchangeKey: JWK | null;
  /** The CaseExchange SOAP service and its subgraph. */
  exchange: ExchangeService;
  /** The simulated departmental system, when DEPARTMENT_SYSTEMS is unset (and no departments were given). */
  legacySim: LegacySim | null;
  /** Present when the development provider was started. */
  idp: DevIdentityProvider | null;
  issuer: string;
  /** The internal-token keys generated for this run; null when they come from the configuration. */
  internalKeys: InternalKeyPair | null;
  close(): Promise<void>;
}

export interface PlatformOptions {
  config: Config;
  logger: Logger;
  /** Free ports for every service (tests, bench). */
  ephemeralPorts?: boolean;
  /** Overrides config.dataDir; null keeps every PGlite store in memory. */
  dataDir?: string | null;
  /** Departmental systems applications are delivered to (统一受理); tests pass a fake. */
  departments?: DepartmentDelivery;
  /** The supervision subgraph's clock (tests move it to cross working-day boundaries without sleeping). */
  supervisionNow?: () => Date;
}

export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { config, logger } = options;
  const port = (configured: number) => (options.ephemeralPorts ? 0 : configured);
  const started: Array<{ close(): Promise<void> }> = [];
  const closeAll = async () => {
    for (const service of started.reverse()) await service.close();
  };
  try {
    const idp = config.oidcIssuer ? null : await startDevIdentityProvider({ host: config.host, port: port(config.devIdpPort), logger, audience: config.oidcAudience });
    if (idp) started.push(idp);
    const generated = config.internalSigningKey ? undefined : await generateInternalKeyPair();
    // The cases subgraph calls catalog and results as itself, with a key of its own (see lib/http/serviceClient.ts).
    const casesKey = config.serviceSigningKey ? undefined : await generateInternalKeyPair('cases');
    const certificatesKey = config.serviceSigningKey ? undefined : await generateInternalKeyPair('certificates');
    const exchangeKey = config.serviceSigningKey ? undefined : await generateInternalKeyPair('exchange');
    const supervisionKey = config.serviceSigningKey ? undefined : await generateInternalKeyPair('supervision');
    const serviceKeys = [casesKey, certificatesKey, exchangeKey, supervisionKey].flatMap((pair) => pair?.publicJwks.keys ?? []);
    const internalKeys = generated ? { keys: [...generated.publicJwks.keys, ...serviceKeys] } : undefined;
    const subgraphOptions = { config, logger, ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}), ...(internalKeys ? { internalKeys } : {}) };
    const catalog = await startCatalog({ ...subgraphOptions, port: port(config.catalogPort) });
    started.push(catalog);
    const identity = await startIdentity({ ...subgraphOptions, port: port(config.identityPort) });
    started.push(identity);
    const results = await startResults({ ...subgraphOptions, port: port(config.resultsPort) });
    started.push(results);
    // 统一受理: the configured departmental systems, or the simulated one, whose address is known
    // once it listens (below) — the delivery reads the list when it delivers.
    const simulated = options.departments === undefined && config.departmentSystems === undefined;
    let systems: readonly DepartmentSystem[] = config.departmentSystems === undefined ? [] : parseDepartmentSystems(config.departmentSystems);
    // Supervision listens after the cases subgraph (it reads cases' calendar and facts), which
    // reports to it from the start: through a getter, as for the departments below.
    let supervisionUrl = config.supervisionUrl ?? '';
    const cases = await startCases({
      ...subgraphOptions,
      port: port(config.casesPort),
      ...(casesKey ? { serviceKey: casesKey.privateJwk } : {}),
      catalogUrl: config.catalogUrl ?? catalog.url,
      resultsUrl: config.resultsUrl ?? results.url,
      supervisionUrl: () => supervisionUrl,
      departments: options.departments ?? departmentDelivery(() => systems),
    });
    started.push(cases);
    const supervision = await startSupervision({
      ...subgraphOptions,
      port: port(config.supervisionPort),
      ...(supervisionKey ? { serviceKey: supervisionKey.privateJwk } : {}),
      catalogUrl: config.catalogUrl ?? catalog.url,
      casesUrl: config.casesUrl ?? cases.url,
      ...(options.supervisionNow ? { now: options.supervisionNow } : {}),
    });
    started.push(supervision);
    supervisionUrl = config.supervisionUrl ?? supervision.url;
    const certificates = await startCertificates({
      ...subgraphOptions,
      port: port(config.certificatesPort),
      ...(certificatesKey ? { serviceKey: certificatesKey.privateJwk } : {}),
      casesUrl: config.casesUrl ?? cases.url,
    });
    started.push(certificates);
    const issuer = config.oidcIssuer ?? idp!.issuer;
    // Legacy query services wrapped as graph fields: the simulator's LicenseRegistry, whose address
    // is known only once it listens (below, after the exchange it pushes to) — read through a getter.
    // LEGACY_QUERIES when given; otherwise the simulated department's registry, once it listens.
    let legacyQueries: readonly LegacyQueryConfig[] = config.legacyQueries === undefined ? [] : parseLegacyQueryConfigs(config.legacyQueries, 'LEGACY_QUERIES');
    const exchange = await startExchange({
      ...subgraphOptions,
      port: port(config.exchangePort),
      ...(exchangeKey ? { serviceKey: exchangeKey.privateJwk } : {}),
      casesUrl: config.casesUrl ?? cases.url,
      supervisionUrl: () => supervisionUrl,
      oidcIssuer: issuer,
      legacyQueries: () => legacyQueries,
    });
    started.push(exchange);
    // The simulated department pushes to the exchange service directly; real ones come through the gateway's /soap/.
    const legacySim = simulated
      ? await startLegacySim({ port: port(config.legacySimPort), host: config.host, exchangeUrl: exchange.soapUrl, licenses: developmentLicenses(), logger: logger.child({ service: 'legacy-sim' }) })
      : null;
    if (legacySim) {
      started.push({ close: () => legacySim.close() });
      systems = developmentDepartmentSystems({ host: config.host, port: legacySim.port });
      if (config.legacyQueries === undefined) legacyQueries = developmentLegacyQueries(legacySim.registryUrl);
    }
    const gateway = await startGateway({
      config,
      logger,
      port: port(config.gatewayPort),
      oidcIssuer: issuer,
      ...(generated ? { internalSigningKey: generated.privateJwk } : {}),
      subgraphUrls: {
        catalog: config.catalogUrl ?? catalog.url,
        identity: config.identityUrl ?? identity.url,
        cases: config.casesUrl ?? cases.url,
        results: config.resultsUrl ?? results.url,
        certificates: config.certificatesUrl ?? certificates.url,
        exchange: config.exchangeUrl ?? exchange.url,
        supervision: supervisionUrl,
      },
    });
    started.push(gateway);
    return { gateway, catalog, identity, cases, results, certificates, supervision, exchangeKey: exchangeKey?.privateJwk ?? null, exchange, legacySim, idp, issuer, internalKeys: generated ?? null, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
