import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listen } from 'soap';

/**
 * The baseline: a bare node-soap service (`soap.listen` on a plain Node HTTP server, as the
 * package's documentation sets one up), one document/literal operation that answers the string it
 * was sent. No authentication, no store: what parsing a SOAP envelope and writing one costs with
 * the library CaseExchange is built on, in this process.
 */
const WSDL = readFileSync(new URL('./Echo.wsdl', import.meta.url), 'utf8');
export const ECHO_PATH = '/echo';

export interface EchoService {
  url: string;
  close(): Promise<void>;
}

export async function startEchoService(): Promise<EchoService> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const services = {
    EchoService: {
      EchoPort: {
        Echo: (args: { Text?: string }) => ({ Text: args.Text ?? '' }),
      },
    },
  };
  listen(server, { path: ECHO_PATH, services, xml: WSDL });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${ECHO_PATH}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
