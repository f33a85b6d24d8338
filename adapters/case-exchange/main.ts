/** Runs the exchange service on its own (production layout: one process per service). */
import { loadConfig } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import { runService } from '../../lib/process.ts';
import { startExchange } from './service.ts';

await runService('exchange', async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const exchange = await startExchange({ config, logger });
  logger.info({ url: exchange.url, soap: exchange.soapUrl }, 'exchange service listening');
  return exchange;
});
