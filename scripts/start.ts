/**
 * `npm start`: the whole platform in one process on its embedded defaults — the development
 * identity provider, the catalog, identity, cases, results, certificates and supervision subgraphs (PGlite under ./data unless DATABASE_URL
 * is set) and the gateway, talking over real HTTP on their own ports.
 */
import { loadConfig } from '../lib/config.ts';
import { createLogger } from '../lib/logger.ts';
import { runService } from '../lib/process.ts';
import { startPlatform } from './platform.ts';

await runService('platform', async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const platform = await startPlatform({ config, logger });
  const origin = new URL(platform.gateway.url).origin;
  console.log(
    [
      '',
      'Tongban is running.',
      `  GraphQL (gateway)   ${platform.gateway.url}`,
      `  health / ready      ${origin}/health  ${origin}/ready`,
      `  identity provider   ${platform.issuer}${platform.idp ? '  (development provider: see docs/identity.md for tokens)' : ''}`,
      `  catalog subgraph    ${platform.catalog.url}  (answers the gateway only)`,
      `  identity subgraph   ${platform.identity.url}  (answers the gateway only)`,
      `  cases subgraph      ${platform.cases.url}  (answers the gateway only)`,
      `  results subgraph    ${platform.results.url}  (answers the gateway and the cases subgraph only)`,
      `  exchange (SOAP)      http://127.0.0.1:${config.gatewayPort}/soap/CaseExchange?wsdl  (departmental systems push here; subgraph ${platform.exchange.url})`,
      ...(platform.legacySim ? [`  simulated department ${platform.legacySim.url}  (勉县住房和城乡建设局's own system: works its applications and pushes back)`] : []),
      `  certificates        ${platform.certificates.url}  (answers the gateway only; seal keys at http://127.0.0.1:${config.gatewayPort}/seals/jwks.json)`,
      `  supervision         ${platform.supervision.url}  (电子监察 and 好差评; answers the gateway and the cases and exchange services only)`,
      `  store               ${platform.catalog.store.kind === 'pglite' ? `PGlite in ${config.dataDir}/<subgraph>` : 'PostgreSQL (DATABASE_URL)'}`,
      `  cache               ${platform.catalog.cache.kind === 'redis' ? 'Redis (REDIS_URL)' : 'in-process'}`,
      '',
      `Try: curl -s ${platform.gateway.url} -H 'content-type: application/json' \\`,
      `       -d '{"query":"{ serviceItems(first: 5) { totalCount edges { node { basicCode name type } } } }"}'`,
      '',
    ].join('\n'),
  );
  return platform;
});
