import net from 'node:net';

/**
 * A port the OS just handed out and released, for servers that cannot listen on port 0 and
 * report the result (startStandaloneServer). Another process could take it in between; on a
 * bench machine that race is acceptable.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
