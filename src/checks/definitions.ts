/**
 * Data-quality checks, each written once as SQL that returns the offending rows
 * (no rows: pass). Each is a statement of the catalogue, `check:<name>`, which an
 * engine may override; the time check is written around the dialect's fragments, so
 * it computes week and weekday exactly as that engine's transform did. `example`
 * columns are what a person needs to find the problem.
 */
import type { SqlText, Statement } from '../sql/statement.js';

export interface CheckDefinition {
  readonly name: string;
  readonly description: string;
  /** Returns one row per offence. */
  readonly sql: SqlText;
}

/**
 * How a check is run: its offending rows counted, and a few kept as examples. `check` is
 * the check's SQL, `limit` how many examples.
 */
export const checkRunStatements = {
  countOffending: { name: 'checks:count-offending', sql: (_f, values) => `SELECT COUNT(*) AS n FROM (${String(values.check)}) offending` },
  examples: { name: 'checks:examples', sql: (_f, values) => `SELECT * FROM (${String(values.check)}) offending LIMIT ${Number(values.limit)}` },
} as const satisfies Record<string, Statement>;

/** A check as a statement of the catalogue. */
export function checkStatement(check: CheckDefinition): Statement {
  return { name: `check:${check.name}`, sql: check.sql };
}

const starTables = ['songplays', 'users', 'songs', 'artists', 'time'] as const;

const nonEmpty: CheckDefinition[] = starTables.map((table) => ({
  name: `${table}-not-empty`,
  description: `${table} has at least one row`,
  // A FROM clause and a typed literal: a SELECT with no FROM is documented on Redshift
  // only for leader-node functions, not around a subquery on a user table.
  sql: `SELECT CAST('${table}' AS VARCHAR(16)) AS empty_table FROM (SELECT COUNT(*) AS row_count FROM "${table}") counted WHERE counted.row_count = 0`,
}));

const keyColumns: Record<(typeof starTables)[number], readonly string[]> = {
  songplays: ['songplay_id', 'start_time', 'user_id'],
  users: ['user_id'],
  songs: ['song_id'],
  artists: ['artist_id'],
  time: ['start_time'],
};

const noNullKeys: CheckDefinition[] = starTables.map((table) => ({
  name: `${table}-keys-not-null`,
  description: `no NULL in ${table}'s key columns (${keyColumns[table].join(', ')})`,
  sql: `SELECT * FROM "${table}" WHERE ${keyColumns[table].map((c) => `${c} IS NULL`).join(' OR ')}`,
}));

const uniqueKeys: CheckDefinition[] = [
  { table: 'songplays', key: 'songplay_id' },
  { table: 'songplays', key: 'session_id, item_in_session, user_id, start_time', name: 'songplays-natural-key-unique' },
  { table: 'users', key: 'user_id' },
  { table: 'songs', key: 'song_id' },
  { table: 'artists', key: 'artist_id' },
  { table: 'time', key: 'start_time' },
].map(({ table, key, name }) => ({
  name: name ?? `${table}-${key}-unique`,
  description: `${table}: one row per ${key}`,
  sql: `SELECT ${key}, COUNT(*) AS copies FROM "${table}" GROUP BY ${key} HAVING COUNT(*) > 1`,
}));

const referential: CheckDefinition[] = [
  { column: 'user_id', table: 'users' },
  { column: 'start_time', table: 'time' },
  { column: 'song_id', table: 'songs' },
  { column: 'artist_id', table: 'artists' },
].map(({ column, table }) => ({
  name: `songplays-${column}-in-${table}`,
  description: `every songplay's non-NULL ${column} exists in ${table}`,
  sql: `SELECT p.songplay_id, p.${column} FROM songplays p
WHERE p.${column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "${table}" d WHERE d.${column} = p.${column})`,
}));

const reconciliation: CheckDefinition = {
  name: 'songplays-reconcile-with-staging',
  description: 'songplays are exactly the NextSong events of logged-in users in staging',
  sql: `
SELECT 'missing from songplays' AS problem, session_id, item_in_session, user_id, start_time FROM (
  SELECT session_id, item_in_session, CAST(user_id AS BIGINT) AS user_id, "timestamp" AS start_time
    FROM staging_events WHERE page = 'NextSong' AND user_id <> ''
  EXCEPT
  SELECT session_id, item_in_session, user_id, start_time FROM songplays
) missing
UNION ALL
SELECT 'not in staging' AS problem, session_id, item_in_session, user_id, start_time FROM (
  SELECT session_id, item_in_session, user_id, start_time FROM songplays
  EXCEPT
  SELECT session_id, item_in_session, CAST(user_id AS BIGINT) AS user_id, "timestamp" AS start_time
    FROM staging_events WHERE page = 'NextSong' AND user_id <> ''
) extra`,
};

const timeAgrees: CheckDefinition = {
  name: 'time-parts-agree',
  description: 'each time row\'s hour, day, week, month, year and weekday match its start_time (UTC)',
  // The same expressions as the time table's SELECT (sql/transform.ts): the week and
  // weekday are the dialect's fragments there and here.
  sql: (f) => `SELECT start_time, hour, day, week, month, year, weekday FROM "time"
WHERE hour <> CAST(EXTRACT(HOUR FROM start_time) AS INTEGER)
   OR day <> CAST(EXTRACT(DAY FROM start_time) AS INTEGER)
   OR week <> ${f.weekOf('start_time')}
   OR month <> CAST(EXTRACT(MONTH FROM start_time) AS INTEGER)
   OR year <> CAST(EXTRACT(YEAR FROM start_time) AS INTEGER)
   OR weekday <> ${f.weekdayOf('start_time')}`,
};

export const checkDefinitions: readonly CheckDefinition[] = [
  ...nonEmpty,
  ...noNullKeys,
  ...uniqueKeys,
  ...referential,
  reconciliation,
  timeAgrees,
];
