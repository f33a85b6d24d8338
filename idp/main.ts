/**
 * Runs the development identity provider on its own (DEV_IDP_PORT, HOST). Development only:
 * see server.ts.
 */
import { loadConfig } from '../lib/config.ts';
import { createLogger } from '../lib/logger.ts';
import { runService } from '../lib/process.ts';
import { ROTATE_KEYS_PATH, startDevIdentityProvider } from './server.ts';

await runService('dev-idp', async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const idp = await startDevIdentityProvider({ host: config.host, port: config.devIdpPort, logger, audience: config.oidcAudience });
  console.log(
    [
      '',
      'Development identity provider (never expose it) is running.',
      `  issuer        ${idp.issuer}`,
      `  discovery     ${idp.issuer}/.well-known/openid-configuration`,
      `  rotate keys   curl -X POST ${idp.issuer}${ROTATE_KEYS_PATH}`,
      '  users, clients and curl lines: docs/identity.md',
      '',
    ].join('\n'),
  );
  return idp;
});
