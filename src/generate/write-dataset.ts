/**
 * The dataset on disk in the real layout: `song_data/A/B/C/TRABC….json`, one object
 * per file; `log_data/YYYY/MM/YYYY-MM-DD-events.json`, one NDJSON file per UTC day,
 * sorted by ts, with the occasional blank line, no trailing newline (as the real files).
 *
 * Speed: song files are written by a worker thread while the logs are generated; a
 * day's log is built as one string while the previous day's is being written.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Artist, Catalogue } from './catalogue.js';
import { EventLineWriter } from './event-lines.js';
import type { EventLog } from './events.js';
import { songFileText } from './json-format.js';
import type { Random } from './random.js';
import type { Window } from './users.js';

const DAY_MS = 86_400_000;
const BLANK_LINE_SHARE = 0.002;
/** File creation is kernel-bound (~50 µs each on ext4): one writer thread per core. */
const SONG_WRITERS = Math.max(1, Math.min(4, availableParallelism()));

export async function prepareOutput(outDir: string, overwrite: boolean): Promise<void> {
  for (const tree of ['song_data', 'log_data']) {
    const target = path.join(outDir, tree);
    if (!existsSync(target)) continue;
    // Stale files from another run would silently change every expected count.
    if (!overwrite) throw new UsageError(`${target} already exists: choose an empty folder or pass --force to replace it`);
    await rm(target, { recursive: true, force: true });
  }
  await mkdir(outDir, { recursive: true });
}

export interface WrittenLogs {
  readonly files: number;
  readonly bytes: number;
  readonly blankLines: number;
}

/** song_data/A/B/C/: the 3rd, 4th and 5th characters of the track id. */
export function songFilePath(trackId: string): string {
  return path.join('song_data', trackId.charAt(2), trackId.charAt(3), trackId.charAt(4), `${trackId}.json`);
}

export function logFilePath(day: Date): string {
  const iso = day.toISOString().slice(0, 10);
  return path.join('log_data', iso.slice(0, 4), iso.slice(5, 7), `${iso}-events.json`);
}

/**
 * Writes every song file from worker threads, so the main thread can generate and
 * write the event logs meanwhile. Synchronous writes in the workers: a hundred
 * thousand small files go twice as fast that way as through promises and libuv's
 * thread pool. Resolves to the bytes written.
 */
export async function writeSongFiles(outDir: string, catalogue: Catalogue): Promise<number> {
  const files = catalogue.songs.map((song) => ({
    file: path.join(outDir, songFilePath(song.trackId)),
    text: songFileText(song, catalogue.artists[song.artist] as Artist),
  }));
  // In path order, each writer gets whole folders but for the one it shares at a boundary.
  files.sort((a, b) => (a.file < b.file ? -1 : 1));
  const writers = Math.min(SONG_WRITERS, Math.ceil(files.length / 1000));
  const share = Math.ceil(files.length / writers);
  await Promise.all(Array.from({ length: writers }, (_, w) => runSongWriter(outDir, files.slice(w * share, (w + 1) * share))));
  return files.reduce((sum, { text }) => sum + Buffer.byteLength(text), 0);
}

function runSongWriter(outDir: string, files: ReadonlyArray<{ file: string; text: string }>): Promise<void> {
  const workerData = {
    folders: [...new Set(files.map(({ file }) => path.dirname(file)))],
    paths: files.map(({ file }) => file),
    texts: files.map(({ text }) => text),
  };
  const worker = new Worker(SONG_WRITER_SOURCE, { eval: true, workerData });
  return new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', (error) => reject(new Error(`could not write song files under ${outDir}: ${error.message}`, { cause: error })));
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the song file writer stopped with code ${code}`))));
  });
}

// Plain CommonJS run with `eval: true`: a worker file would be .ts under tsx and vitest
// but .js once built, and no one path serves both.
const SONG_WRITER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { mkdirSync, writeFileSync } = require('node:fs');
for (const folder of workerData.folders) mkdirSync(folder, { recursive: true });
const { paths, texts } = workerData;
for (let i = 0; i < paths.length; i++) writeFileSync(paths[i], texts[i]);
parentPort.postMessage(paths.length);
`;

/** One file per UTC day of the window, even a day without events (an empty file). */
export async function writeLogFiles(outDir: string, catalogue: Catalogue, log: EventLog, window: Window, random: Random): Promise<WrittenLogs> {
  const days = Math.round((window.end - window.start) / DAY_MS);
  const byDay = eventsByDay(log, window.start, days);
  const lines = new EventLineWriter(catalogue, log.users, log.table, log.sessionIds);
  let bytes = 0;
  let blankLines = 0;
  // Blank lines occur in real files and must not be errors: make sure there is one.
  let blankLineDue = true;
  // Two buffers: one is written to disk while the next day is built in the other.
  let building = new ByteBuilder();
  let writing = new ByteBuilder();
  let pending: Promise<void> = Promise.resolve();
  for (let day = 0; day < days; day++) {
    building.reset();
    for (const [k, event] of (byDay[day] as Uint32Array).entries()) {
      if (k > 0) {
        const blank = blankLineDue || random.chance(BLANK_LINE_SHARE);
        blankLineDue = false;
        if (blank) blankLines++;
        building.append(blank ? '\n\n' : '\n');
      }
      building.append(lines.line(event));
    }
    bytes += building.length;
    const file = path.join(outDir, logFilePath(new Date(window.start + day * DAY_MS)));
    await pending;
    await mkdir(path.dirname(file), { recursive: true });
    pending = writeFile(file, building.bytes());
    [building, writing] = [writing, building];
  }
  await pending;
  return { files: days, bytes, blankLines };
}

/**
 * Appends ASCII text to a growing buffer. Copying each line into bytes as it is made
 * lets the line's string die young; collecting a day's strings and joining them kept
 * a million of them alive and spent more time in the garbage collector than writing.
 */
class ByteBuilder {
  private buffer = Buffer.allocUnsafe(1 << 20);
  length = 0;

  append(text: string): void {
    // Log text is pure ASCII (every other character is \u-escaped): one byte per character.
    if (this.length + text.length > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + text.length));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length, 'latin1');
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  reset(): void {
    this.length = 0;
  }
}

/** Event indices per day, each day sorted by ts, then session id, then itemInSession. */
function eventsByDay(log: EventLog, start: number, days: number): Uint32Array[] {
  const { table, sessionIds } = log;
  const dayOf = new Uint32Array(table.length);
  const counts = new Uint32Array(days);
  for (let i = 0; i < table.length; i++) {
    const day = Math.floor(((table.ts[i] as number) - start) / DAY_MS);
    if (day < 0 || day >= days) throw new RangeError(`event ${i} at ${table.ts[i]} falls outside the window`);
    dayOf[i] = day;
    counts[day] = (counts[day] as number) + 1;
  }
  const byDay = Array.from(counts, (count) => new Uint32Array(count));
  const filled = new Uint32Array(days);
  for (let i = 0; i < table.length; i++) {
    const day = dayOf[i] as number;
    (byDay[day] as Uint32Array)[filled[day] as number] = i;
    filled[day] = (filled[day] as number) + 1;
  }
  const session = (i: number): number => sessionIds[table.session[i] as number] as number;
  for (const events of byDay) {
    events.sort((a, b) => (table.ts[a] as number) - (table.ts[b] as number) || session(a) - session(b) || (table.item[a] as number) - (table.item[b] as number));
  }
  return byDay;
}
