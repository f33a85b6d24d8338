import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figures, LoadShape } from './measure.ts';
import type { RunInfo } from './runInfo.ts';

export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

export interface MeasuredTarget {
  name: string;
  description: string;
  figures: Figures;
}

/** "numerator ÷ denominator", by target name. */
export interface RatioDefinition {
  numerator: string;
  denominator: string;
}

/** The metrics every ratio is computed for, and which way is better. */
const RATIO_METRICS = [
  { key: 'requestsPerSecond', label: 'req/s', better: 'higher' },
  { key: 'latencyP50Ms', label: 'p50', better: 'lower' },
  { key: 'latencyP99Ms', label: 'p99', better: 'lower' },
] as const satisfies ReadonlyArray<{ key: keyof Figures; label: string; better: 'higher' | 'lower' }>;

type RatioKey = (typeof RATIO_METRICS)[number]['key'];

export interface ScenarioResult {
  scenario: string;
  title: string;
  /** The request every target served. */
  operation: string;
  /** What the figures depend on besides the code: store, cache, pool sizes. */
  environment: Record<string, string | number | boolean | null>;
  targets: MeasuredTarget[];
  ratios: RatioDefinition[];
  /** Findings besides the figures (counts checked, a part skipped and why), one line each. */
  notes?: string[];
}

export interface ComputedRatio extends RatioDefinition {
  values: Record<RatioKey, number | null>;
}

export interface Report extends RunInfo {
  scenario: string;
  title: string;
  load: LoadShape & { generator: string };
  environment: ScenarioResult['environment'];
  operation: string;
  targets: MeasuredTarget[];
  ratios: ComputedRatio[];
  notes: string[];
}

function figuresOf(result: ScenarioResult, name: string): Figures {
  const target = result.targets.find((candidate) => candidate.name === name);
  if (!target) throw new Error(`ratio names unknown target '${name}' in scenario ${result.scenario}`);
  return target.figures;
}

function computeRatios(result: ScenarioResult): ComputedRatio[] {
  return result.ratios.map((ratio) => {
    const top = figuresOf(result, ratio.numerator);
    const bottom = figuresOf(result, ratio.denominator);
    const values = Object.fromEntries(
      RATIO_METRICS.map(({ key }) => [key, bottom[key] > 0 ? Number((top[key] / bottom[key]).toFixed(2)) : null]),
    ) as Record<RatioKey, number | null>;
    return { ...ratio, values };
  });
}

export function buildReport(result: ScenarioResult, run: RunInfo, load: LoadShape): Report {
  return {
    scenario: result.scenario,
    title: result.title,
    ...run,
    load: { ...load, generator: 'autocannon 9, programmatic, same process as the servers' },
    environment: result.environment,
    operation: result.operation,
    targets: result.targets,
    ratios: computeRatios(result),
    notes: result.notes ?? [],
  };
}

const fmt = (value: number, digits = 1) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function toMarkdown(report: Report): string {
  const env = Object.entries(report.environment)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(' · ');
  const lines = [
    `## ${report.scenario}: ${report.title}`,
    '',
    `${report.date} · commit ${report.gitCommit ?? 'unknown'}${report.gitDirty ? ' (uncommitted changes)' : ''} · Node ${report.node} · ${report.cpus} CPUs`,
    `${env}`,
    `${report.load.durationSeconds} s measured after ${report.load.warmupSeconds} s warm-up, ${report.load.connections} connections; ${report.load.generator}`,
    '',
    '| target | req/s (mean) | p50 ms | p99 ms | requests | errors | non-2xx | GraphQL errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...report.targets.map(({ name, figures: f }) =>
      `| ${name} | ${fmt(f.requestsPerSecond)} | ${fmt(f.latencyP50Ms, 0)} | ${fmt(f.latencyP99Ms, 0)} | ${f.requests} | ${f.errors} | ${f.non2xx} | ${f.mismatches} |`,
    ),
    '',
    `| ratio | ${RATIO_METRICS.map((metric) => `${metric.label} (${metric.better} is better)`).join(' | ')} |`,
    `|---|${RATIO_METRICS.map(() => '---:').join('|')}|`,
    ...report.ratios.map(
      (ratio) =>
        `| ${ratio.numerator} ÷ ${ratio.denominator} | ${RATIO_METRICS.map(({ key }) => (ratio.values[key] === null ? 'n/a' : `${ratio.values[key]}×`)).join(' | ')} |`,
    ),
    '',
    ...report.targets.map((target) => `- **${target.name}**: ${target.description}`),
    '',
    ...(report.notes.length ? ['**Notes**', '', ...report.notes.map((note) => `- ${note}`), ''] : []),
  ];
  return lines.join('\n');
}

/** Written beside and renamed over, so a reader never sees half a file. */
function writeAtomically(file: string, content: string): void {
  writeFileSync(`${file}.tmp`, content);
  renameSync(`${file}.tmp`, file);
}

/** `<stamp>-<scenario>.{json,md}` plus `latest-<scenario>.{json,md}`; returns the stamped paths. */
export function writeReport(report: Report, dir = RESULTS_DIR): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = report.date.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const markdown = toMarkdown(report);
  const stamped = { json: path.join(dir, `${stamp}-${report.scenario}.json`), markdown: path.join(dir, `${stamp}-${report.scenario}.md`) };
  writeAtomically(stamped.json, json);
  writeAtomically(stamped.markdown, markdown);
  writeAtomically(path.join(dir, `latest-${report.scenario}.json`), json);
  writeAtomically(path.join(dir, `latest-${report.scenario}.md`), markdown);
  return stamped;
}
