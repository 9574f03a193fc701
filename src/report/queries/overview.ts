/** Queries for the headline figures and the when-do-people-listen charts. */
import type { NamedQuery } from './query-definition.js';

export const headline: NamedQuery = {
  name: 'headline',
  title: 'Headline figures',
  description:
    'Plays, distinct listeners, distinct songs and artists heard, how many plays matched a song in the catalogue, and the first and last play (UTC).',
  sql: `
SELECT COUNT(*) AS plays,
       COUNT(DISTINCT user_id) AS listeners,
       COUNT(DISTINCT song_id) AS songs_heard,
       COUNT(DISTINCT artist_id) AS artists_heard,
       COALESCE(SUM(CASE WHEN song_id IS NOT NULL THEN 1 ELSE 0 END), 0) AS matched_plays,
       CAST(SUM(CASE WHEN song_id IS NOT NULL THEN 1 ELSE 0 END) AS DOUBLE PRECISION)
         / NULLIF(COUNT(*), 0) AS matched_share,
       MIN(start_time) AS first_play,
       MAX(start_time) AS last_play
  FROM songplays`.trim(),
};

export const unmatchedPlays: NamedQuery = {
  name: 'unmatched-plays',
  title: 'Plays not matched to the catalogue',
  description:
    'Plays whose song, artist and length matched no song in the catalogue: they are kept with a NULL song_id and artist_id.',
  sql: `
SELECT COUNT(*) AS unmatched_plays,
       COUNT(DISTINCT user_id) AS listeners
  FROM songplays
 WHERE song_id IS NULL`.trim(),
};

export const playsPerDay: NamedQuery = {
  name: 'plays-per-day',
  title: 'Plays per day',
  description: 'Plays and distinct listeners on each calendar day (UTC) that had at least one play.',
  sql: `
SELECT CAST(start_time AS DATE) AS day,
       COUNT(*) AS plays,
       COUNT(DISTINCT user_id) AS listeners
  FROM songplays
 GROUP BY CAST(start_time AS DATE)
 ORDER BY day`.trim(),
};

export const playsByHourWeekday: NamedQuery = {
  name: 'plays-by-hour-weekday',
  title: 'Plays by hour and day of week',
  description: 'Plays in each hour of the day (0-23) on each day of the week (0 = Sunday), in UTC, from the time table.',
  sql: `
SELECT t.weekday,
       t.hour,
       COUNT(*) AS plays
  FROM songplays p
  JOIN "time" t ON t.start_time = p.start_time
 GROUP BY t.weekday, t.hour
 ORDER BY t.weekday, t.hour`.trim(),
};
