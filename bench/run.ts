/**
 * `npm run bench`: times sparkify's ETL through the CLI's own code path against a
 * hand-written baseline doing the same work, side by side, on one generated dataset.
 * Prints per-phase times, events/s, MB/s of input, peak RSS, and the ratio.
 *
 *   npm run bench -- [--songs 100000] [--events 1000000] [--repeat 1] [--warehouse duckdb|postgres]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateDataset } from '../src/generate/index.js';
import { runMeasured, treeBytes, type Measured } from './measure.js';

const { values } = parseArgs({
  options: {
    songs: { type: 'string', default: '100000' },
    events: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '30' },
    seed: { type: 'string', default: '7' },
    repeat: { type: 'string', default: '1' },
    warehouse: { type: 'string', default: 'duckdb' },
    'data-dir': { type: 'string', default: '.bench-data' },
  },
});

const songs = Number(values.songs);
const events = Number(values.events);
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
).then((module) => module.createTarget(root, dataDir));

function countsAgree(ours: Record<string, number>, theirs: Record<string, number>): boolean {
  return Object.keys(theirs).length > 0 && Object.entries(theirs).every(([table, rows]) => ours[table] === rows);
}

const best = (runs: Measured[]) => [...runs].sort((a, b) => a.seconds - b.seconds)[0] as Measured;
const sparkifyRuns: Measured[] = [];
const baselineRuns: Measured[] = [];
try {
  for (let i = 0; i < repeat; i++) {
    // Alternate, so neither side always gets the warmer cache.
    baselineRuns.push(await runMeasured(baselineRun()));
    sparkifyRuns.push(await runMeasured(sparkifyRun()));
  }
} finally {
  await cleanUp();
}
const ours = best(sparkifyRuns);
const theirs = best(baselineRuns);

const mb = inputBytes / 1_048_576;
const row = (name: string, m: Measured) =>
  `${name.padEnd(22)} ${m.seconds.toFixed(2).padStart(8)} s ${(events / m.seconds / 1000).toFixed(0).padStart(7)} k events/s ${(mb / m.seconds).toFixed(1).padStart(7)} MB/s ${m.maxRssMb.toFixed(0).padStart(6)} MB peak RSS`;
const phases = (m: Measured) => Object.entries(m.phases).map(([p, s]) => `${p} ${s.toFixed(2)} s`).join(', ');

process.stdout.write([
  '',
  `sparkify benchmark on ${describeTarget}: ${songs} songs, ${events} events, ${mb.toFixed(1)} MB of JSON (best of ${repeat})`,
  `machine: ${(await import('node:os')).cpus().length} cores, node ${process.version}`,
  '',
  row('sparkify (CLI path)', ours),
  `  phases: ${phases(ours)}`,
  row('hand-written baseline', theirs),
  `  phases: ${phases(theirs)}`,
  '',
  `ratio sparkify / baseline: ${(ours.seconds / theirs.seconds).toFixed(2)}`,
  `row counts agree: ${countsAgree(ours.counts, theirs.counts) ? `yes (${JSON.stringify(theirs.counts)})` : `NO: ${JSON.stringify(ours.counts)} vs ${JSON.stringify(theirs.counts)}`}`,
  '',
].join('\n'));
