/**
 * The incremental mode's source: the dataset's event logs without the last day, as a
 * folder of hard links (same files, no copy, same fingerprints as the originals' sizes
 * and times), and the last day's file, to be linked in when the run adds it.
 */
import { linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface IncrementalSource {
  readonly songData: string;
  /** The log tree without the last day, until `addLastDay()`. */
  readonly logData: string;
  /** The last day's file in the original dataset. */
  readonly lastDay: string;
  addLastDay(): void;
  removeLastDay(): void;
  remove(): void;
}

export function incrementalSource(dataDir: string, workDir: string): IncrementalSource {
  const originalLogs = path.join(dataDir, 'log_data');
  const days = readdirSync(originalLogs, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  const lastDay = days.at(-1);
  if (lastDay === undefined || days.length < 2) throw new Error(`${originalLogs}: the incremental mode needs at least two days of logs`);
  const logData = path.join(workDir, 'incremental-log_data');
  rmSync(logData, { recursive: true, force: true });
  const linkFor = (file: string) => path.join(logData, path.relative(originalLogs, file));
  for (const file of days.slice(0, -1)) {
    mkdirSync(path.dirname(linkFor(file)), { recursive: true });
    linkSync(file, linkFor(file));
  }
  return {
    songData: path.join(dataDir, 'song_data'),
    logData,
    lastDay,
    addLastDay: () => {
      mkdirSync(path.dirname(linkFor(lastDay)), { recursive: true });
      rmSync(linkFor(lastDay), { force: true });
      linkSync(lastDay, linkFor(lastDay));
    },
    removeLastDay: () => rmSync(linkFor(lastDay), { force: true }),
    remove: () => rmSync(logData, { recursive: true, force: true }),
  };
}
