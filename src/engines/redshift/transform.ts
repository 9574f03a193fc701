/**
 * The transform statements Redshift phrases differently from sql/transform.ts.
 * Everything else there (md5, CAST AS VARCHAR, window functions, CREATE TEMP TABLE AS
 * with a WITH clause) and in sql/merge.ts (EXCEPT, correlated NOT EXISTS one level
 * deep) is documented Redshift SQL and runs as shared; see docs/redshift.md.
 *
 * Trailing spaces. Redshift compares VARCHAR values with trailing blanks insignificant
 * ('x' = 'x ' is true; EXCEPT, DISTINCT, GROUP BY, PARTITION BY and joins follow),
 * while DuckDB and PostgreSQL compare exactly, as SPEC.md's rules do. OCTET_LENGTH
 * counts trailing blanks on a VARCHAR (as LENGTH does), so every text comparison that
 * decides a row here is paired with one of the lengths: equal ignoring trailing blanks
 * and of equal length is equal exactly. Where an order picks a row (MIN song_id, the
 * artist's smallest song_id), the length breaks the ties Redshift sees, shorter first,
 * as an exact comparison orders them.
 *
 * The time table is shared: its week and weekday are fragments (dialect.ts gives the
 * ISO week as TO_CHAR(..., 'IW')), which the time-parts-agree check uses too.
 */
import { songplayColumns } from '../../sql/transform.js';

/** Rule 3: one row per song_id, exactly ('SO1' and 'SO1 ' are two songs). */
export const selectSongs = `
SELECT song_id, title, artist_id, NULLIF(year, 0) AS year, duration
FROM (
  SELECT s.*,
         ROW_NUMBER() OVER (PARTITION BY s.song_id, OCTET_LENGTH(s.song_id) ORDER BY f.uri, s.source_line) AS pick
  FROM staging_songs s
  JOIN load_files f ON f.file_id = s.source_file_id
) ranked
WHERE pick = 1`;

/** Rule 4: one row per artist_id, from the smallest song_id; only an empty location is NULL ('  ' is kept). */
export const selectArtists = `
SELECT artist_id, artist_name AS name,
       CASE WHEN OCTET_LENGTH(location) = 0 THEN NULL ELSE location END AS location,
       latitude, longitude
FROM (
  SELECT s.*,
         ROW_NUMBER() OVER (
           PARTITION BY s.artist_id, OCTET_LENGTH(s.artist_id)
           ORDER BY s.song_id, OCTET_LENGTH(s.song_id), f.uri, s.source_line
         ) AS pick
  FROM staging_songs s
  JOIN load_files f ON f.file_id = s.source_file_id
  WHERE s.artist_id IS NOT NULL
) ranked
WHERE pick = 1`;

/** Each play's first copy: 'NextSong ' (a trailing blank) is not a NextSong page. */
export const firstCopies = `
  SELECT event_id
  FROM (
    SELECT e.event_id,
           ROW_NUMBER() OVER (
             PARTITION BY e.session_id, e.item_in_session, e.user_id, e.ts_ms
             ORDER BY f.uri, e.source_line
           ) AS copy_number
    FROM staging_events e
    JOIN load_files f ON f.file_id = e.source_file_id
    WHERE e.page = 'NextSong' AND OCTET_LENGTH(e.page) = 8 AND e.user_id <> ''
  ) numbered
  WHERE copy_number = 1`;

/**
 * Rule 1, with the song matched on title and artist name exactly, the smallest
 * song_id picked exactly, and the song joined back by its exact id.
 */
export const selectSongplays = `
WITH first_copies AS (${firstCopies}
),
candidates AS (
  SELECT e.event_id, s.song_id
  FROM staging_events e
  JOIN staging_songs s
    ON s.title = e.song_title AND OCTET_LENGTH(s.title) = OCTET_LENGTH(e.song_title)
   AND s.artist_name = e.artist_name AND OCTET_LENGTH(s.artist_name) = OCTET_LENGTH(e.artist_name)
   AND ABS(s.duration - e.song_length) <= 0.01
  WHERE e.page = 'NextSong' AND OCTET_LENGTH(e.page) = 8 AND e.user_id <> ''
),
matched AS (
  SELECT event_id, song_id
  FROM (
    SELECT event_id, song_id,
           ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY song_id, OCTET_LENGTH(song_id)) AS pick
    FROM candidates
  ) ranked
  WHERE pick = 1
)
SELECT ${songplayColumns}
FROM staging_events p
JOIN first_copies c ON c.event_id = p.event_id
LEFT JOIN matched m ON m.event_id = p.event_id
LEFT JOIN songs s ON s.song_id = m.song_id AND OCTET_LENGTH(s.song_id) = OCTET_LENGTH(m.song_id)`;
