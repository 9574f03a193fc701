/**
 * generate/: a synthetic Sparkify dataset in exactly the real layout and format, with
 * the real quirks, deterministic for a seed, plus the counts a correct load of it
 * must produce. Used by `sparkify generate`, the tests (volume) and the benchmarks.
 *
 * May import node built-ins and ../errors.js only: it knows nothing of engines,
 * records or the pipeline, so it can check them from the outside.
 */
import { UsageError } from '../errors.js';
import { generateCatalogue } from './catalogue.js';
import { generateEvents } from './events.js';
import { computeExpectedCounts, type ExpectedCounts } from './expected-counts.js';
import { Random } from './random.js';
import { prepareOutput, writeLogFiles, writeSongFiles } from './write-dataset.js';

export type { ExpectedCounts } from './expected-counts.js';

export interface GenerateOptions {
  readonly outDir: string;
  readonly songs?: number;
  readonly events?: number;
  readonly days?: number;
  readonly seed?: number;
  /** YYYY-MM-DD, the first day of logs (UTC). */
  readonly startDate?: string;
  /** Replace song_data/ and log_data/ under outDir if they exist (otherwise that is an error). */
  readonly overwrite?: boolean;
}

export interface GenerateSummary {
  readonly songFiles: number;
  readonly logFiles: number;
  readonly events: number;
  readonly songs: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly expected: ExpectedCounts;
}

export const GENERATE_DEFAULTS = { songs: 5000, events: 50_000, days: 30, seed: 42, startDate: '2018-11-01' } as const;

/**
 * Upper bounds that catch a typo before it fills a disk (1 M events take ~0.5 GB of
 * logs); a million songs is the Million Song Dataset itself.
 */
export const GENERATE_LIMITS = { songs: 1_000_000, events: 20_000_000, days: 3660 } as const;

const DAY_MS = 86_400_000;

export async function generateDataset(options: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  const songs = checkedCount('--songs', options.songs ?? GENERATE_DEFAULTS.songs, 0, GENERATE_LIMITS.songs);
  const events = checkedCount('--events', options.events ?? GENERATE_DEFAULTS.events, 0, GENERATE_LIMITS.events);
  const days = checkedCount('--days', options.days ?? GENERATE_DEFAULTS.days, 1, GENERATE_LIMITS.days);
  const seed = checkedCount('--seed', options.seed ?? GENERATE_DEFAULTS.seed, 0, Number.MAX_SAFE_INTEGER);
  const start = parseStartDate(options.startDate ?? GENERATE_DEFAULTS.startDate);
  const window = { start, end: start + days * DAY_MS };

  await prepareOutput(options.outDir, options.overwrite ?? false);
  // Separate streams: the catalogue stays the same when only --events or --days change.
  const catalogue = generateCatalogue(new Random(seed, 'catalogue'), songs);
  // Song files are written by worker threads while this one makes the event logs.
  const songFiles = writeSongFiles(options.outDir, catalogue);
  // Handled below; this keeps a writer's failure during the log writing from counting as unhandled.
  songFiles.catch(() => undefined);
  try {
    const log = generateEvents(new Random(seed, 'events'), catalogue, events, window);
    const logs = await writeLogFiles(options.outDir, catalogue, log, window, new Random(seed, 'layout'));
    const songBytes = await songFiles;
    const expected = computeExpectedCounts(catalogue, log, logs.blankLines);
    return {
      songFiles: catalogue.songs.length,
      logFiles: logs.files,
      events: log.table.length,
      songs: catalogue.songs.length,
      bytes: songBytes + logs.bytes,
      seconds: Math.round(performance.now() - started) / 1000,
      expected,
    };
  } finally {
    // On failure, let the writers finish before the error surfaces.
    await songFiles.catch(() => undefined);
  }
}

function checkedCount(flag: string, value: number, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not ${value}`);
  }
  return value;
}

function parseStartDate(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  // Date.UTC rolls 2018-02-30 over to March; a real date reads back unchanged.
  if (!match || new Date(time).toISOString().slice(0, 10) !== text) {
    throw new UsageError(`--start-date must be a date like 2018-11-01, not "${text}"`);
  }
  return time;
}
