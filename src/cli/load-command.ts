/**
 * The shared body of `etl` and `run`: resolve settings and sources, run the
 * pipeline with progress, then print the summary (or the JSON report).
 */
import type { Settings } from '../config/settings.js';
import type { Engine } from '../engines/engine.js';
import { createTables } from '../pipeline/create-tables.js';
import { runEtl, type EtlReport } from '../pipeline/etl.js';
import { readSummary, type LoadSummary } from '../pipeline/summary.js';
import type { CommonFlags, SourceFlags } from './common-options.js';
import type { Output } from './output.js';
import { createProgressRenderer } from './progress-renderer.js';
import { resolveSources } from './resolve-sources.js';

export interface LoadResult {
  readonly report: EtlReport;
  readonly summary: LoadSummary;
}

export async function loadWarehouse(
  engine: Engine,
  settings: Settings,
  flags: CommonFlags & SourceFlags,
  output: Output,
  options: { createTables: boolean },
): Promise<LoadResult> {
  const sources = await resolveSources(settings, output);
  if (options.createTables) await createTables(engine, { drop: true });
  const progress = createProgressRenderer(output);
  try {
    const report = await runEtl({
      engine,
      sources,
      maxErrors: settings.maxErrors,
      fullRefresh: flags.fullRefresh ?? false,
      lockTimeoutMs: settings.lockTimeoutSeconds * 1000,
      onProgress: progress.listener,
    });
    return { report, summary: await readSummary(engine) };
  } finally {
    progress.stop();
  }
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
    ...(summary.topSongs.length === 0
      ? ['  (no play matched a catalogue song)']
      : summary.topSongs.map((s, i) => `  ${String(i + 1).padStart(2)}. ${s.title} — ${s.artist ?? 'unknown artist'} (${s.plays} plays)`)),
  ];
  output.say(lines.join('\n'));
}
