/**
 * The hand-written PostgreSQL baseline: what a careful engineer would type into psql,
 * run as issue 13 describes it.
 *
 * - The star tables, their primary keys and songplays' indexes exist before the load,
 *   with sparkify's own DDL (so both sides fill exactly the same tables).
 * - Staging: every input line goes raw into a one-column table by `COPY` (CSV mode with a
 *   quote and delimiter that JSON never holds, so backslashes arrive untouched), then one
 *   `INSERT … SELECT` types it with `json_to_record`, then `ANALYZE`. Songs and events
 *   each have their own session, in parallel, as two `psql` would.
 * - The dimension tables are built in two sessions at once (songs and artists; users),
 *   then songplays (a hash join on title and artist name, then the duration test; one
 *   play per natural key, as the songplays key demands), then time from the distinct
 *   start times.
 *
 * None of sparkify's validation, ledger, provenance, merge or run history. Each statement
 * commits on its own, as psql does by default: no single transaction around the load.
 *
 * Usage: postgres-baseline.ts DATA_DIR POSTGRES_URL   (prints {"phases", "counts"} as JSON)
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { postgresIndexes } from '../src/engines/postgres/indexes.js';
import { postgresDialect } from '../src/engines/postgres/dialect.js';
import { artistsTable, createTableSql, songplaysTable, songsTable, timeTable, usersTable } from '../src/sql/schema.js';

export interface PostgresBaselineOptions {
  readonly client: pg.ClientConfig;
  readonly songData: string;
  readonly logData: string;
}

export interface PostgresBaselineResult {
  readonly seconds: number;
  readonly phases: Record<string, number>;
  readonly counts: Record<string, number>;
}

const RAW_COPY = `FROM STDIN WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`;

const createStaging = `
CREATE UNLOGGED TABLE raw_songs (doc text);
CREATE UNLOGGED TABLE raw_events (doc text);
CREATE TABLE staging_songs (
  num_songs integer, artist_id text, artist_latitude double precision, artist_longitude double precision,
  artist_location text, artist_name text, song_id text, title text, duration double precision, year integer
);
CREATE TABLE staging_events (
  artist text, auth text, "firstName" text, gender text, "itemInSession" bigint, "lastName" text,
  length double precision, level text, location text, method text, page text, registration double precision,
  "sessionId" bigint, song text, status integer, ts bigint, "userAgent" text, "userId" text
);`;

/** The star tables as sparkify creates them, keys included, and songplays' secondary indexes. */
const createStar = [songsTable, artistsTable, usersTable, songplaysTable, timeTable]
  .map((table) => createTableSql(postgresDialect, { enforcesPrimaryKeys: true }, table))
  .concat(
    postgresIndexes.filter((statement) => / ON songplays /.test(statement)),
  ).join(';\n');

const typeSongs = `
INSERT INTO staging_songs
SELECT r.* FROM raw_songs w,
  json_to_record(CAST(w.doc AS json)) AS r(num_songs integer, artist_id text, artist_latitude double precision,
    artist_longitude double precision, artist_location text, artist_name text, song_id text, title text,
    duration double precision, year integer)
WHERE btrim(w.doc) <> ''`;

const typeEvents = `
INSERT INTO staging_events
SELECT r.* FROM raw_events w,
  json_to_record(CAST(w.doc AS json)) AS r(artist text, auth text, "firstName" text, gender text,
    "itemInSession" bigint, "lastName" text, length double precision, level text, location text, method text,
    page text, registration double precision, "sessionId" bigint, song text, status integer, ts bigint,
    "userAgent" text, "userId" text)
WHERE btrim(w.doc) <> ''`;

const songsAndArtists = `
INSERT INTO songs (song_id, title, artist_id, year, duration)
SELECT DISTINCT ON (song_id) song_id, title, artist_id, NULLIF(year, 0), duration
FROM staging_songs ORDER BY song_id;

INSERT INTO artists (artist_id, name, location, latitude, longitude)
SELECT DISTINCT ON (artist_id) artist_id, artist_name, NULLIF(artist_location, ''), artist_latitude, artist_longitude
FROM staging_songs WHERE artist_id IS NOT NULL ORDER BY artist_id, song_id;`;

const users = `
INSERT INTO users (user_id, first_name, last_name, gender, level)
SELECT DISTINCT ON (CAST("userId" AS BIGINT)) CAST("userId" AS BIGINT), "firstName", "lastName", gender, level
FROM staging_events WHERE "userId" <> ''
ORDER BY CAST("userId" AS BIGINT), ts DESC, "itemInSession" DESC NULLS LAST;`;

/**
 * A hash join on (title, artist name), then the duration test. The key rejects a second
 * row for a play (an event logged twice, or a play matching two songs), so the first is
 * kept: one play per natural key, as sparkify keeps.
 */
const songplays = `
SET enable_nestloop = off;
INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id, session_id, location, user_agent, item_in_session)
SELECT md5(COALESCE(CAST(e."sessionId" AS text), '') || '|' || COALESCE(CAST(e."itemInSession" AS text), '') || '|'
           || CAST(CAST(e."userId" AS BIGINT) AS text) || '|' || CAST(e.ts AS text)),
       TIMESTAMP 'epoch' + e.ts * INTERVAL '1 millisecond', CAST(e."userId" AS BIGINT), e.level, s.song_id, s.artist_id,
       e."sessionId", e.location, e."userAgent", e."itemInSession"
FROM staging_events e
LEFT JOIN staging_songs s ON s.title = e.song AND s.artist_name = e.artist AND abs(s.duration - e.length) <= 0.01
WHERE e.page = 'NextSong' AND e."userId" <> ''
ON CONFLICT (songplay_id) DO NOTHING;
RESET enable_nestloop;`;

const time = `
INSERT INTO "time" (start_time, hour, day, week, month, year, weekday)
SELECT start_time, EXTRACT(HOUR FROM start_time), EXTRACT(DAY FROM start_time), EXTRACT(WEEK FROM start_time),
       EXTRACT(MONTH FROM start_time), EXTRACT(YEAR FROM start_time), EXTRACT(DOW FROM start_time)
FROM (SELECT DISTINCT start_time FROM songplays) starts;`;

export async function runPostgresBaseline(options: PostgresBaselineOptions): Promise<PostgresBaselineResult> {
  const sessions = [new pg.Client(options.client), new pg.Client(options.client)] as const;
  const [one, two] = sessions;
  await Promise.all(sessions.map((client) => client.connect()));
  const phases: Record<string, number> = {};
  const started = performance.now();
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    phases[name] = (performance.now() - t0) / 1000;
    return result;
  };
  try {
    await phase('create-tables', () => one.query(`${createStaging}\n${createStar}`));
    await phase('stage', () => Promise.all([
      phase('stage-songs', () => stage(one, 'songs', options.songData, typeSongs)),
      phase('stage-events', () => stage(two, 'events', options.logData, typeEvents)),
    ]));
    await phase('transform', async () => {
      await phase('dimensions', () => Promise.all([one.query(songsAndArtists), two.query(users)]));
      await phase('songplays', () => one.query(songplays));
      await phase('time', () => one.query(time));
    });
    const counts: Record<string, number> = {};
    for (const table of ['staging_events', 'staging_songs', 'songplays', 'users', 'songs', 'artists', 'time']) {
      const result = await one.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${table}"`);
      counts[table] = Number(result.rows[0]?.n);
    }
    return { seconds: (performance.now() - started) / 1000, phases, counts };
  } finally {
    await Promise.all(sessions.map((client) => client.end()));
  }
}

/** One session's staging of one file kind: raw COPY, typed INSERT … SELECT, ANALYZE. */
async function stage(client: pg.Client, kind: 'songs' | 'events', root: string, typed: string): Promise<void> {
  const files = await jsonFiles(root);
  await pipeline(kind === 'songs' ? smallFiles(files) : bigFiles(files), client.query(copyFrom(`COPY raw_${kind} (doc) ${RAW_COPY}`)));
  await client.query(typed);
  await client.query(`DROP TABLE raw_${kind}`);
  await client.query(`ANALYZE staging_${kind}`);
}

/** Small files (one song each) read whole and sent in chunks of about 1 MiB, as `cat` through a pipe would. */
async function* smallFiles(files: readonly string[]): AsyncGenerator<Buffer> {
  const newline = Buffer.from('\n');
  let chunk: Buffer[] = [];
  let bytes = 0;
  for (const file of files) {
    const data = await readFile(file);
    chunk.push(data, newline);
    bytes += data.length + 1;
    if (bytes >= 1 << 20) {
      yield Buffer.concat(chunk);
      chunk = [];
      bytes = 0;
    }
  }
  if (bytes > 0) yield Buffer.concat(chunk);
}

/** Large files streamed 1 MiB at a time, each ended by a newline. */
async function* bigFiles(files: readonly string[]): AsyncGenerator<Buffer> {
  const newline = Buffer.from('\n');
  for (const file of files) {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
    yield newline;
  }
}

async function jsonFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => path.join(e.parentPath, e.name)).sort();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dataDir, url] = process.argv.slice(2);
  if (!dataDir || !url) throw new Error('usage: postgres-baseline.ts DATA_DIR POSTGRES_URL');
  const result = await runPostgresBaseline({
    client: { connectionString: url },
    songData: path.join(dataDir, 'song_data'),
    logData: path.join(dataDir, 'log_data'),
  });
  process.stdout.write(JSON.stringify({ phases: result.phases, counts: result.counts }));
}
