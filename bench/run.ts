/**
 * `npm run bench [scenario …]`: runs the named scenarios (all when none are named), writes
 * bench/results/, prints each Markdown table. Exits 1 if a target answers wrongly or a scenario
 * fails, 2 on bad usage.
 */
import { CorrectnessError } from './lib/graphql.ts';
import { buildReport, toMarkdown, writeReport } from './lib/report.ts';
import { collectRunInfo } from './lib/runInfo.ts';
import { readSettings } from './lib/settings.ts';
import { SCENARIOS } from './scenarios/index.ts';

const progress = (scenario: string) => (line: string) => console.error(`[bench ${scenario}] ${line}`);

async function main(): Promise<number> {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name));
  if (unknown.length) {
    console.error(`unknown scenario: ${unknown.join(', ')}; known: ${SCENARIOS.map((scenario) => scenario.name).join(', ')}`);
    return 2;
  }
  const settings = readSettings();
  const selected = names.length ? SCENARIOS.filter((scenario) => names.includes(scenario.name)) : SCENARIOS;

  for (const scenario of selected) {
    const run = collectRunInfo();
    try {
      const result = await scenario.run(settings, progress(scenario.name));
      const report = buildReport(result, run, settings);
      const written = writeReport(report);
      console.log(toMarkdown(report));
      console.error(`[bench ${scenario.name}] wrote ${written.json} and ${written.markdown}`);
    } catch (error) {
      const banner = error instanceof CorrectnessError ? 'CORRECTNESS CHECK FAILED, nothing measured' : 'SCENARIO FAILED';
      console.error(`\n*** bench ${scenario.name}: ${banner} ***\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      return 1;
    }
  }
  return 0;
}

// No process.exit: if a server or pool were left open the run would hang, and that is a bug to see.
process.exitCode = await main();
