/**
 * The DuckDB side of the benchmark: `sparkify etl` (tables created beforehand, untimed)
 * against bench/duckdb-baseline.ts, which does the same work and no more.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildRun } from '../measure.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rusage = path.join(repo, 'bench/report-rusage.mjs');

export function createTarget(root: string, dataDir: string, baselineMemoryLimit = '1GB') {
  const ours = path.join(root, 'sparkify.duckdb');
  const theirs = path.join(root, 'baseline.duckdb');
  const remove = (file: string) => [file, `${file}.wal`, `${file}.tmp`].forEach((f) => rmSync(f, { force: true, recursive: true }));
  const sparkifyRun = (): ChildRun => ({
    prepare: async () => {
      remove(ours);
      execFileSync(process.execPath, [path.join(repo, 'bin/sparkify.js'), 'create-tables', '--warehouse', `duckdb:${ours}`, '--quiet']);
    },
    command: [process.execPath, '--import', rusage, path.join(repo, 'bin/sparkify.js'), 'etl', '--source', dataDir, '--warehouse', `duckdb:${ours}`, '--quiet', '--json'],
    parse: (stdout) => {
      const result = JSON.parse(stdout) as { report: { phases: Record<string, number> }; summary: { tables: Record<string, number> } };
      return { phases: result.report.phases, counts: result.summary.tables };
    },
  });
  const baselineRun = (): ChildRun => ({
    command: [process.execPath, '--import', rusage, '--import', 'tsx', path.join(repo, 'bench/duckdb-baseline.ts'), dataDir, theirs, baselineMemoryLimit],
    parse: (stdout) => JSON.parse(stdout) as { phases: Record<string, number>; counts: Record<string, number> },
  });
  return {
    sparkifyRun,
    baselineRun,
    describeTarget: 'DuckDB (embedded)',
    cleanUp: async () => {
      remove(ours);
      remove(theirs);
    },
  };
}
