/** Runs the results subgraph on its own (production layout: one process per service). */
import { loadConfig } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import { runService } from '../../lib/process.ts';
import { startResults } from './service.ts';

await runService('results', async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const results = await startResults({ config, logger });
  logger.info({ url: results.url }, 'results subgraph listening');
  return results;
});
