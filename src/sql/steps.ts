/**
 * Every shared SQL statement by name. A dialect overrides a statement by naming it
 * (engines/<engine>/dialect.ts); everything else runs as written here.
 */
import type { Dialect } from '../engines/dialect.js';
import * as scoped from './scoped-transform.js';
import * as tables from './tables.js';
import * as transform from './transform.js';

export const sharedSql = {
  createStagingEvents: tables.createStagingEvents,
  createStagingSongs: tables.createStagingSongs,
  createSongplays: tables.createSongplays,
  createUsers: tables.createUsers,
  createSongs: tables.createSongs,
  createArtists: tables.createArtists,
  createTime: tables.createTime,
  createLoadFiles: tables.createLoadFiles,
  createLoadErrors: tables.createLoadErrors,
  createEtlRuns: tables.createEtlRuns,
  selectSongs: transform.selectSongs,
  selectArtists: transform.selectArtists,
  selectUsers: transform.selectUsers,
  selectSongplays: transform.selectSongplays,
  selectTime: transform.selectTime,
  // The scoped transform of an incremental load (sql/scoped-transform.ts), in the order it runs.
  createScopeFiles: scoped.createScopeFiles,
  createTouchedSongs: scoped.createTouchedSongs,
  createTouchedEvents: scoped.createTouchedEvents,
  touchSongs: scoped.touchSongs,
  touchEvents: scoped.touchEvents,
  createScopeSongs: scoped.createScopeSongs,
  createScopeArtists: scoped.createScopeArtists,
  createScopePairs: scoped.createScopePairs,
  createScopeUsers: scoped.createScopeUsers,
  createScopePlayKeys: scoped.createScopePlayKeys,
  addPlayKeysOfPairs: scoped.addPlayKeysOfPairs,
  createScopePlays: scoped.createScopePlays,
  createScopePlayEvents: scoped.createScopePlayEvents,
  createScopeTimes: scoped.createScopeTimes,
  selectScopedSongs: scoped.selectScopedSongs,
  currentScopedSongs: scoped.currentScopedSongs,
  selectScopedArtists: scoped.selectScopedArtists,
  currentScopedArtists: scoped.currentScopedArtists,
  selectScopedUsers: scoped.selectScopedUsers,
  currentScopedUsers: scoped.currentScopedUsers,
  selectScopedSongplays: scoped.selectScopedSongplays,
  currentScopedSongplays: scoped.currentScopedSongplays,
  selectScopedTime: scoped.selectScopedTime,
  currentScopedTime: scoped.currentScopedTime,
} as const;

export type SqlStepName = keyof typeof sharedSql;

/** The statements that create every table, in dependency order. */
export const createTableSteps: readonly SqlStepName[] = [
  'createStagingEvents',
  'createStagingSongs',
  'createSongplays',
  'createUsers',
  'createSongs',
  'createArtists',
  'createTime',
  'createLoadFiles',
  'createLoadErrors',
  'createEtlRuns',
];

/** The SQL text of a step for a dialect: its override, else the shared text. */
export function sqlFor(dialect: Dialect, step: SqlStepName): string {
  return dialect.overrides[step] ?? sharedSql[step];
}

/** A statement built around a step's text, as the dialect wants it run (see Dialect.wrapStatement). */
export function wrappedFor(dialect: Dialect, step: SqlStepName, statement: string): string {
  return dialect.wrapStatement?.(step, statement) ?? statement;
}
