import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/** One JSON logger per process; each service takes a child named after itself. */
export function createLogger(level: LevelWithSilent = 'info', destination?: DestinationStream): Logger {
  const options = { level, base: { app: 'tongban' } };
  return destination ? pino(options, destination) : pino(options);
}
