/**
 * `npm run bench`: times sparkify's ETL through the CLI's own code path against a
 * hand-written baseline doing the same work, side by side, on one generated dataset.
 * Prints per-phase times, events/s, MB/s of input, peak RSS, and the ratio.
 *
 *   npm run bench -- [--size S|M|L] [--songs N] [--events N] [--repeat 1] [--warehouse duckdb|postgres]
 *                    [--baseline-memory-limit 1GB|default]
 *
 * Sizes: S 10 k songs / 100 k events, M (default) 100 k / 1 M, L 300 k / 5 M (~2.4 GB of
 * JSON). --songs and --events override the size's figures. sparkify runs with its
 * default settings (no MEMORY_LIMIT), as a new user would; a side that fails is reported
 * as failed, with its first error line, and the other side's figures still print.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultMemoryLimit } from '../src/engines/duckdb/memory-limit.js';
import { generateDataset } from '../src/generate/index.js';
import { runMeasured, treeBytes, type Measured } from './measure.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'M' },
    songs: { type: 'string' },
    events: { type: 'string' },
    days: { type: 'string', default: '30' },
    seed: { type: 'string', default: '7' },
    repeat: { type: 'string', default: '1' },
    warehouse: { type: 'string', default: 'duckdb' },
    'data-dir': { type: 'string', default: '.bench-data' },
    /** The DuckDB baseline's memory_limit; 'default' leaves DuckDB's own (80 % of memory). */
    'baseline-memory-limit': { type: 'string', default: '1GB' },
  },
});

const sizes: Record<string, { songs: number; events: number }> = {
  S: { songs: 10_000, events: 100_000 },
  M: { songs: 100_000, events: 1_000_000 },
  L: { songs: 300_000, events: 5_000_000 },
};
const size = sizes[values.size.toUpperCase()];
if (!size) throw new Error('--size is S, M or L');
const songs = Number(values.songs ?? size.songs);
const events = Number(values.events ?? size.events);
const repeat = Math.max(1, Number(values.repeat));
const root = path.resolve(values['data-dir']);
const dataDir = path.join(root, `songs-${songs}-events-${events}-seed-${values.seed}`);

if (!existsSync(path.join(dataDir, 'log_data'))) {
  process.stderr.write(`generating ${songs} songs and ${events} events into ${dataDir}…\n`);
  const summary = await generateDataset({ outDir: dataDir, songs, events, days: Number(values.days), seed: Number(values.seed) });
  process.stderr.write(`generated in ${summary.seconds.toFixed(1)} s\n`);
}
const inputBytes = await treeBytes(dataDir);

const warehouse = values.warehouse;
if (warehouse !== 'duckdb' && warehouse !== 'postgres') throw new Error('--warehouse is duckdb or postgres');
const { sparkifyRun, baselineRun, describeTarget, cleanUp } = await (warehouse === 'duckdb'
  ? import('./targets/duckdb-target.js')
  : import('./targets/postgres-target.js')
).then((module) => module.createTarget(root, dataDir, values['baseline-memory-limit']));

function countsAgree(ours: Record<string, number>, theirs: Record<string, number>): boolean {
  return Object.keys(theirs).length > 0 && Object.entries(theirs).every(([table, rows]) => ours[table] === rows);
}

type Outcome = Measured | { failed: string };
const best = (runs: Outcome[]): Outcome =>
  [...runs].sort((a, b) => ('seconds' in a ? a.seconds : Infinity) - ('seconds' in b ? b.seconds : Infinity))[0] as Outcome;
/** A side that fails (out of memory, say) is a result to report, not the end of the benchmark. */
const measured = (run: Parameters<typeof runMeasured>[0]): Promise<Outcome> =>
  runMeasured(run).catch((error: unknown) => ({ failed: firstErrorLine(error) }));
const sparkifyRuns: Outcome[] = [];
const baselineRuns: Outcome[] = [];
try {
  for (let i = 0; i < repeat; i++) {
    // Alternate, so neither side always gets the warmer cache.
    baselineRuns.push(await measured(baselineRun()));
    sparkifyRuns.push(await measured(sparkifyRun()));
  }
} finally {
  await cleanUp();
}
const ours = best(sparkifyRuns);
const theirs = best(baselineRuns);

function firstErrorLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
  return lines.find((line) => /^sparkify:|Error/.test(line) && !line.startsWith('benchmarked command')) ?? lines[0] ?? 'failed';
}

const mb = inputBytes / 1_048_576;
const row = (name: string, outcome: Outcome) => ('failed' in outcome ? `${name.padEnd(22)} FAILED: ${outcome.failed}` : measuredRow(name, outcome));
const measuredRow = (name: string, m: Measured) =>
  `${name.padEnd(22)} ${m.seconds.toFixed(2).padStart(8)} s ${(events / m.seconds / 1000).toFixed(0).padStart(7)} k events/s ${(mb / m.seconds).toFixed(1).padStart(7)} MB/s ${m.maxRssMb.toFixed(0).padStart(6)} MB peak RSS`;
const phases = (m: Outcome) => ('failed' in m ? '-' : Object.entries(m.phases).map(([p, s]) => `${p} ${s.toFixed(2)} s`).join(', '));

process.stdout.write([
  '',
  `sparkify benchmark on ${describeTarget}: ${songs} songs, ${events} events, ${mb.toFixed(1)} MB of JSON (best of ${repeat})`,
  `machine: ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB (${(os.freemem() / 1024 ** 3).toFixed(1)} GiB available), load average ${os.loadavg()[0]?.toFixed(1)}, node ${process.version}`,
  `sparkify's DuckDB memory_limit by default on this machine now: ${defaultMemoryLimit()}; the DuckDB baseline's: ${values['baseline-memory-limit']}`,
  '',
  row('sparkify (CLI path)', ours),
  `  phases: ${phases(ours)}`,
  row('hand-written baseline', theirs),
  `  phases: ${phases(theirs)}`,
  '',
  ...('seconds' in ours && 'seconds' in theirs
    ? [
        `ratio sparkify / baseline: ${(ours.seconds / theirs.seconds).toFixed(2)}`,
        `row counts agree: ${countsAgree(ours.counts, theirs.counts) ? `yes (${JSON.stringify(theirs.counts)})` : `NO: ${JSON.stringify(ours.counts)} vs ${JSON.stringify(theirs.counts)}`}`,
      ]
    : ['no ratio: a side failed']),
  '',
].join('\n'));
