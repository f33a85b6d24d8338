/** Runs the supervision subgraph on its own (production layout: one process per service). */
import { loadConfig } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import { runService } from '../../lib/process.ts';
import { startSupervision } from './service.ts';

await runService('supervision', async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const supervision = await startSupervision({ config, logger });
  logger.info({ url: supervision.url }, 'supervision subgraph listening');
  return supervision;
});
