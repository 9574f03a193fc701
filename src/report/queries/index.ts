/**
 * The named-query registry: every analytics query the report charts, in report
 * order. report/ may import engines/engine, checks/ and pipeline/run-history (to read
 * them); never the CLI. The queries read the star tables, and staging_events,
 * staging_songs, load_files and etl_runs where a figure needs the events as they came
 * or the load history.
 */
import { playsByHourWeekday, headline, playsPerDay, unmatchedPlays } from './overview.js';
import { topArtists, topSongs } from './catalogue.js';
import { displayNames } from './display-names.js';
import { latestLoad } from './latest-load.js';
import { catalogueMatches, listenedArtists, listenedSongs, listenedTotals } from './listened.js';
import { levelChanges, playsByLevel, topLocations, userAgents } from './listeners.js';
import { sessionLengths, sessionMedian, sessionSizes } from './sessions.js';
import type { NamedQuery } from './query-definition.js';

export { queryStatement, type NamedQuery } from './query-definition.js';

export const namedQueries: readonly NamedQuery[] = [
  headline,
  unmatchedPlays,
  listenedTotals,
  listenedSongs,
  listenedArtists,
  catalogueMatches,
  latestLoad,
  topSongs,
  topArtists,
  playsPerDay,
  playsByHourWeekday,
  playsByLevel,
  levelChanges,
  topLocations,
  userAgents,
  sessionSizes,
  sessionLengths,
  sessionMedian,
  displayNames,
];

export function findQuery(name: string): NamedQuery | undefined {
  return namedQueries.find((query) => query.name === name);
}

