/**
 * What a warehouse gives the benchmark: sparkify's CLI and the hand-written baseline as
 * child processes, each into a warehouse of its own, and a saved state for the
 * incremental mode to return to before each repeat.
 */
import type { ChildRun } from '../measure.js';

/** Where sparkify reads from: the two trees, as `--song-data` and `--log-data`. */
export interface SourceTrees {
  readonly songData: string;
  readonly logData: string;
}

export interface BenchTarget {
  readonly description: string;
  /** The PostgreSQL server's process, sampled for memory; undefined when not ours to see. */
  readonly serverPid?: number;
  /** `sparkify etl` into a fresh warehouse (tables made beforehand, untimed). */
  sparkifyFirstLoad(source: SourceTrees): ChildRun;
  /** `sparkify etl` into sparkify's warehouse as it is (an incremental load). */
  sparkifyEtl(source: SourceTrees): ChildRun;
  /** Keeps sparkify's warehouse as it is now, for `restoreSparkify`. */
  saveSparkify(): Promise<void>;
  restoreSparkify(): Promise<void>;
  /** The hand-written load of the whole dataset into a fresh warehouse. */
  baselineLoad(dataDir: string): ChildRun;
  cleanUp(): Promise<void>;
}

export const sparkifyEtlParse = (stdout: string) => {
  const result = JSON.parse(stdout) as { report: { phases: Record<string, number> }; summary: { tables: Record<string, number> } };
  return { phases: result.report.phases, counts: result.summary.tables };
};

export const baselineParse = (stdout: string) => JSON.parse(stdout) as { phases: Record<string, number>; counts: Record<string, number> };
