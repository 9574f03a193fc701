/**
 * Runs the named queries, one after another on the one connection, and shapes their
 * rows into ReportFigures. Checks and run history come from their own modules.
 */
import type { Engine, Row } from '../engines/engine.js';
import { runChecks } from '../checks/run-checks.js';
import { emptyHeadline, type ReportFigures } from './figures.js';
import { headline, playsByHourWeekday, playsPerDay, unmatchedPlays } from './queries/overview.js';
import { topArtists, topSongs } from './queries/catalogue.js';
import { levelChanges, playsByLevel, topLocations, userAgents } from './queries/listeners.js';
import { sessionSizes, sessionSpans } from './queries/sessions.js';
import type { NamedQuery } from './queries/query-definition.js';
import { asDate, asId, asNullableNumber, asNumber, asText } from './row-values.js';
import { bucketSessionLengths, medianSessionSeconds, type SessionSpan } from './session-lengths.js';
import { familyCounts } from './user-agents.js';
import { runsIfAny, warehouseState, type WarehouseState } from './warehouse-state.js';

const RECENT_RUNS = 5;

export async function collectFigures(engine: Engine): Promise<ReportFigures> {
  const state = await warehouseState(engine);
  if (state !== 'loaded') return emptyFigures(state, await runsIfAny(engine, RECENT_RUNS));

  const run = (query: NamedQuery): Promise<Row[]> => engine.query(query.sql);
  const [head] = await run(headline);
  const [unmatched] = await run(unmatchedPlays);
  const agents = (await run(userAgents)).map((r) => ({
    user_agent: asText(r.user_agent),
    plays: asNumber(r.plays),
    listeners: asNumber(r.listeners),
  }));
  const spans: SessionSpan[] = (await run(sessionSpans)).map((r) => ({
    first_play: asDate(r.first_play) ?? new Date(0),
    last_play: asDate(r.last_play) ?? new Date(0),
  }));

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
    sessionLengths: bucketSessionLengths(spans),
    sessionCount: spans.length,
    medianSessionSeconds: medianSessionSeconds(spans),
    checks: await runChecks(engine),
    runs: await runsIfAny(engine, RECENT_RUNS),
  };
}

function emptyFigures(state: WarehouseState, runs: ReportFigures['runs']): ReportFigures {
  return {
    state,
    headline: emptyHeadline,
    unmatched: { unmatched_plays: 0, listeners: 0 },
    topSongs: [],
    topArtists: [],
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
