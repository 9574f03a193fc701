/**
 * The scoped transform: an incremental load recomputes only the star rows its files can
 * change, instead of every table from all of staging (sql/transform.ts, the full path).
 * pipeline/load-scope.ts runs these statements in order; docs/design.md says when.
 *
 * 1. `scope_files` holds the ids of the files this load reads (new and replaced).
 *    `touch*` copies the keys of their staging rows into `touched_songs` and
 *    `touched_events`: once before the replaced files' old rows are deleted, once after
 *    the new rows are staged. So a key a load removes counts as much as one it adds.
 * 2. The keys touched become one small table per star table (`scope_*`), following the
 *    dependencies of SPEC.md's rules: a song's title and artist name reach the plays
 *    that can match it (a new song can match old events), a play's start time reaches
 *    `time` (a start time can disappear), a user's events reach `users`.
 * 3. For each star table, the rows of the keys in scope are selected (`selectScoped*`:
 *    the full transform's statement of sql/transform.ts over the staged rows of those
 *    keys instead of all of staging; for plays and users, the staged events read once
 *    into `scope_play_events` and `scope_user_events`) and compared with the table's
 *    current rows of those keys (`currentScoped*`) by sql/merge.ts.
 *
 * A scope may hold more keys than the load changed (text compared ignoring trailing blanks
 * on Redshift, a play's whole (user, ts) group): that costs time, never correctness,
 * because each key in scope gets both its next rows and its current rows.
 * Each statement is portable SQL, text compared through the exact-text fragments where
 * it decides a row; Redshift overrides only how a play's smallest song is picked, as for
 * the full path (engines/redshift/dialect.ts).
 */
import { artistsFrom, latestEventByRank, songplaysOver, songsFrom, timeFrom, usersFrom } from './transform.js';

/** The files this load reads: their rows are what it adds and, for a replaced file, removes. */
export const createScopeFiles = `CREATE TEMP TABLE scope_files (file_id INTEGER NOT NULL)`;

/** Keys of the song rows touched: typed as staging is (CTAS of no rows), filled by touchSongs. */
export const createTouchedSongs = `
CREATE TEMP TABLE touched_songs AS
SELECT song_id, artist_id, title, artist_name FROM staging_songs WHERE 1 = 0`;

/** Keys of the events of logged-in users touched; `play` is 1 for a NextSong page. */
export const createTouchedEvents = `
CREATE TEMP TABLE touched_events AS
SELECT user_id, ts_ms, "timestamp", CASE WHEN page = 'NextSong' THEN 1 ELSE 0 END AS play
FROM staging_events WHERE 1 = 0`;

export const touchSongs = `
INSERT INTO touched_songs (song_id, artist_id, title, artist_name)
SELECT song_id, artist_id, title, artist_name
FROM staging_songs
WHERE source_file_id IN (SELECT file_id FROM scope_files)`;

export const touchEvents = `
INSERT INTO touched_events (user_id, ts_ms, "timestamp", play)
SELECT user_id, ts_ms, "timestamp", CASE WHEN page = 'NextSong' THEN 1 ELSE 0 END
FROM staging_events
WHERE source_file_id IN (SELECT file_id FROM scope_files) AND user_id <> ''`;

/** Rule 3: the songs whose rows were added or removed. */
export const createScopeSongs = `
CREATE TEMP TABLE scope_songs AS
SELECT DISTINCT song_id FROM touched_songs`;

/** Rule 4: an artist's row comes from its songs' rows, so only artists of touched rows change. */
export const createScopeArtists = `
CREATE TEMP TABLE scope_artists AS
SELECT DISTINCT artist_id FROM touched_songs WHERE artist_id IS NOT NULL`;

/**
 * Rule 1's song match: the (title, artist name) of every touched song row, and of every
 * staged row of a touched song (its `songs` row, so the artist_id of plays matched
 * through another of its copies, may have changed).
 */
export const createScopePairs = `
CREATE TEMP TABLE scope_pairs AS
SELECT title, artist_name FROM touched_songs
WHERE title IS NOT NULL AND artist_name IS NOT NULL
UNION
SELECT s.title, s.artist_name
FROM staging_songs s
JOIN scope_songs k ON k.song_id = s.song_id
WHERE s.title IS NOT NULL AND s.artist_name IS NOT NULL`;

/** Rule 2: a user's latest event can change only if one of their events was added or removed. */
export const createScopeUsers = `
CREATE TEMP TABLE scope_users AS
SELECT DISTINCT user_id FROM touched_events`;

/**
 * Rule 1 and 6: plays by (user, ts), a superset of their natural keys (no null-safe
 * comparison needed): the touched plays; addPlayKeysOfPairs adds the plays a touched
 * song can match.
 */
export const createScopePlayKeys = `
CREATE TEMP TABLE scope_play_keys AS
SELECT user_id, ts_ms, "timestamp" FROM touched_events WHERE play = 1`;

export const addPlayKeysOfPairs = `
INSERT INTO scope_play_keys (user_id, ts_ms, "timestamp")
SELECT e.user_id, e.ts_ms, e."timestamp"
FROM staging_events e
JOIN scope_pairs k ON k.title = e.song_title AND k.artist_name = e.artist_name
WHERE e.page = 'NextSong' AND e.user_id <> ''`;

/** One row per (user, ts) in scope, with the user id and start time as songplays holds them. */
export const createScopePlays = `
CREATE TEMP TABLE scope_plays AS
SELECT DISTINCT user_id, ts_ms, CAST(user_id AS BIGINT) AS user_key, "timestamp" AS start_time
FROM scope_play_keys`;

/** Every staged copy of the plays in scope: selectScopedSongplays's input, read once for its three parts. */
export const createScopePlayEvents = `
CREATE TEMP TABLE scope_play_events AS
SELECT e.*
FROM staging_events e
JOIN scope_plays k ON k.user_id = e.user_id AND k.ts_ms = e.ts_ms
WHERE e.page = 'NextSong'`;

/**
 * Rule 2's input for the users in scope: their staged events at their largest ts, the
 * only ones that can be a user's latest, read once for selectScopedUsers (instead of all
 * their history). The largest ts is a correlated MAX per user, which PostgreSQL answers
 * from the end of the (user_id, ts_ms) index: one probe per user, where a grouped MAX
 * over a join read every event of every user in scope (457 k index entries for one day
 * at 1 M events, 0.7 s). DuckDB and Redshift decorrelate it into a join.
 */
export const createScopeUserEvents = `
CREATE TEMP TABLE scope_user_events AS
SELECT e.*
FROM staging_events e
JOIN (
  SELECT u.user_id, (SELECT MAX(h.ts_ms) FROM staging_events h WHERE h.user_id = u.user_id) AS ts_ms
  FROM scope_users u
) latest ON latest.user_id = e.user_id AND latest.ts_ms = e.ts_ms`;

/** Rule 5: only the start times of touched plays can appear or disappear. */
export const createScopeTimes = `
CREATE TEMP TABLE scope_times AS
SELECT DISTINCT "timestamp" AS start_time FROM touched_events WHERE play = 1`;

/**
 * Rule 5, once the plays in scope are computed (into `next_songplays`, before they take
 * the current ones' place): the start times in scope that no play in scope holds after
 * the load. Every other start time in scope has a play, the one in scope, and stays; only
 * these can have gone, and must be looked up among all plays (another user's play may
 * hold the same millisecond). For a new day there are next to none; looking up every start
 * time of the day among all plays read a page of songplays for each (41 s for 550 k start
 * times at 20 M events on PostgreSQL, docs/benchmarks.md).
 */
export const createScopeUnplayedTimes = `
CREATE TEMP TABLE scope_unplayed_times AS
SELECT start_time FROM scope_times
EXCEPT
SELECT start_time FROM next_songplays`;

/** The scope tables, dropped at the end of a scoped load (they are temporary anyway). */
export const scopeTables = [
  'scope_files', 'touched_songs', 'touched_events', 'scope_songs', 'scope_artists', 'scope_pairs',
  'scope_users', 'scope_user_events', 'scope_play_keys', 'scope_plays', 'scope_play_events', 'scope_times',
  'scope_unplayed_times',
] as const;

/*
 * The current rows of the keys in scope (the current* statements) are found by a join
 * with the scope table, each of whose keys is distinct: as a semi-join (IN) PostgreSQL
 * read all of "time" through its key index to probe 37 k start times (7 s against 0.1 s).
 */

/** The staged song rows whose `key` is in the scope table `scope`: the songs' and artists' input. */
const stagedSongsIn = (scope: 'scope_songs' | 'scope_artists', key: 'song_id' | 'artist_id'): string => `(
    SELECT s.* FROM staging_songs s JOIN ${scope} k ON k.${key} = s.${key}
  )`;

/** Rule 3 over the staged rows of the songs in scope. */
export const selectScopedSongs = songsFrom(stagedSongsIn('scope_songs', 'song_id'));

export const currentScopedSongs = `
SELECT s.song_id, s.title, s.artist_id, s.year, s.duration
FROM songs s
JOIN scope_songs k ON k.song_id = s.song_id`;

/** Rule 4 over the staged rows of the artists in scope. */
export const selectScopedArtists = artistsFrom(stagedSongsIn('scope_artists', 'artist_id'));

export const currentScopedArtists = `
SELECT a.artist_id, a.name, a.location, a.latitude, a.longitude
FROM artists a
JOIN scope_artists k ON k.artist_id = a.artist_id`;

/** Rule 2 over the users' staged events in scope (scope_user_events). */
export const selectScopedUsers = usersFrom(latestEventByRank('scope_user_events'), 'scope_user_events');

export const currentScopedUsers = `
SELECT u.user_id, u.first_name, u.last_name, u.gender, u.level
FROM users u
JOIN scope_users k ON CAST(k.user_id AS BIGINT) = u.user_id`;

/** Rule 1 over the staged copies of the plays in scope (scope_play_events). */
export const selectScopedSongplays = songplaysOver('scope_play_events');

/** The plays of the (user, ts) pairs in scope: the same superset selectScopedSongplays computes. */
export const currentScopedSongplays = `
SELECT sp.songplay_id, sp.start_time, sp.user_id, sp.level, sp.song_id, sp.artist_id,
       sp.session_id, sp.location, sp.user_agent, sp.item_in_session
FROM songplays sp
JOIN scope_plays k ON k.user_key = sp.user_id AND k.start_time = sp.start_time`;

/**
 * Rule 5 over the start times in scope: those a play in scope holds, and those of the
 * rest that some other play holds (createScopeUnplayedTimes). Songplays is in scope
 * whenever "time" is: every start time in scope is one of a play in scope.
 */
export const selectScopedTime = timeFrom(`
  SELECT played.start_time
  FROM (SELECT start_time FROM scope_times EXCEPT SELECT start_time FROM scope_unplayed_times) played
  UNION
  SELECT sp.start_time
  FROM songplays sp
  JOIN scope_unplayed_times u ON u.start_time = sp.start_time
`);

export const currentScopedTime = `
SELECT t.start_time, t.hour, t.day, t.week, t.month, t.year, t.weekday
FROM "time" t
JOIN scope_times k ON k.start_time = t.start_time`;
