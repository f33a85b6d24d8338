import type { MeasuredTarget, RatioDefinition, ScenarioResult } from '../../lib/report.ts';

/** What the supervision scenario's parts add to its one report. */
export interface Collected {
  targets: MeasuredTarget[];
  ratios: RatioDefinition[];
  environment: ScenarioResult['environment'];
  notes: string[];
}
