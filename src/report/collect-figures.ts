/**
 * Runs the named queries, one after another on the one connection, and shapes their
 * rows into ReportFigures. Checks and run history come from their own modules.
 */
import type { Engine, Row } from '../engines/engine.js';
import { runChecks } from '../checks/run-checks.js';
import { emptyHeadline, emptyLatestLoad, type LatestLoadRow, type NameRepairs, type ReportFigures } from './figures.js';
import { headline, playsByHourWeekday, playsPerDay, unmatchedPlays } from './queries/overview.js';
import { topArtists, topSongs } from './queries/catalogue.js';
import { displayNames } from './queries/display-names.js';
import { latestLoad } from './queries/latest-load.js';
import { catalogueMatches, listenedArtists, listenedSongs, listenedTotals } from './queries/listened.js';
import { levelChanges, playsByLevel, topLocations, userAgents } from './queries/listeners.js';
import { sessionLengths, sessionMedian, sessionSizes } from './queries/sessions.js';
import { queryStatement, type NamedQuery } from './queries/query-definition.js';
import { sqlOf } from '../sql/statement.js';
import { asDate, asId, asNullableNumber, asNumber, asText } from './row-values.js';
import { isMojibake, repairMojibake } from './readable-text.js';
import { allLengthBuckets } from './session-lengths.js';
import { familyCounts } from './user-agents.js';
import { runsIfAny, warehouseState, type WarehouseState } from './warehouse-state.js';

const RECENT_RUNS = 5;
const REPAIR_EXAMPLES = 5;

export async function collectFigures(engine: Engine): Promise<ReportFigures> {
  const state = await warehouseState(engine);
  if (state !== 'loaded') return emptyFigures(state, await runsIfAny(engine, RECENT_RUNS));

  const run = (query: NamedQuery): Promise<Row[]> => engine.query(sqlOf(engine.dialect, queryStatement(query)));
  const [head] = await run(headline);
  const [unmatched] = await run(unmatchedPlays);
  const [totals] = await run(listenedTotals);
  const [latest] = await run(latestLoad);
  const agents = (await run(userAgents)).map((r) => ({
    user_agent: asText(r.user_agent),
    plays: asNumber(r.plays),
    listeners: asNumber(r.listeners),
  }));
  const [median] = await run(sessionMedian);

  return {
    state,
    headline: {
      plays: asNumber(head?.plays),
      listeners: asNumber(head?.listeners),
      songs_heard: asNumber(head?.songs_heard),
      artists_heard: asNumber(head?.artists_heard),
      matched_plays: asNumber(head?.matched_plays),
      matched_share: asNullableNumber(head?.matched_share),
      first_play: asDate(head?.first_play),
      last_play: asDate(head?.last_play),
    },
    unmatched: { unmatched_plays: asNumber(unmatched?.unmatched_plays), listeners: asNumber(unmatched?.listeners) },
    topSongs: (await run(topSongs)).map((r) => ({
      song_id: String(r.song_id),
      title: asText(r.title),
      artist: asText(r.artist),
      plays: asNumber(r.plays),
      listeners: asNumber(r.listeners),
    })),
    topArtists: (await run(topArtists)).map((r) => ({
      artist_id: String(r.artist_id),
      artist: asText(r.artist),
      plays: asNumber(r.plays),
      songs: asNumber(r.songs),
      listeners: asNumber(r.listeners),
    })),
    listenedSongs: (await run(listenedSongs)).map((r) => ({
      title: String(r.title),
      artist: asText(r.artist),
      plays: asNumber(r.plays),
      listeners: asNumber(r.listeners),
    })),
    listenedArtists: (await run(listenedArtists)).map((r) => ({
      artist: String(r.artist),
      plays: asNumber(r.plays),
      songs: asNumber(r.songs),
      listeners: asNumber(r.listeners),
    })),
    listenedTotals: { plays: asNumber(totals?.plays), songs: asNumber(totals?.songs), artists: asNumber(totals?.artists) },
    catalogueMatches: (await run(catalogueMatches)).map((r) => ({
      outcome_order: asNumber(r.outcome_order),
      outcome: String(r.outcome),
      plays: asNumber(r.plays),
      listeners: asNumber(r.listeners),
    })),
    latestLoad: latest ? latestLoadOf(latest) : emptyLatestLoad,
    nameRepairs: nameRepairsOf((await run(displayNames)).map((r) => String(r.name))),
    playsPerDay: (await run(playsPerDay)).map((r) => ({
      day: asDate(r.day) ?? new Date(0),
      plays: asNumber(r.plays),
      listeners: asNumber(r.listeners),
    })),
    playsByHourWeekday: (await run(playsByHourWeekday)).map((r) => ({
      weekday: asNumber(r.weekday),
      hour: asNumber(r.hour),
      plays: asNumber(r.plays),
    })),
    playsByLevel: (await run(playsByLevel)).map((r) => ({
      level: asText(r.level),
      plays: asNumber(r.plays),
      listeners: asNumber(r.listeners),
    })),
    levelChanges: (await run(levelChanges)).map((r) => ({
      user_id: asId(r.user_id),
      from_level: asText(r.from_level),
      to_level: asText(r.to_level),
      changed_at: asDate(r.changed_at) ?? new Date(0),
      direction: String(r.direction),
    })),
    topLocations: (await run(topLocations)).map((r) => ({
      location: asText(r.location),
      plays: asNumber(r.plays),
      listeners: asNumber(r.listeners),
    })),
    userAgents: agents,
    ...familyCounts(agents),
    sessionSizes: (await run(sessionSizes)).map((r) => ({
      bucket_start: asNumber(r.bucket_start),
      bucket: String(r.bucket),
      sessions: asNumber(r.sessions),
    })),
    sessionLengths: allLengthBuckets((await run(sessionLengths)).map((r) => ({ bucket: String(r.bucket), sessions: asNumber(r.sessions) }))),
    sessionCount: asNumber(median?.sessions),
    medianSessionSeconds: asNullableNumber(median?.median_seconds),
    checks: await runChecks(engine),
    runs: await runsIfAny(engine, RECENT_RUNS),
  };
}

function latestLoadOf(r: Row): LatestLoadRow {
  return {
    run_id: asNullableNumber(r.run_id),
    total_plays: asNumber(r.total_plays),
    plays_added: asNumber(r.plays_added),
    total_listeners: asNumber(r.total_listeners),
    listeners_added: asNumber(r.listeners_added),
    total_users: asNumber(r.total_users),
    new_users: asNumber(r.new_users),
    total_level_changes: asNumber(r.total_level_changes),
    level_changes_added: asNumber(r.level_changes_added),
  };
}

/** Counts distinct names (a name that is both a song and an artist counts once) shown repaired. */
function nameRepairsOf(names: readonly string[]): NameRepairs {
  const distinct = [...new Set(names)];
  const repaired = distinct.filter(isMojibake);
  return {
    names: distinct.length,
    repaired: repaired.length,
    examples: repaired.slice(0, REPAIR_EXAMPLES).map((stored) => ({ stored, shown: repairMojibake(stored) })),
  };
}

function emptyFigures(state: WarehouseState, runs: ReportFigures['runs']): ReportFigures {
  return {
    state,
    headline: emptyHeadline,
    unmatched: { unmatched_plays: 0, listeners: 0 },
    topSongs: [],
    topArtists: [],
    listenedSongs: [],
    listenedArtists: [],
    listenedTotals: { plays: 0, songs: 0, artists: 0 },
    catalogueMatches: [],
    latestLoad: emptyLatestLoad,
    nameRepairs: { names: 0, repaired: 0, examples: [] },
    playsPerDay: [],
    playsByHourWeekday: [],
    playsByLevel: [],
    levelChanges: [],
    topLocations: [],
    userAgents: [],
    browsers: [],
    systems: [],
    sessionSizes: [],
    sessionLengths: [],
    sessionCount: 0,
    medianSessionSeconds: null,
    checks: [],
    runs,
  };
}
