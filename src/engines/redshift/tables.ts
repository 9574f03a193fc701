/**
 * Redshift's table definitions. Same tables, columns and order as the shared DDL in
 * sql/tables.ts, with what Redshift needs on top:
 *
 * Sizes. Redshift reads TEXT as VARCHAR(256), too short for a user agent, a song
 * title, a file URI or an error message. Free text is VARCHAR(65535), the maximum, so
 * no value any other engine accepts is cut or refused here; codes (level, page, auth,
 * method, gender) and ids are VARCHAR(256), plenty for their data, and kept narrow
 * because temporary tables of the transform are not compressed: declared width is
 * memory there. A code or id longer than 256 bytes is refused by COPY, with its
 * reason, into load_errors (docs/redshift.md).
 *
 * Distribution and sort keys, for the analytic queries (plays over time, by level, by
 * user, top songs and artists) and for the transform's joins:
 * - songplays and time: DISTKEY(start_time), SORTKEY(start_time). `time` has about a
 *   row per play, so it is as big as the fact table and must not be copied to every
 *   node; sharing the key co-locates their join, and time-range filters skip blocks.
 *   Not song_id: almost every play has no matched song, so NULL would put nearly all
 *   rows on one slice. Not user_id: a few heavy listeners would skew the slices, and
 *   users is small enough to copy everywhere.
 * - users, songs, artists: DISTSTYLE ALL. Small dimensions that every play joins;
 *   a copy on each node makes those joins local.
 * - staging_events: DISTSTYLE EVEN (no join key is both even and useful: user_id is
 *   '' for every logged-out event); SORTKEY(source_file_id), so replacing a changed
 *   file deletes a sorted range.
 * - staging_songs, load_files: DISTSTYLE ALL, joined by every transform step.
 * - load_errors, etl_runs: small logs; Redshift's AUTO is right.
 * Primary keys are declared for the planner; Redshift does not enforce them.
 * RAW is a reserved word in Redshift, so load_errors."raw" is quoted (as every
 * statement that names it must be; engines/insert-with-values.ts quotes every column it writes).
 */

export const createStagingEvents = `
CREATE TABLE IF NOT EXISTS staging_events (
  event_id         BIGINT NOT NULL,
  artist_name      VARCHAR(65535),
  auth             VARCHAR(256),
  user_first_name  VARCHAR(65535),
  user_gender      VARCHAR(256),
  item_in_session  BIGINT,
  user_last_name   VARCHAR(65535),
  song_length      DOUBLE PRECISION,
  user_level       VARCHAR(256),
  location         VARCHAR(65535),
  method           VARCHAR(256),
  page             VARCHAR(256),
  registration     DOUBLE PRECISION,
  session_id       BIGINT,
  song_title       VARCHAR(65535),
  status           INTEGER,
  "timestamp"      TIMESTAMP,
  ts_ms            BIGINT,
  user_agent       VARCHAR(65535),
  user_id          VARCHAR(20),
  source_file_id   INTEGER NOT NULL,
  source_line      INTEGER NOT NULL
)
DISTSTYLE EVEN
SORTKEY (source_file_id)`;

export const createStagingSongs = `
CREATE TABLE IF NOT EXISTS staging_songs (
  song_id          VARCHAR(256) NOT NULL,
  num_songs        INTEGER,
  artist_id        VARCHAR(256),
  latitude         DOUBLE PRECISION,
  longitude        DOUBLE PRECISION,
  location         VARCHAR(65535),
  artist_name      VARCHAR(65535),
  title            VARCHAR(65535),
  duration         DOUBLE PRECISION,
  year             INTEGER,
  source_file_id   INTEGER NOT NULL,
  source_line      INTEGER NOT NULL
)
DISTSTYLE ALL
SORTKEY (song_id)`;

export const createSongplays = `
CREATE TABLE IF NOT EXISTS songplays (
  songplay_id      VARCHAR(32) NOT NULL PRIMARY KEY,
  start_time       TIMESTAMP NOT NULL,
  user_id          BIGINT NOT NULL,
  level            VARCHAR(256),
  song_id          VARCHAR(256),
  artist_id        VARCHAR(256),
  session_id       BIGINT,
  location         VARCHAR(65535),
  user_agent       VARCHAR(65535),
  item_in_session  BIGINT
)
DISTSTYLE KEY
DISTKEY (start_time)
SORTKEY (start_time)`;

export const createUsers = `
CREATE TABLE IF NOT EXISTS users (
  user_id          BIGINT NOT NULL PRIMARY KEY,
  first_name       VARCHAR(65535),
  last_name        VARCHAR(65535),
  gender           VARCHAR(256),
  level            VARCHAR(256)
)
DISTSTYLE ALL
SORTKEY (user_id)`;

export const createSongs = `
CREATE TABLE IF NOT EXISTS songs (
  song_id          VARCHAR(256) NOT NULL PRIMARY KEY,
  title            VARCHAR(65535),
  artist_id        VARCHAR(256),
  year             INTEGER,
  duration         DOUBLE PRECISION
)
DISTSTYLE ALL
SORTKEY (song_id)`;

export const createArtists = `
CREATE TABLE IF NOT EXISTS artists (
  artist_id        VARCHAR(256) NOT NULL PRIMARY KEY,
  name             VARCHAR(65535),
  location         VARCHAR(65535),
  latitude         DOUBLE PRECISION,
  longitude        DOUBLE PRECISION
)
DISTSTYLE ALL
SORTKEY (artist_id)`;

export const createTime = `
CREATE TABLE IF NOT EXISTS "time" (
  start_time       TIMESTAMP NOT NULL PRIMARY KEY,
  hour             INTEGER NOT NULL,
  day              INTEGER NOT NULL,
  week             INTEGER NOT NULL,
  month            INTEGER NOT NULL,
  year             INTEGER NOT NULL,
  weekday          INTEGER NOT NULL
)
DISTSTYLE KEY
DISTKEY (start_time)
SORTKEY (start_time)`;

export const createLoadFiles = `
CREATE TABLE IF NOT EXISTS load_files (
  file_id          INTEGER NOT NULL PRIMARY KEY,
  kind             VARCHAR(16) NOT NULL,
  uri              VARCHAR(65535) NOT NULL UNIQUE,
  size             BIGINT NOT NULL,
  fingerprint      VARCHAR(256) NOT NULL,
  rows_loaded      INTEGER NOT NULL,
  rows_rejected    INTEGER NOT NULL,
  run_id           INTEGER NOT NULL,
  loaded_at        TIMESTAMP NOT NULL
)
DISTSTYLE ALL
SORTKEY (file_id)`;

export const createLoadErrors = `
CREATE TABLE IF NOT EXISTS load_errors (
  run_id           INTEGER NOT NULL,
  file             VARCHAR(65535) NOT NULL,
  line             INTEGER NOT NULL,
  "raw"            VARCHAR(65535) NOT NULL,
  reason           VARCHAR(65535) NOT NULL
)`;

export const createEtlRuns = `
CREATE TABLE IF NOT EXISTS etl_runs (
  run_id           INTEGER NOT NULL PRIMARY KEY,
  started_at       TIMESTAMP NOT NULL,
  finished_at      TIMESTAMP,
  status           VARCHAR(16) NOT NULL,
  source           VARCHAR(65535) NOT NULL,
  files_loaded     INTEGER,
  files_skipped    INTEGER,
  rows_staged      INTEGER,
  rows_rejected    INTEGER,
  table_changes    VARCHAR(65535),
  error            VARCHAR(65535)
)`;
