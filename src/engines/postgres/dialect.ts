/**
 * PostgreSQL speaks the shared SQL in src/sql/ as written: md5(), CAST(.. AS VARCHAR),
 * EXTRACT (numeric here, cast to INTEGER by the shared text), CREATE TEMP TABLE .. AS
 * and EXCEPT all mean what the shared statements expect. Quoting is ANSI, shared with
 * DuckDB and Redshift. The one difference is about speed, not meaning: a planner
 * setting around one statement.
 */
import { ansiQuoting, type Dialect } from '../dialect.js';

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
  overrides: {},
  wrapStatement: (step, statement) =>
    step === 'selectSongplays'
      ? ['SET LOCAL enable_nestloop = off', statement, 'SET LOCAL enable_nestloop TO DEFAULT'].join(';\n')
      : statement,
};
