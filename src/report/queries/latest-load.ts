/**
 * What the latest successful load added, next to the totals. A play, a user or a
 * level change belongs to the run that first loaded it: the earliest run among the
 * ledger's files (load_files.run_id) that hold its events. A file changed and loaded
 * again belongs to the run that reloaded it, so its plays count for that run too.
 */
import type { NamedQuery } from './query-definition.js';

export const latestLoad: NamedQuery = {
  name: 'latest-load',
  title: 'What the latest load added',
  description:
    'One row: the latest successful run, and the plays, listeners, new users and level changes it added beside the totals. A level change is a play at another level than the same user\'s previous play.',
  sql: `
WITH latest AS (
  SELECT MAX(run_id) AS run_id FROM etl_runs WHERE status = 'success'
),
play_runs AS (
  SELECT e.session_id, e.item_in_session, e.user_id, e."timestamp" AS start_time, MIN(f.run_id) AS first_run
    FROM staging_events e
    JOIN load_files f ON f.file_id = e.source_file_id
   WHERE e.page = 'NextSong' AND e.user_id <> ''
   GROUP BY e.session_id, e.item_in_session, e.user_id, e."timestamp"
),
plays AS (
  SELECT p.user_id,
         p.level,
         r.first_run,
         LAG(p.level) OVER (PARTITION BY p.user_id ORDER BY p.start_time, p.session_id, p.item_in_session) AS previous_level
    FROM songplays p
    JOIN play_runs r
      ON r.session_id = p.session_id
     AND r.item_in_session = p.item_in_session
     AND CAST(r.user_id AS BIGINT) = p.user_id
     AND r.start_time = p.start_time
),
user_runs AS (
  SELECT e.user_id, MIN(f.run_id) AS first_run
    FROM staging_events e
    JOIN load_files f ON f.file_id = e.source_file_id
   WHERE e.user_id <> ''
   GROUP BY e.user_id
),
user_counts AS (
  SELECT COUNT(*) AS total_users,
         COALESCE(SUM(CASE WHEN u.first_run = l.run_id THEN 1 ELSE 0 END), 0) AS new_users
    FROM (SELECT CAST(user_id AS BIGINT) AS user_id, MIN(first_run) AS first_run FROM user_runs GROUP BY CAST(user_id AS BIGINT)) u
   CROSS JOIN latest l
)
SELECT l.run_id,
       COUNT(p.user_id) AS total_plays,
       COALESCE(SUM(CASE WHEN p.first_run = l.run_id THEN 1 ELSE 0 END), 0) AS plays_added,
       COUNT(DISTINCT p.user_id) AS total_listeners,
       COUNT(DISTINCT CASE WHEN p.first_run = l.run_id THEN p.user_id END) AS listeners_added,
       MAX(c.total_users) AS total_users,
       MAX(c.new_users) AS new_users,
       COALESCE(SUM(CASE WHEN p.previous_level <> p.level THEN 1 ELSE 0 END), 0) AS total_level_changes,
       COALESCE(SUM(CASE WHEN p.previous_level <> p.level AND p.first_run = l.run_id THEN 1 ELSE 0 END), 0) AS level_changes_added
  FROM latest l
 CROSS JOIN user_counts c
  LEFT JOIN plays p ON 1 = 1
 GROUP BY l.run_id`.trim(),
};
