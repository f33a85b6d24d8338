import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/**
 * A real redis-server of the test's own, on a free loopback port, so a chaos test can kill,
 * freeze and restart it without disturbing the shared Redis other tests use.
 */
export interface RedisServer {
  url: string;
  start(): Promise<void>;
  /** SIGKILL: the server is gone, connections reset. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: the server hangs with its sockets open, the worst case for a client. */
  freeze(): void;
  thaw(): void;
  keyCount(): Promise<number>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function redisServer(binary = 'redis-server'): Promise<RedisServer> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  async function waitUntilUp(): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.ping();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        client.disconnect();
      }
    }
    throw new Error(`redis-server on port ${port} did not come up`);
  }

  return {
    url,
    async start() {
      child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      const spawned = new Promise<void>((resolve, reject) => {
        child!.once('spawn', resolve);
        child!.once('error', (error) => reject(new Error(`cannot start ${binary}: ${error.message}`)));
      });
      await spawned;
      await waitUntilUp();
    },
    async kill() {
      if (!child) return;
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      child = undefined;
    },
    freeze: () => child?.kill('SIGSTOP'),
    thaw: () => child?.kill('SIGCONT'),
    async keyCount() {
      const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      try {
        await client.connect();
        return await client.dbsize();
      } finally {
        client.disconnect();
      }
    },
  };
}
