/**
 * The staging tables' columns and the input field each one comes from, written once.
 * Stagers derive their column lists from here: DuckDB's read_json column map,
 * PostgreSQL's COPY column order, Redshift's JSONPaths.
 */
import type { StagingKind } from '../records/staging-record.js';

export type ColumnType = 'text' | 'integer' | 'bigint' | 'double' | 'timestamp';

export interface StagingColumn {
  readonly column: string;
  readonly type: ColumnType;
  /** The input JSON field, or a derived value the stager computes. */
  readonly source:
    | { readonly field: string }
    | { readonly derived: 'event_id' | 'timestamp_from_ts' | 'source_file_id' | 'source_line' };
}

const field = (name: string) => ({ field: name }) as const;

export const stagingEventColumns: readonly StagingColumn[] = [
  { column: 'event_id', type: 'bigint', source: { derived: 'event_id' } },
  { column: 'artist_name', type: 'text', source: field('artist') },
  { column: 'auth', type: 'text', source: field('auth') },
  { column: 'user_first_name', type: 'text', source: field('firstName') },
  { column: 'user_gender', type: 'text', source: field('gender') },
  { column: 'item_in_session', type: 'bigint', source: field('itemInSession') },
  { column: 'user_last_name', type: 'text', source: field('lastName') },
  { column: 'song_length', type: 'double', source: field('length') },
  { column: 'user_level', type: 'text', source: field('level') },
  { column: 'location', type: 'text', source: field('location') },
  { column: 'method', type: 'text', source: field('method') },
  { column: 'page', type: 'text', source: field('page') },
  { column: 'registration', type: 'double', source: field('registration') },
  { column: 'session_id', type: 'bigint', source: field('sessionId') },
  { column: 'song_title', type: 'text', source: field('song') },
  { column: 'status', type: 'integer', source: field('status') },
  { column: 'timestamp', type: 'timestamp', source: { derived: 'timestamp_from_ts' } },
  { column: 'ts_ms', type: 'bigint', source: field('ts') },
  { column: 'user_agent', type: 'text', source: field('userAgent') },
  { column: 'user_id', type: 'text', source: field('userId') },
  { column: 'source_file_id', type: 'integer', source: { derived: 'source_file_id' } },
  { column: 'source_line', type: 'integer', source: { derived: 'source_line' } },
];

export const stagingSongColumns: readonly StagingColumn[] = [
  { column: 'song_id', type: 'text', source: field('song_id') },
  { column: 'num_songs', type: 'integer', source: field('num_songs') },
  { column: 'artist_id', type: 'text', source: field('artist_id') },
  { column: 'latitude', type: 'double', source: field('artist_latitude') },
  { column: 'longitude', type: 'double', source: field('artist_longitude') },
  { column: 'location', type: 'text', source: field('artist_location') },
  { column: 'artist_name', type: 'text', source: field('artist_name') },
  { column: 'title', type: 'text', source: field('title') },
  { column: 'duration', type: 'double', source: field('duration') },
  { column: 'year', type: 'integer', source: field('year') },
  { column: 'source_file_id', type: 'integer', source: { derived: 'source_file_id' } },
  { column: 'source_line', type: 'integer', source: { derived: 'source_line' } },
];

export const stagingTables: Readonly<Record<StagingKind, { table: string; columns: readonly StagingColumn[] }>> = {
  events: { table: 'staging_events', columns: stagingEventColumns },
  songs: { table: 'staging_songs', columns: stagingSongColumns },
};
