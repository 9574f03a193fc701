/**
 * The names of the statements a dialect may override. Here, in a file that imports
 * nothing, so the Dialect type (sql/dialect.ts) can name them without importing the
 * statements themselves (sql/steps.ts checks that every name has a shared text).
 */
export const sqlStepNames = [
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
  'selectSongs',
  'selectArtists',
  'selectUsers',
  'selectSongplays',
  'selectTime',
] as const;

export type SqlStepName = (typeof sqlStepNames)[number];
