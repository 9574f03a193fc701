/**
 * The hand-written PostgreSQL baseline: what a careful engineer would type into psql.
 * Every input line goes raw into a one-column table (COPY in CSV mode with a quote and
 * delimiter that JSON never holds, so backslashes arrive untouched), json_to_record
 * parses them in SQL, and plain CREATE TABLE .. AS builds the star schema. None of
 * sparkify's validation, ledger, merge, history or indexes.
 *
 * Usage: postgres-baseline.ts DATA_DIR POSTGRES_URL   (prints {"phases", "counts"} as JSON)
 */
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

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

const songRecord = `num_songs integer, artist_id text, artist_latitude double precision, artist_longitude double precision,
  artist_location text, artist_name text, song_id text, title text, duration double precision, year integer`;
const eventRecord = `artist text, auth text, "firstName" text, gender text, "itemInSession" integer, "lastName" text,
  length double precision, level text, location text, method text, page text, registration double precision,
  "sessionId" integer, song text, status integer, ts bigint, "userAgent" text, "userId" text`;

const transform = `
CREATE TABLE songs AS
SELECT DISTINCT ON (song_id) song_id, title, artist_id, NULLIF(year, 0) AS year, duration
FROM staging_songs ORDER BY song_id;

CREATE TABLE artists AS
SELECT DISTINCT ON (artist_id) artist_id, artist_name AS name, NULLIF(artist_location, '') AS location,
       artist_latitude AS latitude, artist_longitude AS longitude
FROM staging_songs ORDER BY artist_id, song_id;

CREATE TABLE users AS
SELECT DISTINCT ON ("userId") CAST("userId" AS INTEGER) AS user_id, "firstName" AS first_name,
       "lastName" AS last_name, gender, level
FROM staging_events WHERE "userId" <> '' ORDER BY "userId", ts DESC, "itemInSession" DESC;

CREATE TABLE songplays AS
WITH matches AS (
  SELECT DISTINCT ON (e."sessionId", e."itemInSession", e."userId", e.ts)
         e."sessionId", e."itemInSession", e."userId", e.ts, s.song_id, s.artist_id
  FROM staging_events e
  JOIN staging_songs s ON s.title = e.song AND s.artist_name = e.artist AND abs(s.duration - e.length) <= 0.01
  WHERE e.page = 'NextSong' AND e."userId" <> ''
  ORDER BY e."sessionId", e."itemInSession", e."userId", e.ts, s.song_id
)
SELECT md5(e."sessionId" || '|' || e."itemInSession" || '|' || e."userId" || '|' || e.ts) AS songplay_id,
       TIMESTAMP 'epoch' + e.ts * INTERVAL '1 millisecond' AS start_time,
       CAST(e."userId" AS INTEGER) AS user_id, e.level, m.song_id, m.artist_id, e."sessionId" AS session_id,
       e.location, e."userAgent" AS user_agent, e."itemInSession" AS item_in_session
FROM staging_events e
LEFT JOIN matches m USING ("sessionId", "itemInSession", "userId", ts)
WHERE e.page = 'NextSong' AND e."userId" <> '';

CREATE TABLE "time" AS
SELECT start_time, CAST(EXTRACT(HOUR FROM start_time) AS INTEGER) AS hour, CAST(EXTRACT(DAY FROM start_time) AS INTEGER) AS day,
       CAST(EXTRACT(WEEK FROM start_time) AS INTEGER) AS week, CAST(EXTRACT(MONTH FROM start_time) AS INTEGER) AS month,
       CAST(EXTRACT(YEAR FROM start_time) AS INTEGER) AS year, CAST(EXTRACT(DOW FROM start_time) AS INTEGER) AS weekday
FROM (SELECT DISTINCT start_time FROM songplays) starts;`;

export async function runPostgresBaseline(options: PostgresBaselineOptions): Promise<PostgresBaselineResult> {
  const client = new pg.Client(options.client);
  await client.connect();
  const phases: Record<string, number> = {};
  const started = performance.now();
  const phase = async (name: string, work: () => Promise<unknown>) => {
    const t0 = performance.now();
    await work();
    phases[name] = (performance.now() - t0) / 1000;
  };
  try {
    await client.query(`DROP TABLE IF EXISTS raw_songs, raw_events, staging_songs, staging_events, songs, artists, users, songplays, "time"`);
    await phase('stage-songs', () => stage(client, 'songs', options.songData, songRecord));
    await phase('stage-events', () => stage(client, 'events', options.logData, eventRecord));
    await phase('transform', () => client.query(transform));
    const counts: Record<string, number> = {};
    for (const table of ['staging_events', 'staging_songs', 'songplays', 'users', 'songs', 'artists', 'time']) {
      const result = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${table}"`);
      counts[table] = Number(result.rows[0]?.n);
    }
    return { seconds: (performance.now() - started) / 1000, phases, counts };
  } finally {
    await client.end();
  }
}

async function stage(client: pg.Client, kind: 'songs' | 'events', root: string, record: string): Promise<void> {
  await client.query(`CREATE UNLOGGED TABLE raw_${kind} (doc text)`);
  await pipeline(rawLines(await jsonFiles(root)), client.query(copyFrom(`COPY raw_${kind} (doc) ${RAW_COPY}`)));
  await client.query(`CREATE TABLE staging_${kind} AS
    SELECT r.* FROM raw_${kind} w, json_to_record(CAST(w.doc AS json)) AS r(${record}) WHERE btrim(w.doc) <> ''`);
  await client.query(`DROP TABLE raw_${kind}`);
  await client.query(`ANALYZE staging_${kind}`);
}

/** Every file's bytes in turn, each ended by a newline, as `cat **\/*.json` would. */
async function* rawLines(files: readonly string[]): AsyncGenerator<Buffer> {
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
