import { fileURLToPath } from 'node:url';
import type { JSONWebKeySet, JWK } from 'jose';
import { certificatesDatabaseUrl, type Config } from '../../lib/config.ts';
import { createServiceClient, type ServiceClient } from '../../lib/http/serviceClient.ts';
import { startSubgraph, type SubgraphService } from '../../lib/http/startSubgraph.ts';
import type { Logger } from '../../lib/logger.ts';
import { loadCertificateTypes } from '../../seeds/certificates/load.ts';
import type { Context } from './context.ts';
import { casesSource, NO_CASES, type CasesSource } from '../cases/client/caseFacts.ts';
import { createLoaders } from './loaders.ts';
import { CertificatesRepository } from './repository.ts';
import { resolvers } from './resolvers/index.ts';
import { registerRoutes } from './routes.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
export const CERTIFICATES_SCHEMA_FILE = here('./schema.graphql');
export const CERTIFICATES_MIGRATIONS_DIR = here('./migrations');

export interface StartCertificatesOptions {
  config: Config;
  logger: Logger;
  port?: number;
  dataDir?: string | null;
  /** The public keys internal tokens are verified with: the gateway's. */
  internalKeys?: JSONWebKeySet;
  /** This subgraph's own service key (SERVICE_SIGNING_KEY, `svc` = certificates), for reading cases. */
  serviceKey?: JWK;
  /** Where the cases subgraph listens (the launcher knows; else CASES_URL). */
  casesUrl?: string;
  /** Replaces the cases subgraph (unit tests). Takes precedence over serviceKey and casesUrl. */
  cases?: CasesSource;
  /** The clock (tests). */
  now?: () => Date;
}

/**
 * The certificates subgraph: 电子证照 — the certificate types (证照目录), issuance from completed
 * cases, electronic seals and their JWKS, public verification, revocation and replacement.
 *
 * Without a service key or a cases URL it still starts, and every issuance that names a case is
 * refused as SUBGRAPH_UNAVAILABLE: it never issues from a case it could not check.
 */
export async function startCertificates(options: StartCertificatesOptions): Promise<SubgraphService> {
  const { config } = options;
  const logger = options.logger.child({ service: 'certificates' });
  const now = options.now ?? (() => new Date());
  const serviceKey = options.serviceKey ?? (config.serviceSigningKey as JWK | undefined);
  const casesUrl = options.casesUrl ?? config.casesUrl;
  let client: ServiceClient | undefined;
  let cases: CasesSource = options.cases ?? NO_CASES;
  if (options.cases === undefined && serviceKey !== undefined && casesUrl !== undefined) {
    client = await createServiceClient({
      caller: 'certificates',
      callee: 'cases',
      url: casesUrl,
      signingKey: serviceKey,
      timeoutMs: config.subgraphTimeoutMs,
      tokenTtlSeconds: config.internalTokenTtlSeconds,
    });
    cases = casesSource(client);
  } else if (options.cases === undefined) {
    logger.warn('no SERVICE_SIGNING_KEY or CASES_URL: certificates cannot be issued from cases');
  }

  return startSubgraph<Context>({
    name: 'certificates',
    config,
    logger,
    port: options.port ?? config.certificatesPort,
    dataDir: options.dataDir,
    databaseUrl: certificatesDatabaseUrl(config),
    dbSchema: config.certificatesDbSchema,
    migrationsDir: CERTIFICATES_MIGRATIONS_DIR,
    schemaFile: CERTIFICATES_SCHEMA_FILE,
    resolvers,
    internalKeys: options.internalKeys,
    prepare: async (store) => {
      const types = await loadCertificateTypes(store);
      logger.debug({ types }, 'certificate types loaded');
    },
    routes: (app, store) => registerRoutes(app, store, now),
    context: (identity, store) => {
      const repository = new CertificatesRepository(store);
      return { identity, store, repository, loaders: createLoaders(repository), cases, publicUrl: config.publicUrl, now };
    },
    onClose: async () => {
      await client?.close();
    },
  });
}
