/**
 * `npm run bench`: times sparkify's ETL through the CLI's own code path against a
 * hand-written baseline doing the same work, side by side, on one generated dataset.
 * Prints per-phase times, events/s, MB/s of input, peak RSS, and the ratios.
 *
 *   npm run bench -- [--size S|M|L|XL] [--songs N] [--events N] [--repeat 1]
 *                    [--warehouse duckdb|postgres|duckdb,postgres|all] [--mode full|incremental]
 *                    [--data-dir .bench-data] [--baseline-memory-limit default|1GB] [--side both|sparkify|baseline] [--json]
 *
 * Sizes (bench/sizes.ts): S 10 k songs / 100 k events, M (default) 100 k / 1 M, L 300 k /
 * 5 M (~2.4 GB of JSON), XL 1 M / 20 M (~10 GB). --songs and --events override them.
 * sparkify runs with its default settings (no MEMORY_LIMIT), as a new user would; a side
 * that fails is reported as failed, with its first error line, and the rest still prints.
 * Repeats alternate which side goes first, and the ratio printed is the median of each
 * repeat's own ratio (the two sides of a pair ran minutes apart at most, so they saw
 * about the same machine).
 *
 * --mode incremental: sparkify's warehouse is loaded with every day but the last
 * (untimed; printed), then each repeat times (a) `etl` with nothing new and (b) `etl`
 * after the last day's file appears. The hand-written side has no ledger, so its
 * incremental load is a full reload of every day: that is what (b) is compared with.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultMemoryLimit } from '../src/engines/duckdb/memory-limit.js';
import { generateDataset } from '../src/generate/index.js';
import { incrementalSource } from './incremental-source.js';
import { runMeasured, treeBytes, type ChildRun } from './measure.js';
import { formatFull, formatIncremental, type FullResult, type IncrementalResult, type Outcome } from './report.js';
import { benchSizes, datasetFolderName } from './sizes.js';
import type { BenchTarget } from './targets/target.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'M' },
    songs: { type: 'string' },
    events: { type: 'string' },
    days: { type: 'string', default: '30' },
    seed: { type: 'string', default: '7' },
    repeat: { type: 'string', default: '1' },
    warehouse: { type: 'string', default: 'duckdb' },
    mode: { type: 'string', default: 'full' },
    'data-dir': { type: 'string', default: '.bench-data' },
    /** The DuckDB baseline's memory_limit; 'default' (the default) leaves DuckDB's own, 80 % of memory. */
    'baseline-memory-limit': { type: 'string', default: 'default' },
    /** One side only, for a size where one run takes most of an hour (XL). */
    side: { type: 'string', default: 'both' },
    json: { type: 'boolean', default: false },
  },
});

const size = benchSizes[values.size.toUpperCase()];
if (!size) throw new Error(`--size is one of ${Object.keys(benchSizes).join(', ')}`);
const songs = Number(values.songs ?? size.songs);
const events = Number(values.events ?? size.events);
const repeat = Math.max(1, Number(values.repeat));
const mode = values.mode;
if (mode !== 'full' && mode !== 'incremental') throw new Error('--mode is full or incremental');
const warehouses = values.warehouse === 'all' ? ['duckdb', 'postgres'] : values.warehouse.split(',').map((w) => w.trim());
for (const warehouse of warehouses) {
  if (warehouse !== 'duckdb' && warehouse !== 'postgres') throw new Error('--warehouse is duckdb, postgres, a comma-separated list of them, or all');
}
const side = values.side;
if (side !== 'both' && side !== 'sparkify' && side !== 'baseline') throw new Error('--side is both, sparkify or baseline');
const root = path.resolve(values['data-dir']);
const dataDir = path.join(root, datasetFolderName({ songs, events }, Number(values.seed)));
const workDir = path.join(root, `bench-work-${process.pid}`);

if (!existsSync(path.join(dataDir, 'log_data'))) {
  process.stderr.write(`generating ${songs} songs and ${events} events into ${dataDir}…\n`);
  const summary = await generateDataset({ outDir: dataDir, songs, events, days: Number(values.days), seed: Number(values.seed) });
  process.stderr.write(`generated in ${summary.seconds.toFixed(1)} s\n`);
}
const inputBytes = await treeBytes(dataDir);
mkdirSync(workDir, { recursive: true });

const openTarget = (warehouse: string): Promise<BenchTarget> =>
  warehouse === 'duckdb'
    ? import('./targets/duckdb-target.js').then((m) => m.createTarget(workDir, values['baseline-memory-limit']))
    : import('./targets/postgres-target.js').then((m) => m.createTarget());

/** A side that fails (out of memory, say) is a result to report, not the end of the benchmark. */
const measured = (target: BenchTarget, run: ChildRun, which: 'sparkify' | 'baseline'): Promise<Outcome> => {
  if (side !== 'both' && side !== which) return Promise.resolve({ skipped: `--side ${side}` });
  process.stderr.write(`  ${new Date().toISOString().slice(11, 19)} ${run.command.slice(-8).join(' ')}\n`);
  return runMeasured(run, target.serverPid === undefined ? {} : { serverPid: target.serverPid }).catch((error: unknown) => ({ failed: firstErrorLine(error) }));
};

/** Runs `a` then `b` on even repeats, `b` then `a` on odd ones, so neither always goes first. */
async function alternate<A, B>(index: number, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  if (index % 2 === 0) {
    const first = await a();
    return [first, await b()];
  }
  const second = await b();
  return [await a(), second];
}

async function fullLoads(target: BenchTarget): Promise<FullResult> {
  const pairs: FullResult['pairs'][number][] = [];
  const source = { songData: path.join(dataDir, 'song_data'), logData: path.join(dataDir, 'log_data') };
  for (let i = 0; i < repeat; i++) {
    const [baseline, sparkify] = await alternate(i, () => measured(target, target.baselineLoad(dataDir), 'baseline'), () => measured(target, target.sparkifyFirstLoad(source), 'sparkify'));
    pairs.push({ sparkify, baseline });
  }
  return { pairs };
}

async function incrementalLoads(target: BenchTarget): Promise<IncrementalResult> {
  const source = incrementalSource(dataDir, workDir);
  try {
    const firstLoad = await measured(target, target.sparkifyFirstLoad(source), 'sparkify');
    if (!('seconds' in firstLoad)) return { firstLoad, runs: [] };
    await target.saveSparkify();
    const runs: IncrementalResult['runs'][number][] = [];
    for (let i = 0; i < repeat; i++) {
      const sparkifySide = async () => {
        source.removeLastDay();
        const nothingNew = await measured(target, { ...target.sparkifyEtl(source), prepare: () => target.restoreSparkify() }, 'sparkify');
        source.addLastDay();
        const lastDay = await measured(target, target.sparkifyEtl(source), 'sparkify');
        source.removeLastDay();
        return { nothingNew, lastDay };
      };
      const [baseline, sparkify] = await alternate(i, () => measured(target, target.baselineLoad(dataDir), 'baseline'), sparkifySide);
      runs.push({ ...sparkify, baseline });
    }
    return { firstLoad, runs, lastDayFile: path.relative(dataDir, source.lastDay) };
  } finally {
    source.remove();
  }
}

function firstErrorLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
  return lines.find((line) => /^sparkify:|Error/.test(line) && !line.startsWith('benchmarked command')) ?? lines[0] ?? 'failed';
}

const machine = {
  cores: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: os.totalmem() / 1024 ** 3,
  availableGiB: os.freemem() / 1024 ** 3,
  loadAverageAtStart: os.loadavg()[0] ?? Number.NaN,
  node: process.version,
  duckdbMemoryLimitDefault: defaultMemoryLimit(),
  baselineMemoryLimit: values['baseline-memory-limit'],
};
const dataset = { songs, events, megabytes: inputBytes / 1_048_576, folder: dataDir };
const results: Record<string, FullResult | IncrementalResult> = {};
try {
  for (const warehouse of warehouses) {
    process.stderr.write(`${warehouse}, ${mode}:\n`);
    const target = await openTarget(warehouse);
    try {
      results[target.description] = mode === 'full' ? await fullLoads(target) : await incrementalLoads(target);
    } finally {
      await target.cleanUp();
    }
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

if (values.json) {
  process.stdout.write(`${JSON.stringify({ machine, dataset, mode, repeat, results }, null, 2)}\n`);
} else {
  const lines = [
    '',
    `sparkify benchmark, ${mode} mode: ${songs} songs, ${events} events, ${dataset.megabytes.toFixed(1)} MB of JSON, ${repeat} repeat(s)`,
    `machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB.toFixed(1)} GiB (${machine.availableGiB.toFixed(1)} GiB available at start), load average ${machine.loadAverageAtStart.toFixed(1)} at start, ${os.loadavg()[0]?.toFixed(1)} at end, node ${machine.node}`,
    `sparkify's DuckDB memory_limit by default on this machine now: ${machine.duckdbMemoryLimitDefault}; the DuckDB baseline's: ${machine.baselineMemoryLimit}`,
  ];
  for (const [description, result] of Object.entries(results)) {
    lines.push('', `== ${description} ==`);
    lines.push(...('pairs' in result ? formatFull(result, dataset) : formatIncremental(result, dataset)));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
