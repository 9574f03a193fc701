/**
 * Queries about listening sessions. A session is one (user_id, session_id) pair:
 * session ids are not guaranteed unique across users.
 */
import type { NamedQuery } from './query-definition.js';

export const sessionSizes: NamedQuery = {
  name: 'session-sizes',
  title: 'Plays per session',
  description:
    'How many sessions had 1, 2, ... plays, in buckets; bucket_start orders the buckets. Only non-empty buckets are returned.',
  sql: `
SELECT bucket_start,
       bucket,
       COUNT(*) AS sessions
  FROM (
    SELECT CASE WHEN plays <= 5 THEN plays
                WHEN plays <= 10 THEN 6
                WHEN plays <= 20 THEN 11
                WHEN plays <= 50 THEN 21
                WHEN plays <= 100 THEN 51
                ELSE 101 END AS bucket_start,
           CASE WHEN plays = 1 THEN '1'
                WHEN plays = 2 THEN '2'
                WHEN plays = 3 THEN '3'
                WHEN plays = 4 THEN '4'
                WHEN plays = 5 THEN '5'
                WHEN plays <= 10 THEN '6-10'
                WHEN plays <= 20 THEN '11-20'
                WHEN plays <= 50 THEN '21-50'
                WHEN plays <= 100 THEN '51-100'
                ELSE '101+' END AS bucket
      FROM (
        SELECT user_id, session_id, COUNT(*) AS plays
          FROM songplays
         GROUP BY user_id, session_id
      ) per_session
  ) bucketed
 GROUP BY bucket_start, bucket
 ORDER BY bucket_start`.trim(),
};

export const sessionSpans: NamedQuery = {
  name: 'session-spans',
  title: 'Session spans',
  description:
    "Each session's plays and its first and last play start (UTC). The report buckets last minus first into session lengths; the last song's own length is not included.",
  // Timestamp differences are spelled differently on each engine, so the
  // subtraction happens in Node on the two Dates rather than in SQL.
  sql: `
SELECT user_id,
       session_id,
       COUNT(*) AS plays,
       MIN(start_time) AS first_play,
       MAX(start_time) AS last_play
  FROM songplays
 GROUP BY user_id, session_id
 ORDER BY user_id, session_id`.trim(),
};
