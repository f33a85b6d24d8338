/** Runs the cases subgraph on its own (production layout: one process per service). */
import { loadConfig } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import { runService } from '../../lib/process.ts';
import { startCases } from './service.ts';

await runService('cases', async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const cases = await startCases({ config, logger });
  logger.info({ url: cases.url }, 'cases subgraph listening');
  return cases;
});
