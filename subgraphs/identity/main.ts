/** Runs the identity subgraph on its own (production layout: one process per service). */
import { loadConfig } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import { runService } from '../../lib/process.ts';
import { startIdentity } from './service.ts';

await runService('identity', async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const identity = await startIdentity({ config, logger });
  logger.info({ url: identity.url }, 'identity subgraph listening');
  return identity;
});
