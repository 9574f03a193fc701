/**
 * Every shared SQL statement by name. A dialect overrides a statement by naming it
 * (engines/<engine>/dialect.ts); everything else runs as written here.
 */
import type { Dialect } from './dialect.js';
import type { SqlStepName } from './step-names.js';
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
} as const satisfies Record<SqlStepName, string>;

export type { SqlStepName } from './step-names.js';

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
