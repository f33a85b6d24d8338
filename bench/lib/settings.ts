/** How long and how hard every scenario drives its targets; read once from the environment. */
export interface BenchSettings {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
}

/** A non-negative number from the environment, for scenario-specific variables too (BENCH_COUNTIES). */
export function positiveNumber(env: Record<string, string | undefined>, name: string, fallback: number, integer: boolean): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  const ok = Number.isFinite(value) && value >= 0 && (!integer || Number.isInteger(value));
  // A typo must not silently fall back to the default: the run would be mislabelled.
  if (!ok) throw new Error(`${name}: expected a ${integer ? 'whole' : 'non-negative'} number, got '${raw}'`);
  return value;
}

export function readSettings(env: Record<string, string | undefined> = process.env): BenchSettings {
  const settings = {
    durationSeconds: positiveNumber(env, 'BENCH_DURATION', 10, false),
    warmupSeconds: positiveNumber(env, 'BENCH_WARMUP', 2, false),
    connections: positiveNumber(env, 'BENCH_CONNECTIONS', 10, true),
  };
  if (settings.durationSeconds === 0) throw new Error('BENCH_DURATION: must be more than 0');
  if (settings.connections === 0) throw new Error('BENCH_CONNECTIONS: must be at least 1');
  return settings;
}
