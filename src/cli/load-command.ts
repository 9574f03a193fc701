/**
 * The shared body of `etl` and `run`: resolve settings and sources, run the
 * pipeline with progress, then print the summary (or the JSON report).
 */
import type { Settings } from '../config/settings.js';
import type { Engine } from '../engines/engine.js';
import { UsageError } from '../errors.js';
import { warehouseContents } from '../pipeline/demo-data.js';
import { runEtl, type EtlReport } from '../pipeline/etl.js';
import { readSummary, type LoadSummary } from '../pipeline/summary.js';
import type { CommonFlags, SourceFlags } from './common-options.js';
import type { Output } from './output.js';
import { createProgressRenderer } from './progress-renderer.js';
import { resolveSources, sourceConfigured, unmarkedDemoLabel, type DemoChoice } from './resolve-sources.js';

export interface LoadResult {
  readonly report: EtlReport;
  readonly summary: LoadSummary;
}

export interface LoadCommandOptions {
  /** `run`: drop and create the tables inside the load's transaction, so a failure leaves them as they were. */
  readonly rebuild: boolean;
  /** Work that belongs to the load's transaction, after its run record (`run`'s checks and report). */
  readonly beforeCommit?: () => Promise<void>;
  /** Whether the demo dataset is loaded, and why: `demoChoice`, asked before the warehouse is opened. */
  readonly demo: DemoChoice;
}

export async function loadWarehouse(
  engine: Engine,
  settings: Settings,
  flags: CommonFlags & SourceFlags,
  output: Output,
  options: LoadCommandOptions,
): Promise<LoadResult> {
  // Everything that can be refused is refused before the warehouse is touched.
  const demo = options.demo;
  if (demo === 'no source given') await refuseDemoOverOtherData(engine, options.rebuild);
  const sources = await resolveSources(settings, output, demo);
  const progress = createProgressRenderer(output);
  try {
    const report = await runEtl({
      engine,
      sources,
      maxErrors: settings.maxErrors,
      fullRefresh: flags.fullRefresh ?? false,
      lockTimeoutMs: settings.lockTimeoutSeconds * 1000,
      onProgress: progress.listener,
      rebuild: options.rebuild,
      demo: demo !== false,
      beforeCommit: options.beforeCommit,
    });
    return { report, summary: await readSummary(engine, report) };
  } finally {
    progress.stop();
  }
}

/** The demo dataset when `--demo` asks for it or nothing names a source; `--demo` beside a source flag is a contradiction. */
/** Refuses `--demo` beside a named source: a usage error, said before anything else. */
export function demoChoice(settings: Settings, flags: SourceFlags): DemoChoice {
  if (flags.demo) {
    const named = [['--source', flags.source], ['--song-data', flags.songData], ['--log-data', flags.logData]].find(([, value]) => value !== undefined);
    if (named) throw new UsageError(`--demo loads the generated demo dataset, so it cannot go with ${named[0]}; leave out one or the other`);
    return '--demo';
  }
  return sourceConfigured(settings) ? false : 'no source given';
}

/**
 * With no source named, the demo dataset goes only into an empty warehouse or one that
 * holds nothing but demo data: replacing (or joining) real data with it takes `--demo`.
 */
async function refuseDemoOverOtherData(engine: Engine, rebuild: boolean): Promise<void> {
  if ((await warehouseContents(engine, [unmarkedDemoLabel()])) !== 'other') return;
  throw new UsageError(
    `${engine.describe()} holds data that is not the demo dataset, and no source was named: ` +
      'name one with --source DIR, --song-data PATH and --log-data PATH, or [S3] SONG_DATA and LOG_DATA in dwh.cfg; ' +
      `or add --demo to load the demo dataset ${rebuild ? 'in its place' : 'beside it'}`,
  );
}

export function printLoadSummary(output: Output, { report, summary }: LoadResult): void {
  const lines = [
    '',
    `run ${report.runId}: loaded ${report.filesLoaded} files (${report.filesSkipped} unchanged, skipped) into ${report.warehouse} in ${report.seconds.toFixed(2)} s`,
    '',
    'rows per table:',
    ...Object.entries(summary.tables).map(([table, rows]) => `  ${table.padEnd(15)} ${String(rows).padStart(10)}`),
    '',
    `rejected records: ${report.rejected.count}`,
    ...report.rejected.examples.map((r) => `  ${r.file}:${r.line}: ${r.reason}`),
    ...(report.rejected.count > report.rejected.examples.length ? ['  (all of them are in the load_errors table)'] : []),
    '',
    'most-played songs:',
    ...(summary.topSongs === null
      ? ['  (as after the last load: this one changed no row of the star schema)']
      : summary.topSongs.length === 0
      ? ['  (no play matched a catalogue song)']
      : summary.topSongs.map((s, i) => `  ${String(i + 1).padStart(2)}. ${s.title} — ${s.artist ?? 'unknown artist'} (${s.plays} plays)`)),
  ];
  output.say(lines.join('\n'));
}
