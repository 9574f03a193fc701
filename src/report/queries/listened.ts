/**
 * Queries about what was played as the logs name it: every play of a logged-in user
 * with the song title and artist name its event carried, whether or not the song
 * catalogue holds that song. They read staging_events, which keeps every event as it
 * came, and pick each play's first copy exactly as songplays does (by the load ledger's
 * file URI and line), so their plays add up to the rows of songplays.
 */
import type { NamedQuery } from './query-definition.js';

/** One row per play (a songplays row): the event's own song, artist, length and user. */
const loggedPlays = `
logged_plays AS (
  SELECT event_id, song_title, artist_name, song_length, user_id
    FROM (
      SELECT e.event_id, e.song_title, e.artist_name, e.song_length, e.user_id,
             ROW_NUMBER() OVER (
               PARTITION BY e.session_id, e.item_in_session, e.user_id, e.ts_ms
               ORDER BY f.uri, e.source_line
             ) AS copy_number
        FROM staging_events e
        JOIN load_files f ON f.file_id = e.source_file_id
       WHERE e.page = 'NextSong' AND e.user_id <> ''
    ) copies
   WHERE copy_number = 1
)`.trim();

export const listenedSongs: NamedQuery = {
  name: 'listened-songs',
  title: 'Top songs as listened',
  description:
    'The ten songs played most often, named as the event logs name them (title and artist), whether or not the catalogue holds them, with distinct listeners. Ties go to the smaller title, then artist.',
  // Ranked first, distinct listeners counted for the ten winners only (as top-songs).
  sql: `
WITH ${loggedPlays},
ranked AS (
  SELECT song_title, artist_name, COUNT(*) AS plays
    FROM logged_plays
   WHERE song_title IS NOT NULL
   GROUP BY song_title, artist_name
   ORDER BY plays DESC, song_title, artist_name
   LIMIT 10
)
SELECT r.song_title AS title,
       r.artist_name AS artist,
       r.plays,
       COUNT(DISTINCT p.user_id) AS listeners
  FROM ranked r
  JOIN logged_plays p
    ON p.song_title = r.song_title
   AND (p.artist_name = r.artist_name OR (p.artist_name IS NULL AND r.artist_name IS NULL))
 GROUP BY r.song_title, r.artist_name, r.plays
 ORDER BY r.plays DESC, r.song_title, r.artist_name`.trim(),
};

export const listenedArtists: NamedQuery = {
  name: 'listened-artists',
  title: 'Top artists as listened',
  description:
    'The ten artists played most often, named as the event logs name them, with how many of their songs (distinct titles) were played and by how many listeners. Ties go to the smaller name.',
  sql: `
WITH ${loggedPlays},
ranked AS (
  SELECT artist_name, COUNT(*) AS plays
    FROM logged_plays
   WHERE artist_name IS NOT NULL
   GROUP BY artist_name
   ORDER BY plays DESC, artist_name
   LIMIT 10
)
SELECT r.artist_name AS artist,
       r.plays,
       COUNT(DISTINCT p.song_title) AS songs,
       COUNT(DISTINCT p.user_id) AS listeners
  FROM ranked r
  JOIN logged_plays p ON p.artist_name = r.artist_name
 GROUP BY r.artist_name, r.plays
 ORDER BY r.plays DESC, r.artist_name`.trim(),
};

export const listenedTotals: NamedQuery = {
  name: 'listened-totals',
  title: 'Songs and artists as listened',
  description:
    'One row: plays, and how many distinct songs (title and artist) and artists the event logs name across them, catalogue or not.',
  // One pass over the plays: per song first, then the totals of that.
  sql: `
WITH ${loggedPlays},
per_song AS (
  SELECT song_title, artist_name, COUNT(*) AS plays
    FROM logged_plays
   GROUP BY song_title, artist_name
)
SELECT COALESCE(SUM(plays), 0) AS plays,
       SUM(CASE WHEN song_title IS NOT NULL THEN 1 ELSE 0 END) AS songs,
       COUNT(DISTINCT artist_name) AS artists
  FROM per_song`.trim(),
};

export const catalogueMatches: NamedQuery = {
  name: 'catalogue-matches',
  title: 'Why plays match the catalogue or not',
  description:
    "Plays and distinct listeners by how the play's song compares with the catalogue (staging_songs): matched (same title, artist and a length within 0.01 s), same title and artist but another length, same title under another artist name, or no song of that title at all.",
  // Plain joins rather than correlated EXISTS (which Redshift refuses in a select list),
  // reading the plays once: each play meets only the catalogue songs of its own title and
  // artist, and keeps its best comparison.
  sql: `
WITH ${loggedPlays},
same_title AS (SELECT DISTINCT title FROM staging_songs),
classified AS (
  SELECT p.user_id,
         MIN(CASE WHEN s.title IS NOT NULL AND ABS(s.duration - p.song_length) <= 0.01 THEN 1
                  WHEN s.title IS NOT NULL THEN 2
                  WHEN t.title IS NOT NULL THEN 3
                  ELSE 4 END) AS outcome_order
    FROM logged_plays p
    LEFT JOIN staging_songs s ON s.title = p.song_title AND s.artist_name = p.artist_name
    LEFT JOIN same_title t ON t.title = p.song_title
   GROUP BY p.event_id, p.user_id
)
SELECT outcome_order,
       CASE outcome_order WHEN 1 THEN 'matched'
                          WHEN 2 THEN 'length differs'
                          WHEN 3 THEN 'artist name differs'
                          ELSE 'title not in catalogue' END AS outcome,
       COUNT(*) AS plays,
       COUNT(DISTINCT user_id) AS listeners
  FROM classified
 GROUP BY outcome_order
 ORDER BY outcome_order`.trim(),
};
