/** The benchmark's printed tables: one line per measured run, then the paired figures. */
import type { Measured } from './measure.js';

/** A run's figures, its failure (first error line), or that it was left out (`--side`). */
export type Outcome = Measured | { failed: string } | { skipped: string };

export interface FullResult {
  readonly pairs: readonly { readonly sparkify: Outcome; readonly baseline: Outcome }[];
}

export interface IncrementalResult {
  /** sparkify's load of every day but the last, the state each repeat starts from. */
  readonly firstLoad: Outcome;
  readonly runs: readonly { readonly nothingNew: Outcome; readonly lastDay: Outcome; readonly baseline: Outcome }[];
  readonly lastDayFile?: string;
}

interface Dataset {
  readonly events: number;
  readonly megabytes: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const ok = (outcome: Outcome): outcome is Measured => 'seconds' in outcome;

function runLine(name: string, outcome: Outcome, dataset: Dataset, rates = true): string {
  if ('skipped' in outcome) return `  ${name.padEnd(28)} not run (${outcome.skipped})`;
  if (!ok(outcome)) return `  ${name.padEnd(28)} FAILED: ${outcome.failed}`;
  const server = outcome.serverPeakMb === undefined ? '' : `, server ${outcome.serverPeakMb.toFixed(0)} MB PSS`;
  const rate = rates ? ` ${(dataset.events / outcome.seconds / 1000).toFixed(0).padStart(6)} k events/s ${(dataset.megabytes / outcome.seconds).toFixed(1).padStart(6)} MB/s` : '';
  return `  ${name.padEnd(28)} ${outcome.seconds.toFixed(2).padStart(8)} s${rate}   CPU ${outcome.cpuSeconds.toFixed(1)} s   peak RSS ${outcome.maxRssMb.toFixed(0)} MB${server}   load ${outcome.loadAverage.toFixed(1)}`;
}

function phaseLine(outcome: Outcome): string {
  if (!ok(outcome)) return '';
  return `  ${''.padEnd(28)} phases: ${Object.entries(outcome.phases).map(([p, s]) => `${p} ${s.toFixed(2)}`).join(', ')}`;
}

function ratios(pairs: readonly [Outcome, Outcome][], of: (m: Measured) => number = (m) => m.seconds): number[] {
  return pairs.filter((pair): pair is [Measured, Measured] => ok(pair[0]) && ok(pair[1])).map(([ours, theirs]) => of(ours) / of(theirs));
}

function ratioSummary(name: string, values: readonly number[]): string {
  if (values.length === 0) return `  ${name}: no ratio (a side failed or was not run in every repeat)`;
  const spread = values.length > 1 ? ` (each repeat: ${values.map((r) => r.toFixed(2)).join(', ')})` : '';
  return `  ${name}: ${median(values).toFixed(2)} paired median${spread}`;
}

function countsLine(ours: Outcome, theirs: Outcome): string {
  // One side alone (--side, or the other failed): its counts, for the reader to check against the generator's.
  if (ok(ours) !== ok(theirs)) return `  row counts (${ok(ours) ? 'sparkify' : 'baseline'} only): ${JSON.stringify((ok(ours) ? ours : (theirs as Measured)).counts)}`;
  if (!ok(ours) || !ok(theirs)) return '';
  const agree = Object.keys(theirs.counts).length > 0 && Object.entries(theirs.counts).every(([table, rows]) => ours.counts[table] === rows);
  return agree ? `  row counts agree: ${JSON.stringify(theirs.counts)}` : `  row counts DIFFER: sparkify ${JSON.stringify(ours.counts)}, baseline ${JSON.stringify(theirs.counts)}`;
}

export function formatFull(result: FullResult, dataset: Dataset): string[] {
  const lines: string[] = [];
  result.pairs.forEach(({ sparkify, baseline }, index) => {
    lines.push(`run ${index + 1}:`);
    lines.push(runLine('sparkify etl (CLI path)', sparkify, dataset), phaseLine(sparkify));
    lines.push(runLine('hand-written baseline', baseline, dataset), phaseLine(baseline));
  });
  const pairs = result.pairs.map((p): [Outcome, Outcome] => [p.sparkify, p.baseline]);
  lines.push(ratioSummary('ratio sparkify / baseline', ratios(pairs)));
  // The client's CPU only: a PostgreSQL server's work is not in it, so this ratio says little there.
  lines.push(ratioSummary('CPU-time ratio (the two processes)', ratios(pairs, (m) => m.cpuSeconds)));
  const last = result.pairs.at(-1);
  if (last) lines.push(countsLine(last.sparkify, last.baseline));
  lines.push('  CPU: the process\'s user + system time; peak RSS: each side\'s own process (getrusage); "server": the PostgreSQL server\'s processes, summed PSS, sampled every 200 ms');
  return lines.filter((line) => line !== '');
}

export function formatIncremental(result: IncrementalResult, dataset: Dataset): string[] {
  const lines = [runLine('sparkify first load (all days but the last)', result.firstLoad, dataset), phaseLine(result.firstLoad)];
  if (result.lastDayFile) lines.push(`  the last day: ${result.lastDayFile}`);
  result.runs.forEach(({ nothingNew, lastDay, baseline }, index) => {
    lines.push(`run ${index + 1}:`);
    lines.push(runLine('sparkify etl, nothing new', nothingNew, dataset, false), phaseLine(nothingNew));
    lines.push(runLine('sparkify etl, the last day', lastDay, dataset, false), phaseLine(lastDay));
    lines.push(runLine('hand-written full reload', baseline, dataset), phaseLine(baseline));
  });
  lines.push(ratioSummary('ratio sparkify last day / hand-written full reload', ratios(result.runs.map((r) => [r.lastDay, r.baseline]))));
  const last = result.runs.at(-1);
  if (last) lines.push(countsLine(last.lastDay, last.baseline));
  lines.push('  events/s and MB/s: of the whole dataset, for the loads that read it all; peak RSS as in the full mode');
  return lines.filter((line) => line !== '');
}
