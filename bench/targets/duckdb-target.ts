/**
 * The DuckDB side of the benchmark: `sparkify etl` (tables created beforehand, untimed)
 * against bench/duckdb-baseline.ts, which does the same work and no more.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildRun } from '../measure.js';
import { baselineParse, sparkifyEtlParse, type BenchTarget, type SourceTrees } from './target.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rusage = path.join(repo, 'bench/report-rusage.mjs');
const cli = path.join(repo, 'bin/sparkify.js');

export function createTarget(root: string, baselineMemoryLimit: string): Promise<BenchTarget> {
  const ours = path.join(root, 'sparkify.duckdb');
  const saved = path.join(root, 'sparkify-saved.duckdb');
  const theirs = path.join(root, 'baseline.duckdb');
  const remove = (file: string) => [file, `${file}.wal`, `${file}.tmp`, `${file}.sparkify-tmp`].forEach((f) => rmSync(f, { force: true, recursive: true }));
  const etl = (source: SourceTrees): readonly string[] => [
    process.execPath, '--import', rusage, cli, 'etl', '--song-data', source.songData, '--log-data', source.logData,
    '--warehouse', `duckdb:${ours}`, '--quiet', '--json',
  ];
  const sparkifyFirstLoad = (source: SourceTrees): ChildRun => ({
    prepare: async () => {
      remove(ours);
      execFileSync(process.execPath, [cli, 'create-tables', '--warehouse', `duckdb:${ours}`, '--quiet']);
    },
    command: etl(source),
    parse: sparkifyEtlParse,
  });
  return Promise.resolve({
    description: 'DuckDB (embedded)',
    sparkifyFirstLoad,
    sparkifyEtl: (source) => ({ command: etl(source), parse: sparkifyEtlParse }),
    saveSparkify: async () => {
      // A closed DuckDB file holds everything (the WAL is checkpointed at close).
      if (existsSync(`${ours}.wal`)) throw new Error(`${ours}.wal: the warehouse was not closed cleanly`);
      copyFileSync(ours, saved);
    },
    restoreSparkify: async () => {
      remove(ours);
      copyFileSync(saved, ours);
    },
    baselineLoad: (dataDir) => ({
      command: [process.execPath, '--import', rusage, '--import', 'tsx', path.join(repo, 'bench/duckdb-baseline.ts'), dataDir, theirs, baselineMemoryLimit],
      parse: baselineParse,
    }),
    cleanUp: async () => {
      [ours, saved, theirs].forEach(remove);
    },
  });
}
