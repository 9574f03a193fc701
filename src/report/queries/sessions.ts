/**
 * Queries about listening sessions. A session is one (user_id, session_id) pair:
 * session ids are not guaranteed unique across users.
 */
import type { SqlFragments } from '../../sql/fragments.js';
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

/**
 * A named query over `spans`, one row per session with its length in `seconds`: the last
 * play start minus the first, through the dialect's `secondsBetween` fragment, since
 * engines spell timestamp arithmetic differently. (It used to be done in Node on one row
 * per session.) `select` reads `spans`.
 */
function overSessionSpans(query: Omit<NamedQuery, 'sql'>, select: string): NamedQuery {
  return {
    ...query,
    sql: (f: SqlFragments) => `
WITH spans AS (
  SELECT ${f.secondsBetween('MIN(start_time)', 'MAX(start_time)')} AS seconds
    FROM songplays
   GROUP BY user_id, session_id
)
${select.trim()}`.trim(),
  };
}

// The bounds are those of report/session-lengths.ts (sessionLengthBuckets), in seconds.
export const sessionLengths = overSessionSpans(
  {
    name: 'session-lengths',
    title: 'Session lengths',
    description:
      "Sessions by length, from first to last play start (the last song's own length is not included), in buckets; bucket_order orders them. Only non-empty buckets are returned.",
  },
  `
SELECT bucket_order,
       bucket,
       COUNT(*) AS sessions
  FROM (
    SELECT CASE WHEN seconds < 60 THEN 1
                WHEN seconds < 300 THEN 2
                WHEN seconds < 900 THEN 3
                WHEN seconds < 1800 THEN 4
                WHEN seconds < 3600 THEN 5
                WHEN seconds < 7200 THEN 6
                WHEN seconds < 14400 THEN 7
                ELSE 8 END AS bucket_order,
           CASE WHEN seconds < 60 THEN '< 1 min'
                WHEN seconds < 300 THEN '1-5 min'
                WHEN seconds < 900 THEN '5-15 min'
                WHEN seconds < 1800 THEN '15-30 min'
                WHEN seconds < 3600 THEN '30-60 min'
                WHEN seconds < 7200 THEN '1-2 h'
                WHEN seconds < 14400 THEN '2-4 h'
                ELSE '4 h +' END AS bucket
      FROM spans
  ) bucketed
 GROUP BY bucket_order, bucket
 ORDER BY bucket_order`,
);

// Ranked rather than PERCENTILE_DISC, which Redshift offers only as a window function.
export const sessionMedian = overSessionSpans(
  {
    name: 'session-median',
    title: 'Median session length',
    description:
      'How many sessions there are, and the middle session length in seconds (the lower middle for an even count). No row when there are no plays.',
  },
  `
SELECT sessions,
       seconds AS median_seconds
  FROM (
    SELECT seconds,
           ROW_NUMBER() OVER (ORDER BY seconds) AS position,
           COUNT(*) OVER () AS sessions
      FROM spans
  ) ranked
 WHERE 2 * position - 1 IN (sessions, sessions - 1)`,
);
