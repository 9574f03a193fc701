/** Queries about who listens: subscription level, level changes, places and devices. */
import type { NamedQuery } from './query-definition.js';

export const playsByLevel: NamedQuery = {
  name: 'plays-by-level',
  title: 'Free and paid plays',
  description:
    'Plays and distinct listeners by the level the user had at the time of each play; a user who changed level counts under both.',
  sql: `
SELECT level,
       COUNT(*) AS plays,
       COUNT(DISTINCT user_id) AS listeners
  FROM songplays
 GROUP BY level
 ORDER BY level`.trim(),
};

export const levelChanges: NamedQuery = {
  name: 'level-changes',
  title: 'Upgrades and downgrades',
  description:
    "Each time a user's level differs from their previous play's (plays in time order): when it happened, from and to which level.",
  // LAG needs no window frame, so this runs as written on Redshift too.
  sql: `
SELECT user_id,
       from_level,
       to_level,
       changed_at,
       CASE WHEN from_level = 'free' AND to_level = 'paid' THEN 'upgrade'
            WHEN from_level = 'paid' AND to_level = 'free' THEN 'downgrade'
            ELSE 'change' END AS direction
  FROM (
    SELECT user_id,
           level AS to_level,
           start_time AS changed_at,
           LAG(level) OVER (PARTITION BY user_id ORDER BY start_time, session_id, item_in_session) AS from_level
      FROM songplays
  ) plays_in_order
 WHERE from_level <> to_level
 ORDER BY changed_at, user_id`.trim(),
};

export const topLocations: NamedQuery = {
  name: 'top-locations',
  title: 'Top locations',
  description: 'The ten locations with the most plays, as the app reported them, with distinct listeners.',
  sql: `
SELECT location,
       COUNT(*) AS plays,
       COUNT(DISTINCT user_id) AS listeners
  FROM songplays
 WHERE location IS NOT NULL
 GROUP BY location
 ORDER BY plays DESC, location
 LIMIT 10`.trim(),
};

export const userAgents: NamedQuery = {
  name: 'user-agents',
  title: 'User agents',
  description:
    'Plays and distinct listeners per raw user-agent string; the report parses these into browser and operating-system families.',
  sql: `
SELECT user_agent,
       COUNT(*) AS plays,
       COUNT(DISTINCT user_id) AS listeners
  FROM songplays
 GROUP BY user_agent
 ORDER BY plays DESC, user_agent`.trim(),
};
