/**
 * The named-query registry: every analytics query the report charts, in report
 * order. report/ may import engines/engine, checks/ and pipeline/run-history (to read
 * them); never the CLI.
 */
import { playsByHourWeekday, headline, playsPerDay, unmatchedPlays } from './overview.js';
import { topArtists, topSongs } from './catalogue.js';
import { levelChanges, playsByLevel, topLocations, userAgents } from './listeners.js';
import { sessionSizes, sessionSpans } from './sessions.js';
import type { NamedQuery } from './query-definition.js';

export type { NamedQuery } from './query-definition.js';

export const namedQueries: readonly NamedQuery[] = [
  headline,
  unmatchedPlays,
  topSongs,
  topArtists,
  playsPerDay,
  playsByHourWeekday,
  playsByLevel,
  levelChanges,
  topLocations,
  userAgents,
  sessionSizes,
  sessionSpans,
];

export function findQuery(name: string): NamedQuery | undefined {
  return namedQueries.find((query) => query.name === name);
}

