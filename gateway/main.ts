/** Runs the gateway on its own (production layout: one process per service). */
import { loadConfig } from '../lib/config.ts';
import { createLogger } from '../lib/logger.ts';
import { runService } from '../lib/process.ts';
import { startGateway } from './server.ts';

await runService('gateway', async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const gateway = await startGateway({ config, logger });
  logger.info({ url: gateway.url }, 'gateway listening');
  return gateway;
});
