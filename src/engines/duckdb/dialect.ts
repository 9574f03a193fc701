/**
 * DuckDB speaks the shared SQL as written, except that its star tables carry no
 * primary keys: DuckDB builds an in-memory ART index per key, which at 1 M plays
 * cost a third of the transform and much of its memory. Keys stay unique by
 * construction (each star table is built one row per key) and `sparkify check`
 * verifies it after every `run`.
 */
import { sharedSql, type SqlStepName } from '../../sql/steps.js';
import { ansiQuoting, type Dialect } from '../dialect.js';

const starTableSteps = ['createSongplays', 'createUsers', 'createSongs', 'createArtists', 'createTime'] as const satisfies readonly SqlStepName[];

const withoutPrimaryKeys = Object.fromEntries(
  starTableSteps.map((step) => [step, sharedSql[step].replace(' PRIMARY KEY', '')]),
) as Partial<Record<SqlStepName, string>>;

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  ...ansiQuoting,
  overrides: withoutPrimaryKeys,
};
