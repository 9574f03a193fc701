/**
 * The shape of a validated input record as it travels from records/ to an engine's
 * stager. Field names are those of the input JSON; sql/staging-columns.ts maps them to
 * staging columns once for every engine.
 */

import type { Int64 } from './int64.js';

export type StagingKind = 'events' | 'songs';

/** One app event, its fields typed as SPEC.md allows. */
export interface EventFields {
  artist: string | null;
  auth: string | null;
  firstName: string | null;
  gender: string | null;
  itemInSession: Int64 | null;
  lastName: string | null;
  length: number | null;
  level: string | null;
  location: string | null;
  method: string | null;
  page: string | null;
  registration: number | null;
  sessionId: Int64 | null;
  song: string | null;
  status: number | null;
  ts: number;
  userAgent: string | null;
  /** Canonical digits (no leading zeros) of a signed 64-bit id, or "" for a logged-out visitor. */
  userId: string;
}

/** One song's metadata. */
export interface SongFields {
  num_songs: number | null;
  artist_id: string;
  artist_latitude: number | null;
  artist_longitude: number | null;
  artist_location: string | null;
  artist_name: string | null;
  song_id: string;
  title: string | null;
  duration: number | null;
  year: number | null;
}

/** A validated record as its text, for a stager that has the warehouse parse it (DuckDB's read_json). */
export interface TextRecord {
  /** The ledger id of the file it came from. */
  readonly fileId: number;
  /** 1-based line number in that file. */
  readonly line: number;
  /**
   * The record's text, known to be one JSON object, on one line: as read (BOM and line
   * ending removed), or, where a warehouse's own JSON reader would read a value
   * differently from records/ (an id past 2^53, a numeric or zero-padded userId, a
   * pretty-printed song), rewritten so that it reads the same values.
   */
  readonly raw: string;
}

/** A validated record with its typed fields, for a stager that writes the values itself. */
export interface StagingRecord<F = EventFields | SongFields> extends TextRecord {
  readonly fields: F;
}

/**
 * Validated records of one file as bytes (validated on worker threads, records/validate-pool.ts):
 * what `TextRecord`s would hold, without a string per record crossing threads.
 */
export interface PackedRecords {
  readonly fileId: number;
  /** The records' UTF-8 text (each as `TextRecord.raw`), one after another. */
  readonly text: Uint8Array;
  /** Record i is `text` from `ends[i - 1]` (0 for the first) to `ends[i]`. */
  readonly ends: Int32Array;
  /** Record i's 1-based line number in its file. */
  readonly lines: Int32Array;
}

/** Records travel in batches so a stager pays per batch, not per record. */
export interface StagingBatch<R extends TextRecord = StagingRecord> {
  readonly records: readonly R[];
  /** Text-only staging (readTextBatches) may carry its records packed instead; a stager takes both. */
  readonly packed?: PackedRecords;
  /** Input bytes this batch accounts for, for MB/s progress. */
  readonly bytes: number;
  /** Input files finished in this batch. */
  readonly files: number;
}

/** The records a batch carries, packed or not. */
export function recordCount(batch: StagingBatch<TextRecord>): number {
  return batch.records.length + (batch.packed?.lines.length ?? 0);
}

/** A record that failed validation: kept, never silently dropped. */
export interface RejectedRecord {
  readonly file: string;
  readonly line: number;
  readonly raw: string;
  readonly reason: string;
}

/**
 * The staging event id: file id and line, readable back by eye
 * (file 12, line 345 -> 1200000345). Lines per file are capped far above any real log.
 */
export const MAX_LINES_PER_FILE = 100_000_000;
export function eventIdOf(fileId: number, line: number): number {
  return fileId * MAX_LINES_PER_FILE + line;
}
