/**
 * Table definitions, shared by DuckDB and PostgreSQL; Redshift overrides the star
 * tables to add distribution and sort keys. Table and column names are fixed here,
 * so nothing from config reaches these statements.
 *
 * Staging keeps every record with its provenance (source file and line) so that a
 * changed file can be replaced, and the star schema is rebuilt from staging.
 */

export const createStagingEvents = `
CREATE TABLE IF NOT EXISTS staging_events (
  event_id         BIGINT NOT NULL,
  artist_name      TEXT,
  auth             TEXT,
  user_first_name  TEXT,
  user_gender      TEXT,
  item_in_session  BIGINT,
  user_last_name   TEXT,
  song_length      DOUBLE PRECISION,
  user_level       TEXT,
  location         TEXT,
  method           TEXT,
  page             TEXT,
  registration     DOUBLE PRECISION,
  session_id       BIGINT,
  song_title       TEXT,
  status           INTEGER,
  "timestamp"      TIMESTAMP,
  ts_ms            BIGINT,
  user_agent       TEXT,
  user_id          TEXT,
  source_file_id   INTEGER NOT NULL,
  source_line      INTEGER NOT NULL
)`;

export const createStagingSongs = `
CREATE TABLE IF NOT EXISTS staging_songs (
  song_id          TEXT NOT NULL,
  num_songs        INTEGER,
  artist_id        TEXT,
  latitude         DOUBLE PRECISION,
  longitude        DOUBLE PRECISION,
  location         TEXT,
  artist_name      TEXT,
  title            TEXT,
  duration         DOUBLE PRECISION,
  year             INTEGER,
  source_file_id   INTEGER NOT NULL,
  source_line      INTEGER NOT NULL
)`;

export const createSongplays = `
CREATE TABLE IF NOT EXISTS songplays (
  songplay_id      TEXT NOT NULL PRIMARY KEY,
  start_time       TIMESTAMP NOT NULL,
  user_id          BIGINT NOT NULL,
  level            TEXT,
  song_id          TEXT,
  artist_id        TEXT,
  session_id       BIGINT,
  location         TEXT,
  user_agent       TEXT,
  item_in_session  BIGINT
)`;

export const createUsers = `
CREATE TABLE IF NOT EXISTS users (
  user_id          BIGINT NOT NULL PRIMARY KEY,
  first_name       TEXT,
  last_name        TEXT,
  gender           TEXT,
  level            TEXT
)`;

export const createSongs = `
CREATE TABLE IF NOT EXISTS songs (
  song_id          TEXT NOT NULL PRIMARY KEY,
  title            TEXT,
  artist_id        TEXT,
  year             INTEGER,
  duration         DOUBLE PRECISION
)`;

export const createArtists = `
CREATE TABLE IF NOT EXISTS artists (
  artist_id        TEXT NOT NULL PRIMARY KEY,
  name             TEXT,
  location         TEXT,
  latitude         DOUBLE PRECISION,
  longitude        DOUBLE PRECISION
)`;

export const createTime = `
CREATE TABLE IF NOT EXISTS "time" (
  start_time       TIMESTAMP NOT NULL PRIMARY KEY,
  hour             INTEGER NOT NULL,
  day              INTEGER NOT NULL,
  week             INTEGER NOT NULL,
  month            INTEGER NOT NULL,
  year             INTEGER NOT NULL,
  weekday          INTEGER NOT NULL
)`;

/** The ledger of loaded files: what is in staging, and from which file version. */
export const createLoadFiles = `
CREATE TABLE IF NOT EXISTS load_files (
  file_id          INTEGER NOT NULL PRIMARY KEY,
  kind             TEXT NOT NULL,
  uri              TEXT NOT NULL UNIQUE,
  size             BIGINT NOT NULL,
  fingerprint      TEXT NOT NULL,
  rows_loaded      INTEGER NOT NULL,
  rows_rejected    INTEGER NOT NULL,
  run_id           INTEGER NOT NULL,
  loaded_at        TIMESTAMP NOT NULL
)`;

/** Rejected input records, kept with their run, file, line, text and reason. */
export const createLoadErrors = `
CREATE TABLE IF NOT EXISTS load_errors (
  run_id           INTEGER NOT NULL,
  file             TEXT NOT NULL,
  line             INTEGER NOT NULL,
  raw              TEXT NOT NULL,
  reason           TEXT NOT NULL
)`;

/** One row per `etl` run; `table_changes` is a JSON object of per-table row counts. */
export const createEtlRuns = `
CREATE TABLE IF NOT EXISTS etl_runs (
  run_id           INTEGER NOT NULL PRIMARY KEY,
  started_at       TIMESTAMP NOT NULL,
  finished_at      TIMESTAMP,
  status           TEXT NOT NULL,
  source           TEXT NOT NULL,
  files_loaded     INTEGER,
  files_skipped    INTEGER,
  rows_staged      INTEGER,
  rows_rejected    INTEGER,
  table_changes    TEXT,
  error            TEXT
)`;

/** Tables that `create-tables` drops and recreates: the data and the ledger that describes it. */
export const dataTables = ['songplays', 'users', 'songs', 'artists', 'time', 'staging_events', 'staging_songs', 'load_files'] as const;

/** Tables kept across `create-tables`, so history survives a rebuild. */
export const historyTables = ['etl_runs', 'load_errors'] as const;
