/**
 * Runs the simulated departmental system on its own:
 *
 *   npx tsx adapters/legacy-sim/main.ts [--exchange-url URL] [--exchange-wsdl FILE]
 *     [--delay-ms N] [--failure-rate 0.2] [--query-delay-ms N] [--client-id ID] [--password P]
 *
 * Port and interface from LEGACY_SIM_PORT and HOST, log level from LOG_LEVEL; by default it pushes
 * to the gateway (GATEWAY_PORT) at /soap/CaseExchange. `npm start` starts it in-process instead
 * when DEPARTMENT_SYSTEMS is unset.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import { runService } from '../../lib/process.ts';
import { developmentLicenses, startLegacySim } from './sim.ts';

function number(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    console.error(`tongban legacy-sim: --${name} expects a number between ${min} and ${max}, got '${raw}'`);
    process.exit(2);
  }
  return value;
}

await runService('legacy-sim', async () => {
  const { values } = parseArgs({
    options: {
      'exchange-url': { type: 'string' },
      'exchange-wsdl': { type: 'string' },
      'delay-ms': { type: 'string' },
      'failure-rate': { type: 'string' },
      'query-delay-ms': { type: 'string' },
      'client-id': { type: 'string' },
      password: { type: 'string' },
    },
  });
  const config = loadConfig();
  const logger = createLogger(config.logLevel).child({ service: 'legacy-sim' });
  const delay = number('delay-ms', values['delay-ms'], 0, 3_600_000);
  const failureRate = number('failure-rate', values['failure-rate'], 0, 0.99);
  const queryDelayMs = number('query-delay-ms', values['query-delay-ms'], 0, 600_000);
  const sim = await startLegacySim({
    port: config.legacySimPort,
    host: config.host,
    exchangeUrl: values['exchange-url'] ?? `http://127.0.0.1:${config.gatewayPort}/soap/CaseExchange`,
    ...(values['exchange-wsdl'] ? { exchangeWsdl: values['exchange-wsdl'] } : {}),
    ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
    ...(values.password ? { password: values.password } : {}),
    ...(delay === undefined ? {} : { delays: delay }),
    ...(failureRate === undefined ? {} : { failureRate }),
    ...(queryDelayMs === undefined ? {} : { queryDelayMs }),
    licenses: developmentLicenses(),
    logger,
  });
  logger.info({ intake: `${sim.intakeUrl}?wsdl`, registry: `${sim.registryUrl}?wsdl` }, 'legacy-sim: simulated departmental system running');
  return sim;
});
