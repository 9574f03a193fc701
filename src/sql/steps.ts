/**
 * The transform's statements in the catalogue: one SELECT per star table, by step
 * name (sql/star-tables.ts names the step of each table). A dialect overrides one by
 * its catalogue name (`transform:songs`, ...); table definitions come from the schema
 * model (sql/schema.ts), the merge around them from sql/merge.ts.
 */
import type { Dialect } from './dialect.js';
import { sqlOf, type Statement } from './statement.js';
import * as transform from './transform.js';

export const transformStatements = {
  selectSongs: { name: 'transform:songs', sql: transform.selectSongs },
  selectArtists: { name: 'transform:artists', sql: transform.selectArtists },
  selectUsers: { name: 'transform:users', sql: transform.selectUsers },
  selectSongplays: { name: 'transform:songplays', sql: transform.selectSongplays },
  selectTime: { name: 'transform:time', sql: transform.selectTime },
} as const satisfies Record<string, Statement>;

export type SqlStepName = keyof typeof transformStatements;

/** The SQL text of a step for a dialect: its override, else the shared text (with the dialect's fragments). */
export function sqlFor(dialect: Dialect, step: SqlStepName): string {
  return sqlOf(dialect, transformStatements[step]);
}

/** A statement built around a step's text, as the dialect wants it run (see Dialect.wrapStatement). */
export function wrappedFor(dialect: Dialect, step: SqlStepName, statement: string): string {
  return dialect.wrapStatement?.(step, statement) ?? statement;
}
