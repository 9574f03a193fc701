/**
 * PostgreSQL speaks the shared SQL in src/sql/ as written: md5(), CAST(.. AS VARCHAR),
 * EXTRACT (numeric here, cast to INTEGER by the shared text), CREATE TEMP TABLE .. AS
 * and EXCEPT all mean what the shared statements expect. Quoting is ANSI, shared with
 * DuckDB and Redshift. The differences are about speed, not meaning: a planner setting
 * around one statement, and each user's latest event found without sorting every event.
 */
import type { SqlStepName } from '../../sql/steps.js';
import { usersFrom } from '../../sql/transform.js';
import { ansiQuoting, type Dialect } from '../dialect.js';

/**
 * The scoped transform's statements that find a few keys' rows in a large table
 * (sql/scoped-transform.ts), run as nested loops of index probes: hash and merge joins
 * off. For 37 k plays (one day at 1 M events) the planner prices 37 k probes above a
 * scan of the whole table (or of its whole key index, for "time"), each probe costed as
 * pages read from disk; the probes' pages are cached and shared, so the scans took
 * 2.1 s (staging_events) and 6-7 s ("time" by its key) where the probes take 0.1-0.3 s.
 */
const scopedLookups: ReadonlySet<string> = new Set<SqlStepName>([
  'createScopePlayEvents',
  'currentScopedSongplays',
  'createScopeUserEvents',
  'selectScopedTime',
  'currentScopedTime',
  'currentScopedUsers',
  'currentScopedSongs',
  'currentScopedArtists',
]);

/**
 * Each user's latest event, as the shared ranking picks it, but ranking only the events
 * at the user's largest `ts` (found by a hash aggregate): the shared text sorts all
 * 1 M events by user, 5 s against 2.5 s on the loaded 2-core machine. `ts` is never
 * null (records/validate.ts), so the largest one is the first in the shared order.
 */
export const latestEventByMaxTs = `
  SELECT event_id
  FROM (
    SELECT e.event_id,
           ROW_NUMBER() OVER (
             PARTITION BY e.user_id
             ORDER BY e.item_in_session DESC NULLS LAST, f.uri DESC, e.source_line DESC
           ) AS pick
    FROM staging_events e
    JOIN (
      SELECT user_id, MAX(ts_ms) AS ts_ms FROM staging_events WHERE user_id <> '' GROUP BY user_id
    ) latest ON latest.user_id = e.user_id AND latest.ts_ms = e.ts_ms
    JOIN load_files f ON f.file_id = e.source_file_id
  ) ranked
  WHERE pick = 1`;

/**
 * The songplays statement, run with nested-loop joins off. Its `plays` CTE has no
 * statistics, so PostgreSQL expects about one matched play and joins the matches to
 * songs with a nested loop: plays x songs comparisons, 86 s instead of 3 s at
 * 1 M events and 20 k songs. SET LOCAL lasts to the end of the transaction, so it is
 * put back at once; a failure rolls the setting back with the transaction.
 */
export const postgresDialect: Dialect = {
  name: 'postgres',
  ...ansiQuoting,
  overrides: {
    'transform:users': usersFrom(latestEventByMaxTs),
  },
  wrapStatement: (step, statement) =>
    step === 'selectSongplays' || step === 'selectScopedSongplays'
      ? ['SET LOCAL enable_nestloop = off', statement, 'SET LOCAL enable_nestloop TO DEFAULT'].join(';\n')
      : scopedLookups.has(step)
        ? [
            'SET LOCAL enable_hashjoin = off', 'SET LOCAL enable_mergejoin = off', statement,
            'SET LOCAL enable_hashjoin TO DEFAULT', 'SET LOCAL enable_mergejoin TO DEFAULT',
          ].join(';\n')
        : statement,
  // A temporary table is never analysed by autovacuum: without statistics the planner
  // guesses a thousand-odd rows for a table of 30 k keys (or of none), and hashes all of
  // staging where an index would find the few rows in scope (sql/scoped-transform.ts).
  gatherStatistics: (table) => `ANALYZE ${ansiQuoting.quoteIdentifier(table)}`,
};
