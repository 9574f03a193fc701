/** The names the report shows, for counting how many it repairs for display. */
import type { NamedQuery } from './query-definition.js';

export const displayNames: NamedQuery = {
  name: 'display-names',
  title: 'Song and artist names',
  description:
    'Every distinct song title and artist name, as the event logs name the songs played and as the catalogue names its songs and artists; kind is song or artist. The report counts how many of them it shows repaired (double-encoded UTF-8).',
  sql: `
SELECT 'song' AS kind, song_title AS name
  FROM staging_events
 WHERE page = 'NextSong' AND user_id <> '' AND song_title IS NOT NULL
UNION
SELECT 'artist' AS kind, artist_name AS name
  FROM staging_events
 WHERE page = 'NextSong' AND user_id <> '' AND artist_name IS NOT NULL
UNION
SELECT 'song' AS kind, title AS name FROM songs WHERE title IS NOT NULL
UNION
SELECT 'artist' AS kind, name FROM artists WHERE name IS NOT NULL
 ORDER BY kind, name`.trim(),
};
