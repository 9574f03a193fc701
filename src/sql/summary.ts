/** The short summary printed after a load: table sizes and the most-played songs. */

export const tableRowCounts = `
SELECT 'staging_events' AS table_name, COUNT(*) AS row_count FROM staging_events
UNION ALL SELECT 'staging_songs', COUNT(*) FROM staging_songs
UNION ALL SELECT 'songplays', COUNT(*) FROM songplays
UNION ALL SELECT 'users', COUNT(*) FROM users
UNION ALL SELECT 'songs', COUNT(*) FROM songs
UNION ALL SELECT 'artists', COUNT(*) FROM artists
UNION ALL SELECT 'time', COUNT(*) FROM "time"`;

/** Matched plays only: an unmatched play has no song to name. */
export const mostPlayedSongs = `
SELECT s.title, a.name AS artist, COUNT(*) AS plays
FROM songplays p
JOIN songs s ON s.song_id = p.song_id
LEFT JOIN artists a ON a.artist_id = p.artist_id
GROUP BY s.title, a.name
ORDER BY plays DESC, s.title, a.name
LIMIT $limit`;
