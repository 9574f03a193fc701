/**
 * The transform's statements in the catalogue: one SELECT per star table, by step
 * name (sql/star-tables.ts names the step of each table). A dialect overrides one by
 * its catalogue name (`transform:songs`, ...); table definitions come from the schema
 * model (sql/schema.ts), the merge around them from sql/merge.ts.
 */
import type { Dialect } from './dialect.js';
import { sqlOf, type Statement } from './statement.js';
import * as scoped from './scoped-transform.js';
import * as transform from './transform.js';

export const transformStatements = {
  selectSongs: { name: 'transform:songs', sql: transform.selectSongs },
  selectArtists: { name: 'transform:artists', sql: transform.selectArtists },
  selectUsers: { name: 'transform:users', sql: transform.selectUsers },
  selectSongplays: { name: 'transform:songplays', sql: transform.selectSongplays },
  selectTime: { name: 'transform:time', sql: transform.selectTime },
  // The scoped transform of an incremental load (sql/scoped-transform.ts), in the order it runs.
  createScopeFiles: { name: 'scoped:createScopeFiles', sql: scoped.createScopeFiles },
  createTouchedSongs: { name: 'scoped:createTouchedSongs', sql: scoped.createTouchedSongs },
  createTouchedEvents: { name: 'scoped:createTouchedEvents', sql: scoped.createTouchedEvents },
  touchSongs: { name: 'scoped:touchSongs', sql: scoped.touchSongs },
  touchEvents: { name: 'scoped:touchEvents', sql: scoped.touchEvents },
  createScopeSongs: { name: 'scoped:createScopeSongs', sql: scoped.createScopeSongs },
  createScopeArtists: { name: 'scoped:createScopeArtists', sql: scoped.createScopeArtists },
  createScopePairs: { name: 'scoped:createScopePairs', sql: scoped.createScopePairs },
  createScopeUsers: { name: 'scoped:createScopeUsers', sql: scoped.createScopeUsers },
  createScopePlayKeys: { name: 'scoped:createScopePlayKeys', sql: scoped.createScopePlayKeys },
  addPlayKeysOfPairs: { name: 'scoped:addPlayKeysOfPairs', sql: scoped.addPlayKeysOfPairs },
  createScopePlays: { name: 'scoped:createScopePlays', sql: scoped.createScopePlays },
  createScopePlayEvents: { name: 'scoped:createScopePlayEvents', sql: scoped.createScopePlayEvents },
  createScopeUserEvents: { name: 'scoped:createScopeUserEvents', sql: scoped.createScopeUserEvents },
  createScopeTimes: { name: 'scoped:createScopeTimes', sql: scoped.createScopeTimes },
  selectScopedSongs: { name: 'scoped:selectScopedSongs', sql: scoped.selectScopedSongs },
  currentScopedSongs: { name: 'scoped:currentScopedSongs', sql: scoped.currentScopedSongs },
  selectScopedArtists: { name: 'scoped:selectScopedArtists', sql: scoped.selectScopedArtists },
  currentScopedArtists: { name: 'scoped:currentScopedArtists', sql: scoped.currentScopedArtists },
  selectScopedUsers: { name: 'scoped:selectScopedUsers', sql: scoped.selectScopedUsers },
  currentScopedUsers: { name: 'scoped:currentScopedUsers', sql: scoped.currentScopedUsers },
  selectScopedSongplays: { name: 'scoped:selectScopedSongplays', sql: scoped.selectScopedSongplays },
  currentScopedSongplays: { name: 'scoped:currentScopedSongplays', sql: scoped.currentScopedSongplays },
  createScopeUnplayedTimes: { name: 'scoped:createScopeUnplayedTimes', sql: scoped.createScopeUnplayedTimes },
  selectScopedTime: { name: 'scoped:selectScopedTime', sql: scoped.selectScopedTime },
  currentScopedTime: { name: 'scoped:currentScopedTime', sql: scoped.currentScopedTime },
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
