/**
 * `npm start`: the whole platform in one process on its embedded defaults — the catalog subgraph
 * (PGlite under ./data unless DATABASE_URL is set) and the gateway, talking over real HTTP on
 * their own ports. Production runs each service's main.ts as its own process instead.
 */
import { startGateway } from '../gateway/server.ts';
import { loadConfig } from '../lib/config.ts';
import { createLogger } from '../lib/logger.ts';
import { runService } from '../lib/process.ts';
import { startCatalog } from '../subgraphs/catalog/service.ts';

await runService('platform', async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const catalog = await startCatalog({ config, logger });
  const gateway = await startGateway({ config, logger, subgraphUrls: { catalog: config.catalogUrl ?? catalog.url } });
  const origin = new URL(gateway.url).origin;
  console.log(
    [
      '',
      'Tongban is running.',
      `  GraphQL (gateway)   ${gateway.url}`,
      `  health / ready      ${origin}/health  ${origin}/ready`,
      `  catalog subgraph    ${catalog.url}  (accepts requests from the gateway)`,
      `  store               ${catalog.store.kind === 'pglite' ? `PGlite in ${config.dataDir}/catalog` : 'PostgreSQL (DATABASE_URL)'}`,
      `  cache               ${catalog.cache.kind === 'redis' ? 'Redis (REDIS_URL)' : 'in-process'}`,
      '',
      `Try: curl -s ${gateway.url} -H 'content-type: application/json' \\`,
      `       -d '{"query":"{ serviceItems(first: 5) { totalCount edges { node { basicCode name type } } } }"}'`,
      '',
    ].join('\n'),
  );
  return {
    async close() {
      await gateway.close();
      await catalog.close();
    },
  };
});
