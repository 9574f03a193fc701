/**
 * Shows pipeline progress: a bar on a terminal (files, rows, MB/s, ETA), plain log
 * lines every few seconds elsewhere (CI logs, files), nothing with --quiet.
 */
import cliProgress from 'cli-progress';
import type { Phase, ProgressEvent, ProgressListener } from '../pipeline/progress.js';
import type { Output } from './output.js';

const LOG_INTERVAL_MS = 2_000;

const phaseLabels: Record<Phase, string> = {
  list: 'listing files',
  'stage-songs': 'staging songs',
  'stage-events': 'staging events',
  transform: 'building star schema',
  checks: 'checking quality',
};

const mb = (bytes: number) => bytes / 1_048_576;

/**
 * Time left at the rate so far, as `45s`, `3m07s` or `2h05m`; `?` while the rate says
 * nothing (no bytes yet, a stall). cli-progress's own ETA is not used: it turns its
 * "INF" and "NULL" into "NFs" and "LLs".
 */
export function etaText(remainingBytes: number, bytesPerSecond: number): string {
  const seconds = Math.ceil(Math.max(0, remainingBytes) / bytesPerSecond);
  if (!(bytesPerSecond > 0) || !Number.isFinite(seconds) || seconds > 99 * 3600) return '?';
  const two = (n: number) => String(n).padStart(2, '0');
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${two(seconds % 60)}s`;
  return `${Math.floor(seconds / 3600)}h${two(Math.floor((seconds % 3600) / 60))}m`;
}

/** `stream` is where the bar is drawn (stderr; a fake terminal in tests). */
export function createProgressRenderer(
  output: Output,
  stream: NodeJS.WritableStream = process.stderr,
): { listener: ProgressListener; stop(): void } {
  if (output.quiet) return { listener: () => undefined, stop: () => undefined };
  return output.isTerminal ? barRenderer(output, stream) : lineRenderer(output);
}

interface PhaseState {
  label: string;
  files: number;
  bytes: number;
  started: number;
}

function barRenderer(output: Output, stream: NodeJS.WritableStream): { listener: ProgressListener; stop(): void } {
  let bar: cliProgress.SingleBar | undefined;
  let phase: PhaseState | undefined;
  const stopBar = () => {
    bar?.stop();
    bar = undefined;
  };
  const listener: ProgressListener = (event: ProgressEvent) => {
    switch (event.type) {
      case 'phase-start':
        phase = { label: phaseLabels[event.phase], files: event.files ?? 0, bytes: event.bytes ?? 0, started: performance.now() };
        if (event.files !== undefined && event.bytes !== undefined && event.files > 0) {
          bar = new cliProgress.SingleBar(
            {
              format: `${phase.label.padEnd(15)} {bar} {percentage}% | {done}/{files} files | {rows} rows | {rate} MB/s | ETA {eta_text}`,
              hideCursor: true,
              stream,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(Math.max(1, event.bytes), 0, { done: 0, files: event.files, rows: 0, rate: '0.0', eta_text: '?' });
        } else {
          output.say(`${phase.label}…`);
        }
        break;
      case 'staged': {
        const seconds = phase ? (performance.now() - phase.started) / 1000 : 0;
        const rate = seconds > 0 ? event.bytes / seconds : 0;
        bar?.update(event.bytes, {
          done: event.files,
          rows: event.rows,
          rate: mb(rate).toFixed(1),
          eta_text: etaText((phase?.bytes ?? 0) - event.bytes, rate),
        });
        break;
      }
      case 'phase-end':
        stopBar();
        output.say(`${phaseLabels[event.phase]}: done in ${event.seconds.toFixed(2)} s`);
        break;
      case 'table-done':
        output.say(describeTable(event));
        break;
    }
  };
  return { listener, stop: stopBar };
}

function lineRenderer(output: Output): { listener: ProgressListener; stop(): void } {
  let phase: PhaseState | undefined;
  let lastLog = 0;
  const listener: ProgressListener = (event: ProgressEvent) => {
    switch (event.type) {
      case 'phase-start':
        phase = { label: phaseLabels[event.phase], files: event.files ?? 0, bytes: event.bytes ?? 0, started: performance.now() };
        lastLog = phase.started;
        output.say(event.files !== undefined ? `${phase.label}: ${event.files} files, ${mb(event.bytes ?? 0).toFixed(1)} MB` : `${phase.label}…`);
        break;
      case 'staged': {
        const now = performance.now();
        if (!phase || now - lastLog < LOG_INTERVAL_MS) break;
        lastLog = now;
        const seconds = (now - phase.started) / 1000;
        const rate = event.bytes / seconds;
        const eta = etaText(phase.bytes - event.bytes, rate);
        output.say(`${phase.label}: ${event.files}/${phase.files} files, ${event.rows} rows, ${mb(rate).toFixed(1)} MB/s, ETA ${eta}`);
        break;
      }
      case 'phase-end':
        output.say(`${phaseLabels[event.phase]}: done in ${event.seconds.toFixed(2)} s`);
        break;
      case 'table-done':
        output.say(describeTable(event));
        break;
    }
  };
  return { listener, stop: () => undefined };
}

function describeTable(event: Extract<ProgressEvent, { type: 'table-done' }>): string {
  return `  ${event.table}: +${event.inserted} inserted, ${event.updated} updated, ${event.deleted} deleted`;
}
