/** Runs the catalog subgraph on its own (production layout: one process per service). */
import { loadConfig } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import { runService } from '../../lib/process.ts';
import { startCatalog } from './service.ts';

await runService('catalog', async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const catalog = await startCatalog({ config, logger });
  logger.info({ url: catalog.url }, 'catalog subgraph listening');
  return catalog;
});
