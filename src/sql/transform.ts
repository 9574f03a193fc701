/**
 * Staging -> star schema, as SPEC.md's rules. Each statement is a SELECT of one star
 * table's next contents; pipeline/transform.ts inserts it straight into an empty table,
 * or into a temporary `next_<table>` that sql/merge.ts compares and applies. Tables are
 * merged in order (songs, artists, users, songplays, time), so a SELECT may read the
 * tables merged before it. Ties are broken by the file's URI and line, never by load
 * order, so a one-shot load and an incremental one give the same tables.
 *
 * Each rule is written once, as a statement over its input relation: all of staging
 * here (the full transform), the staged rows of the keys in scope in
 * sql/scoped-transform.ts (the scoped transform of an incremental load). An input is a
 * table name or a parenthesised SELECT with the columns of the staging table it stands for.
 * Text that decides a row is compared through the dialect's exact-text fragments
 * (sql/fragments.ts), which count trailing blanks where an engine would not (Redshift).
 */
import type { SqlFragments, SqlText } from './fragments.js';

/** Rule 3: one row per song_id; year 0 means unknown. `songs`: the staged song rows to read. */
export const songsFrom = (songs: string) => (f: SqlFragments): string => `
SELECT song_id, title, artist_id, NULLIF(year, 0) AS year, duration
FROM (
  SELECT s.*,
         ROW_NUMBER() OVER (PARTITION BY ${f.exactTextKey('s.song_id')} ORDER BY f.uri, s.source_line) AS pick
  FROM ${songs} s
  JOIN load_files f ON f.file_id = s.source_file_id
) ranked
WHERE pick = 1`;

export const selectSongs = songsFrom('staging_songs');

/**
 * Rule 4: one row per artist_id, from the song with the smallest song_id; only an empty
 * location is NULL ('  ' is kept). `songs`: the staged song rows to read.
 */
export const artistsFrom = (songs: string) => (f: SqlFragments): string => `
SELECT artist_id, artist_name AS name,
       CASE WHEN ${f.exactTextEquals('location', "''")} THEN NULL ELSE location END AS location,
       latitude, longitude
FROM (
  SELECT s.*,
         ROW_NUMBER() OVER (
           PARTITION BY ${f.exactTextKey('s.artist_id')}
           ORDER BY ${f.exactTextKey('s.song_id')}, f.uri, s.source_line
         ) AS pick
  FROM ${songs} s
  JOIN load_files f ON f.file_id = s.source_file_id
  WHERE s.artist_id IS NOT NULL
) ranked
WHERE pick = 1`;

export const selectArtists = artistsFrom('staging_songs');

/**
 * Rule 2: every logged-in user, as of their latest event (largest ts, then itemInSession,
 * a null one below any number; then, for the same event in two files, the later file and line). The latest event is
 * picked on the narrow columns it needs and joined back by id: ranking whole rows sorts
 * every wide column too, which costs twice as much. `latestEvents` is a query of one
 * `event_id` per user among `events` (the staged events to read); engines differ in how
 * fast they pick it (below, and DuckDB's and PostgreSQL's dialects, for all of staging).
 */
export function usersFrom(latestEvents: string, events = 'staging_events'): string {
  return `
SELECT CAST(e.user_id AS BIGINT) AS user_id,
       e.user_first_name AS first_name,
       e.user_last_name AS last_name,
       e.user_gender AS gender,
       e.user_level AS level
FROM ${events} e
JOIN (${latestEvents}
) latest ON latest.event_id = e.event_id`;
}

/** Each user's latest event among `events`, by ranking: portable SQL. */
export const latestEventByRank = (events: string): string => `
  SELECT event_id
  FROM (
    SELECT e.event_id,
           ROW_NUMBER() OVER (
             PARTITION BY e.user_id
             ORDER BY e.ts_ms DESC, e.item_in_session DESC NULLS LAST, f.uri DESC, e.source_line DESC
           ) AS pick
    FROM ${events} e
    JOIN load_files f ON f.file_id = e.source_file_id
    WHERE e.user_id <> ''
  ) ranked
  WHERE pick = 1`;

export const selectUsers = usersFrom(latestEventByRank('staging_events'));

/**
 * The natural key as the text songplay_id hashes: session|item|user|ts from the event
 * `p`, a null part as empty (digits never are). Portable: `||` and CAST on every engine
 * (Redshift's CONCAT takes two arguments and yields NULL for a NULL one).
 */
export const naturalKeyText = `COALESCE(CAST(p.session_id AS VARCHAR), '') || '|' || COALESCE(CAST(p.item_in_session AS VARCHAR), '') || '|' ||
         p.user_id || '|' || CAST(p.ts_ms AS VARCHAR)`;

/**
 * A songplay row from its event `p`, matched song `m` and that song `s`. songplay_id is
 * the md5 of the natural key (`keyText`: `naturalKeyText`, or an engine's faster text
 * that equals it). One list for every engine's songplays statement, so the columns and
 * the hash cannot drift between them.
 */
export const songplayColumnsKeyedBy = (keyText: string): string => `md5(
         ${keyText}
       ) AS songplay_id,
       p."timestamp" AS start_time,
       CAST(p.user_id AS BIGINT) AS user_id,
       p.user_level AS level,
       m.song_id,
       s.artist_id,
       p.session_id,
       p.location,
       p.user_agent,
       p.item_in_session`;

export const songplayColumns = songplayColumnsKeyedBy(naturalKeyText);

/** Whether staged event `e` is a play: a NextSong page ('NextSong ' is not one) of a logged-in user. */
const isPlay = (f: SqlFragments): string => `${f.exactTextEquals('e.page', "'NextSong'")} AND e.user_id <> ''`;

/**
 * Rule 1: one row per NextSong event of a logged-in user, identified by its natural
 * key (an event repeated in two files is one play: the first copy by file and line).
 * The song is the one with the same title and artist and a duration within 0.01 s, the
 * smallest song_id if several. songplay_id is an md5 of the natural key, so the same
 * play keeps its id in every load. As for users, the copies are picked on narrow columns
 * (`firstCopies`: one `event_id` per play among `events`) and each part reads the staged
 * events once, so no wide intermediate is sorted or kept. `events`: the staged events to
 * read (every copy of each play it holds); `songOfPlay`: how each play's song is found;
 * `columns`: `songplayColumns`, or the same columns with an engine's key text
 * (songplayColumnsKeyedBy).
 */
export function songplaysFrom(
  firstCopies: SqlText,
  events = 'staging_events',
  songOfPlay: SongOfPlay = smallestSongByMin,
  columns: string = songplayColumns,
): SqlText {
  return (f) => `
WITH first_copies AS (${textOf(firstCopies, f)}
),
matched AS (${textOf(songOfPlay.matches(events), f)}
)
SELECT ${columns}
FROM ${events} p
JOIN first_copies c ON c.event_id = p.event_id
LEFT JOIN matched m ON ${songOfPlay.joinOn}
LEFT JOIN songs s ON ${f.exactTextEquals('s.song_id', 'm.song_id')}`;
}

/** A part of a statement written around the fragments, or plain SQL, as text. */
const textOf = (part: SqlText, f: SqlFragments): string => (typeof part === 'string' ? part : part(f, {}));

/** Rule 1's song match: song `s` has event `e`'s title and artist name, and its duration within 0.01 s. */
const songMatch = (f: SqlFragments): string => `${f.exactTextEquals('s.title', 'e.song_title')}
   AND ${f.exactTextEquals('s.artist_name', 'e.artist_name')}
   AND ABS(s.duration - e.song_length) <= 0.01`;

/**
 * How each play finds its song: `matches`, a SELECT over the staged `events` of the songs
 * matched, and `joinOn`, how play `p` finds its row `m` there (none: no song).
 */
export interface SongOfPlay {
  readonly matches: (events: string) => SqlText;
  readonly joinOn: string;
}

/** Each play's song among `events`: the smallest matching song_id, by MIN. */
export const smallestSongByMin: SongOfPlay = {
  matches: (events) => (f) => `
  SELECT e.event_id, MIN(s.song_id) AS song_id
  FROM ${events} e
  JOIN staging_songs s
    ON ${songMatch(f)}
  WHERE ${isPlay(f)}
  GROUP BY e.event_id`,
  joinOn: 'm.event_id = p.event_id',
};

/**
 * The same by ranking, for an engine whose MIN cannot tell ids apart by trailing blanks
 * (Redshift: MIN of 'SOD' and 'SOD ' may be either); the exact key orders them.
 */
export const smallestSongByRank: SongOfPlay = {
  matches: (events) => (f) => `
  SELECT event_id, song_id
  FROM (
    SELECT e.event_id, s.song_id,
           ROW_NUMBER() OVER (PARTITION BY e.event_id ORDER BY ${f.exactTextKey('s.song_id')}) AS pick
    FROM ${events} e
    JOIN staging_songs s
      ON ${songMatch(f)}
    WHERE ${isPlay(f)}
  ) ranked
  WHERE pick = 1`,
  joinOn: 'm.event_id = p.event_id',
};

/**
 * The smallest song by MIN once per track: a play's song depends only on its title,
 * artist name and length, which repeat from play to play (98 k tracks in 1 M plays,
 * 329 k in 5 M), so the match is found for each distinct track and every play joins its
 * track on the three; no aggregate of every play is built. On DuckDB, the songplays
 * SELECT at 5 M events took 13.6 s against 16.9 s (1 M: 2.0 against 2.3 s). Only where
 * equal text is identical text: an engine that ignores trailing blanks (Redshift) would
 * fold 'Yes' and 'Yes ' into one track.
 */
export const smallestSongPerTrack: SongOfPlay = {
  matches: (events) => (f) => `
  SELECT e.song_title, e.artist_name, e.song_length, MIN(s.song_id) AS song_id
  FROM (SELECT DISTINCT e.song_title, e.artist_name, e.song_length FROM ${events} e WHERE ${isPlay(f)}) e
  JOIN staging_songs s
    ON ${songMatch(f)}
  GROUP BY e.song_title, e.artist_name, e.song_length`,
  joinOn: 'm.song_title = p.song_title AND m.artist_name = p.artist_name AND m.song_length = p.song_length',
};

/** Each play's first copy among `events`, by ranking: portable SQL. */
export const firstCopiesByRank = (events: string) => (f: SqlFragments): string => `
  SELECT event_id
  FROM (
    SELECT e.event_id,
           ROW_NUMBER() OVER (
             PARTITION BY e.session_id, e.item_in_session, e.user_id, e.ts_ms
             ORDER BY f.uri, e.source_line
           ) AS copy_number
    FROM ${events} e
    JOIN load_files f ON f.file_id = e.source_file_id
    WHERE ${isPlay(f)}
  ) numbered
  WHERE copy_number = 1`;

/** The songplays statement in portable SQL over `events`, the smallest song picked by `songOfPlay`. */
export const songplaysOver = (events: string, songOfPlay = smallestSongByMin): SqlText =>
  songplaysFrom(firstCopiesByRank(events), events, songOfPlay);

export const selectSongplays = songplaysOver('staging_events');

/**
 * Rule 5: one row per distinct play start time, its parts in UTC; weekday 0 = Sunday.
 * The week and weekday are the dialect's fragments, which the time-parts-agree check
 * uses too, so the check tests what the transform did on every engine. `startTimes`: a
 * SELECT of the distinct start times to write (songplays is merged before time).
 */
export const timeFrom = (startTimes: string) => (f: SqlFragments): string => `
SELECT start_time,
       CAST(EXTRACT(HOUR FROM start_time) AS INTEGER) AS hour,
       CAST(EXTRACT(DAY FROM start_time) AS INTEGER) AS day,
       ${f.weekOf('start_time')} AS week,
       CAST(EXTRACT(MONTH FROM start_time) AS INTEGER) AS month,
       CAST(EXTRACT(YEAR FROM start_time) AS INTEGER) AS year,
       ${f.weekdayOf('start_time')} AS weekday
FROM (${startTimes}) starts`;

export const selectTime = timeFrom('SELECT DISTINCT start_time FROM songplays');
