import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** Where and on what a run happened, so results from different days can be told apart. */
export interface RunInfo {
  date: string;
  gitCommit: string | null;
  /** Uncommitted changes in the tree: the commit alone does not name the code measured. */
  gitDirty: boolean | null;
  node: string;
  cpus: number;
  cpuModel: string;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function collectRunInfo(now = new Date()): RunInfo {
  // The bench's own results are always new files; they say nothing about the code measured.
  const status = git(['status', '--porcelain', '--', '.', ':(exclude)bench/results']);
  return {
    date: now.toISOString(),
    gitCommit: git(['rev-parse', '--short', 'HEAD']) || null,
    gitDirty: status === null ? null : status.length > 0,
    node: process.version,
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
  };
}
