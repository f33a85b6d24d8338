import type { ScenarioResult } from './report.ts';
import type { BenchSettings } from './settings.ts';

/**
 * One benchmark: starts everything it measures, checks each target answers correctly (throwing
 * CorrectnessError otherwise), measures, and stops everything again, also when it fails.
 */
export interface Scenario {
  /** Command-line name and results file suffix, e.g. catalog-portal. */
  name: string;
  run(settings: BenchSettings, progress: (line: string) => void): Promise<ScenarioResult>;
}
