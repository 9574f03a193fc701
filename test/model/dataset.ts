/**
 * A generated dataset as files: each file's content is text chunks and, where a test
 * needs bytes that are not UTF-8, raw byte chunks. This is the form a regression case
 * is kept in (regressions.ts), readable and independent of the generators.
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Text, raw bytes, many lines from one template (`#` in it becomes 0, 1, ... count - 1),
 * or one text repeated: the last two keep a megabyte-sized file short when a
 * counterexample is printed.
 */
export type Chunk =
  | string
  | { readonly bytes: readonly number[] }
  | { readonly template: string; readonly count: number }
  | { readonly repeat: string; readonly times: number };

export interface DatasetFile {
  /** Relative to the dataset root, under `song_data/` or `log_data/`. */
  readonly path: string;
  readonly content: readonly Chunk[];
}

export type Dataset = readonly DatasetFile[];

export function fileBytes(file: DatasetFile): Uint8Array {
  const parts = file.content.map((chunk) => {
    if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
    if ('bytes' in chunk) return Uint8Array.from(chunk.bytes);
    if ('repeat' in chunk) return Buffer.from(chunk.repeat.repeat(chunk.times), 'utf8');
    return Buffer.from(Array.from({ length: chunk.count }, (_, i) => `${chunk.template.replaceAll('#', String(i))}\n`).join(''), 'utf8');
  });
  return Buffer.concat(parts);
}

export function inputFiles(dataset: Dataset): Map<string, Uint8Array> {
  return new Map(dataset.map((file) => [file.path, fileBytes(file)]));
}

/** Writes files under `root` (song_data/ and log_data/ always exist, even when empty). */
export function writeDataset(root: string, dataset: Dataset): { songData: string; logData: string } {
  const songData = path.join(root, 'song_data');
  const logData = path.join(root, 'log_data');
  mkdirSync(songData, { recursive: true });
  mkdirSync(logData, { recursive: true });
  for (const file of dataset) placeFile(root, file);
  return { songData, logData };
}

/**
 * Writes one file under `root`. A folder named `linked` in its path is a symbolic link
 * to a folder outside the source trees (`root/outside/...`), where the file really is:
 * SPEC.md says links are followed, and the file is named by its path in the tree.
 */
export function placeFile(root: string, file: DatasetFile): void {
  const segments = file.path.split('/');
  const at = segments.indexOf('linked');
  if (at > 0) {
    const link = path.join(root, ...segments.slice(0, at + 1));
    const target = path.join(root, 'outside', segments.slice(0, at + 1).join('-'));
    mkdirSync(target, { recursive: true });
    mkdirSync(path.dirname(link), { recursive: true });
    if (!existsSync(link)) symlinkSync(target, link, 'dir');
  }
  const target = path.join(root, file.path);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, fileBytes(file));
}

/**
 * A split load's first batch: the songs and the first half of the log files in path
 * order, at least one (a tree with no .json file is a load error, by the project's
 * choice). With one log file the second load reads nothing new: idempotence.
 */
export function firstBatch(dataset: Dataset): Dataset {
  const logs = dataset.filter((f) => f.path.startsWith('log_data/')).map((f) => f.path).sort();
  const first = new Set(logs.slice(0, Math.max(1, Math.floor(logs.length / 2))));
  return dataset.filter((f) => f.path.startsWith('song_data/') || first.has(f.path));
}
