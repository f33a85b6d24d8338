import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/** One JSON logger per process; each service takes a child named after itself. */
export function createLogger(level: LevelWithSilent = 'info'): Logger {
  return pino({ level, base: { app: 'tongban' } });
}
