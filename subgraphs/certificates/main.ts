/** Runs the certificates subgraph on its own (production layout: one process per service). */
import { loadConfig } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import { runService } from '../../lib/process.ts';
import { startCertificates } from './service.ts';

await runService('certificates', async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const certificates = await startCertificates({ config, logger });
  logger.info({ url: certificates.url }, 'certificates subgraph listening');
  return certificates;
});
