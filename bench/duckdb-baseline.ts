/**
 * The hand-written baseline: the same star schema built by plain DuckDB SQL straight
 * on the files, with none of sparkify's validation, ledger, merge or history. It is
 * what a careful engineer would type into the DuckDB shell.
 * Usage: duckdb-baseline.ts DATA_DIR DATABASE_FILE [MEMORY_LIMIT|default] (1GB unless given)
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';

const [dataDir, dbFile, memoryLimit = '1GB'] = process.argv.slice(2);
if (!dataDir || !dbFile) throw new Error('usage: duckdb-baseline.ts DATA_DIR DATABASE_FILE [MEMORY_LIMIT|default]');
rmSync(dbFile, { force: true });
rmSync(`${dbFile}.wal`, { force: true });

// 'default': DuckDB's own limit (80 % of the machine's memory).
const instance = await DuckDBInstance.create(dbFile, {
  ...(memoryLimit === 'default' ? {} : { memory_limit: memoryLimit }),
  preserve_insertion_order: 'false',
});
const db = await instance.connect();
const phases: Record<string, number> = {};
async function phase(name: string, sql: string): Promise<void> {
  const t0 = performance.now();
  await db.run(sql);
  phases[name] = (performance.now() - t0) / 1000;
}

await phase('stage-songs', `
CREATE TABLE staging_songs AS
SELECT * FROM read_json('${dataDir}/song_data/**/*.json', format = 'newline_delimited', columns = {
  num_songs: 'INTEGER', artist_id: 'VARCHAR', artist_latitude: 'DOUBLE', artist_longitude: 'DOUBLE',
  artist_location: 'VARCHAR', artist_name: 'VARCHAR', song_id: 'VARCHAR', title: 'VARCHAR',
  duration: 'DOUBLE', year: 'INTEGER'})`);

await phase('stage-events', `
CREATE TABLE staging_events AS
SELECT *, epoch_ms(ts) AS start_time FROM read_json('${dataDir}/log_data/**/*.json', format = 'newline_delimited', columns = {
  artist: 'VARCHAR', auth: 'VARCHAR', firstName: 'VARCHAR', gender: 'VARCHAR', itemInSession: 'INTEGER',
  lastName: 'VARCHAR', length: 'DOUBLE', level: 'VARCHAR', location: 'VARCHAR', method: 'VARCHAR',
  page: 'VARCHAR', registration: 'DOUBLE', sessionId: 'INTEGER', song: 'VARCHAR', status: 'INTEGER',
  ts: 'BIGINT', userAgent: 'VARCHAR', userId: 'VARCHAR'})`);

const t0 = performance.now();
await db.run(`
CREATE TABLE songs AS
SELECT song_id, any_value(title) AS title, any_value(artist_id) AS artist_id,
       any_value(NULLIF(year, 0)) AS year, any_value(duration) AS duration
FROM staging_songs GROUP BY song_id;

CREATE TABLE artists AS
SELECT artist_id, arg_min(artist_name, song_id) AS name, arg_min(NULLIF(artist_location, ''), song_id) AS location,
       arg_min(artist_latitude, song_id) AS latitude, arg_min(artist_longitude, song_id) AS longitude
FROM staging_songs GROUP BY artist_id;

CREATE TABLE users AS
SELECT CAST(userId AS INTEGER) AS user_id,
       arg_max(firstName, (ts, itemInSession)) AS first_name, arg_max(lastName, (ts, itemInSession)) AS last_name,
       arg_max(gender, (ts, itemInSession)) AS gender, arg_max(level, (ts, itemInSession)) AS level
FROM staging_events WHERE userId <> '' GROUP BY userId;

CREATE TABLE songplays AS
WITH plays AS (
  -- SPEC rule 6: an event is its natural key, so a play repeated in two files is one play.
  SELECT DISTINCT ON (sessionId, itemInSession, userId, ts) *
  FROM staging_events
  WHERE page = 'NextSong' AND userId <> ''
)
SELECT md5(sessionId || '|' || itemInSession || '|' || userId || '|' || ts) AS songplay_id,
       e.start_time, CAST(e.userId AS INTEGER) AS user_id, e.level, m.song_id, m.artist_id,
       e.sessionId AS session_id, e.location, e.userAgent AS user_agent, e.itemInSession AS item_in_session
FROM plays e
LEFT JOIN (
  SELECT e2.sessionId, e2.itemInSession, e2.userId, e2.ts, min(s.song_id) AS song_id, arg_min(s.artist_id, s.song_id) AS artist_id
  FROM plays e2
  JOIN staging_songs s ON s.title = e2.song AND s.artist_name = e2.artist AND abs(s.duration - e2.length) <= 0.01
  GROUP BY ALL
) m USING (sessionId, itemInSession, userId, ts);

CREATE TABLE "time" AS
SELECT start_time, hour(start_time) AS hour, day(start_time) AS day, week(start_time) AS week,
       month(start_time) AS month, year(start_time) AS year, dayofweek(start_time) AS weekday
FROM (SELECT DISTINCT start_time FROM songplays);
`);
phases.transform = (performance.now() - t0) / 1000;

const counts: Record<string, number> = {};
for (const table of ['staging_events', 'staging_songs', 'songplays', 'users', 'songs', 'artists', 'time']) {
  const reader = await db.runAndReadAll(`SELECT COUNT(*) FROM "${table}"`);
  counts[table] = Number(reader.getRows()[0]?.[0]);
}
db.closeSync();
instance.closeSync();
process.stdout.write(JSON.stringify({ phases, counts }));
