import { ConfigError } from './config.ts';

interface Closable {
  close(): Promise<void>;
}

/**
 * Starts a service and ties its life to the process: a configuration error prints one line naming
 * the variable and exits 2; SIGINT/SIGTERM close it cleanly (in-flight requests drain).
 */
export async function runService(name: string, start: () => Promise<Closable>): Promise<void> {
  let service: Closable;
  try {
    service = await start();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`tongban ${name}: configuration error: ${error.message}`);
      process.exit(2);
    }
    console.error(`tongban ${name}: failed to start:`, error);
    process.exit(1);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await service.close().catch((error: unknown) => console.error(`tongban ${name}: error while stopping:`, error));
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
