/** Queries about what is played: the most-played songs and artists of the catalogue. */
import type { NamedQuery } from './query-definition.js';

export const topSongs: NamedQuery = {
  name: 'top-songs',
  title: 'Top songs',
  description:
    'The ten most-played songs among plays matched to the catalogue, with their artist and distinct listeners. Ties go to the smaller song_id.',
  // Plays are ranked first and listeners counted for the ten winners only: a distinct
  // count for every song in the catalogue was most of this query's time at 1 M events.
  sql: `
WITH ranked AS (
  SELECT song_id, COUNT(*) AS plays
    FROM songplays
   WHERE song_id IS NOT NULL
   GROUP BY song_id
   ORDER BY plays DESC, song_id
   LIMIT 10
)
SELECT s.song_id,
       s.title,
       a.name AS artist,
       r.plays,
       COUNT(DISTINCT p.user_id) AS listeners
  FROM ranked r
  JOIN songs s ON s.song_id = r.song_id
  JOIN songplays p ON p.song_id = r.song_id
  LEFT JOIN artists a ON a.artist_id = s.artist_id
 GROUP BY s.song_id, s.title, a.name, r.plays
 ORDER BY r.plays DESC, s.song_id`.trim(),
};

export const topArtists: NamedQuery = {
  name: 'top-artists',
  title: 'Top artists',
  description:
    'The ten most-played artists among matched plays, with how many of their songs were heard and by how many listeners. Ties go to the smaller artist_id.',
  // Ranked first, distinct counts for the ten winners only (as in top-songs).
  sql: `
WITH ranked AS (
  SELECT artist_id, COUNT(*) AS plays
    FROM songplays
   WHERE artist_id IS NOT NULL
   GROUP BY artist_id
   ORDER BY plays DESC, artist_id
   LIMIT 10
)
SELECT a.artist_id,
       a.name AS artist,
       r.plays,
       COUNT(DISTINCT p.song_id) AS songs,
       COUNT(DISTINCT p.user_id) AS listeners
  FROM ranked r
  JOIN artists a ON a.artist_id = r.artist_id
  JOIN songplays p ON p.artist_id = r.artist_id
 GROUP BY a.artist_id, a.name, r.plays
 ORDER BY r.plays DESC, a.artist_id`.trim(),
};
