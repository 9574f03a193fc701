/**
 * The reference model: SPEC.md as plain TypeScript, the oracle of the generated-data
 * tests (test/model/*.test.ts). Written from SPEC.md alone and importing nothing from
 * src/: its own UTF-8 decoding, JSON reading, type checks and star rules. Simple rather
 * than fast; where it and SPEC.md disagree, SPEC.md wins and the model is fixed.
 *
 * Input: the raw files, keyed by their path relative to the source root
 * (`song_data/...` or `log_data/...`). Output: the rejected records and what the
 * warehouse must hold once every good record is loaded.
 */
import { parseLogFile, parseSongFile } from './input-files.js';
import { toEvent, toSong, type ModelEvent, type ModelSong, type RejectKind } from './records.js';
import { starTables, type Located, type StarTables } from './star.js';

export type InputFiles = ReadonlyMap<string, Uint8Array>;

export interface ModelReject {
  readonly file: string;
  readonly line: number;
  readonly kind: RejectKind;
}

export interface ModelResult {
  readonly rejects: readonly ModelReject[];
  readonly staging: { readonly events: number; readonly songs: number };
  readonly tables: StarTables;
}

export function runModel(files: InputFiles): ModelResult {
  const rejects: ModelReject[] = [];
  const events: Located<ModelEvent>[] = [];
  const songs: Located<ModelSong>[] = [];
  const paths = [...files.keys()].sort();
  for (const file of paths) {
    const bytes = files.get(file) as Uint8Array;
    const isSong = file.startsWith('song_data/');
    if (!isSong && !file.startsWith('log_data/')) throw new Error(`not under song_data/ or log_data/: ${file}`);
    for (const parsed of isSong ? parseSongFile(bytes) : parseLogFile(bytes)) {
      if (!parsed.ok) {
        rejects.push({ file, line: parsed.line, kind: parsed.kind });
        continue;
      }
      const record = isSong ? toSong(parsed.value) : toEvent(parsed.value);
      if (typeof record === 'string') rejects.push({ file, line: parsed.line, kind: record });
      else if (isSong) songs.push({ file, line: parsed.line, record: record as ModelSong });
      else events.push({ file, line: parsed.line, record: record as ModelEvent });
    }
  }
  return { rejects, staging: { events: events.length, songs: songs.length }, tables: starTables(events, songs) };
}
