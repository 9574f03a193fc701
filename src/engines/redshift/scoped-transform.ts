/**
 * The scoped transform's selects (sql/scoped-transform.ts) as Redshift must phrase them,
 * for the reasons transform.ts gives: text compared with its OCTET_LENGTH wherever it
 * decides a row, and the ISO week from TO_CHAR. The scope tables themselves are shared:
 * where Redshift ignores trailing blanks they hold a few keys more, which costs time,
 * not correctness.
 */
import { songplayColumns } from '../../sql/transform.js';

export const selectScopedSongs = `
SELECT song_id, title, artist_id, NULLIF(year, 0) AS year, duration
FROM (
  SELECT s.*,
         ROW_NUMBER() OVER (PARTITION BY s.song_id, OCTET_LENGTH(s.song_id) ORDER BY f.uri, s.source_line) AS pick
  FROM staging_songs s
  JOIN scope_songs k ON k.song_id = s.song_id
  JOIN load_files f ON f.file_id = s.source_file_id
) ranked
WHERE pick = 1`;

export const selectScopedArtists = `
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
  JOIN scope_artists k ON k.artist_id = s.artist_id
  JOIN load_files f ON f.file_id = s.source_file_id
) ranked
WHERE pick = 1`;

export const selectScopedSongplays = `
WITH first_copies AS (
  SELECT event_id
  FROM (
    SELECT e.event_id,
           ROW_NUMBER() OVER (
             PARTITION BY e.session_id, e.item_in_session, e.user_id, e.ts_ms
             ORDER BY f.uri, e.source_line
           ) AS copy_number
    FROM scope_play_events e
    JOIN load_files f ON f.file_id = e.source_file_id
    WHERE e.page = 'NextSong' AND OCTET_LENGTH(e.page) = 8 AND e.user_id <> ''
  ) numbered
  WHERE copy_number = 1
),
candidates AS (
  SELECT e.event_id, s.song_id
  FROM scope_play_events e
  JOIN first_copies c ON c.event_id = e.event_id
  JOIN staging_songs s
    ON s.title = e.song_title AND OCTET_LENGTH(s.title) = OCTET_LENGTH(e.song_title)
   AND s.artist_name = e.artist_name AND OCTET_LENGTH(s.artist_name) = OCTET_LENGTH(e.artist_name)
   AND ABS(s.duration - e.song_length) <= 0.01
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
FROM scope_play_events p
JOIN first_copies c ON c.event_id = p.event_id
LEFT JOIN matched m ON m.event_id = p.event_id
LEFT JOIN songs s ON s.song_id = m.song_id AND OCTET_LENGTH(s.song_id) = OCTET_LENGTH(m.song_id)`;
