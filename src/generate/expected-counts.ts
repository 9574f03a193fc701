/**
 * What a correct load of the generated dataset must produce, derived from what was
 * generated (not from what was intended) by applying SPEC.md's rules directly. Tests
 * and benchmarks compare a warehouse against these numbers.
 */
import type { ArtistPlace, Catalogue, Song } from './catalogue.js';
import { Auth, Level, Page } from './event-table.js';
import type { EventLog } from './events.js';

export interface ExpectedCounts {
  /** staging_events: non-blank lines over all log files. */
  readonly events: number;
  /** Blank lines in the log files (not records, not errors). */
  readonly blankLines: number;
  /** Events with userId "" (logged-out visitors and guests). */
  readonly eventsWithoutUser: number;
  /** Rule 1: NextSong events with a non-empty userId. */
  readonly songplays: number;
  /** Songplays that get a song_id and artist_id under rule 1. */
  readonly matchedSongplays: number;
  /** Distinct non-null song_id among songplays (a re-release's plays go to the smaller id). */
  readonly distinctSongsPlayed: number;
  /** Rule 5: rows of the time table. */
  readonly distinctStartTimes: number;
  /** Rule 2: distinct non-empty userId. */
  readonly users: number;
  /** Users whose latest event is at level paid. */
  readonly paidUsers: number;
  /** Users seen at both levels. */
  readonly levelChangers: number;
  /** staging_songs rows and the songs table (song ids are unique). */
  readonly songs: number;
  /** Songs whose year is 0 (NULL in the songs table, rule 3). */
  readonly songsWithYearZero: number;
  /** Rule 4: distinct artist_id. */
  readonly artists: number;
  /** Artists whose kept record (smallest song_id) has an empty location. */
  readonly artistsWithoutLocation: number;
  /** Artists whose song files disagree about their location. */
  readonly artistsWithConflictingRecords: number;
}

export function computeExpectedCounts(catalogue: Catalogue, log: EventLog, blankLines: number): ExpectedCounts {
  return { ...eventCounts(catalogue, log), blankLines, ...catalogueCounts(catalogue) };
}

function eventCounts(catalogue: Catalogue, log: EventLog) {
  const { table, users } = log;
  const seenLevels = new Uint8Array(users.length);
  const latestTs = new Float64Array(users.length).fill(-Infinity);
  const latestItem = new Int32Array(users.length);
  const latestLevel = new Uint8Array(users.length);
  const startTimes = new Float64Array(table.length);
  const songsPlayed = new Set<number>();
  let songplays = 0;
  let matchedSongplays = 0;
  let eventsWithoutUser = 0;

  for (let i = 0; i < table.length; i++) {
    if (table.auth[i] !== Auth.LoggedIn) {
      eventsWithoutUser++;
      continue;
    }
    const user = table.user[i] as number;
    const ts = table.ts[i] as number;
    const item = table.item[i] as number;
    const level = table.level[i] as Level;
    seenLevels[user] = (seenLevels[user] as number) | (1 << level);
    // Rule 2: the latest event by ts, ties broken by the larger itemInSession.
    if (ts > (latestTs[user] as number) || (ts === latestTs[user] && item > (latestItem[user] as number))) {
      latestTs[user] = ts;
      latestItem[user] = item;
      latestLevel[user] = level;
    }
    if (table.page[i] !== Page.NextSong) continue;
    startTimes[songplays++] = ts;
    const song = table.song[i] as number;
    if (song >= 0) {
      matchedSongplays++;
      songsPlayed.add(catalogue.matchOf[song] as number);
    }
  }

  let seenUsers = 0;
  let paidUsers = 0;
  let levelChangers = 0;
  for (let user = 0; user < users.length; user++) {
    const levels = seenLevels[user] as number;
    if (levels === 0) continue;
    seenUsers++;
    if (latestLevel[user] === Level.Paid) paidUsers++;
    if (levels === ((1 << Level.Free) | (1 << Level.Paid))) levelChangers++;
  }
  return {
    events: table.length,
    eventsWithoutUser,
    songplays,
    matchedSongplays,
    distinctSongsPlayed: songsPlayed.size,
    distinctStartTimes: countDistinct(startTimes.subarray(0, songplays)),
    users: seenUsers,
    paidUsers,
    levelChangers,
  };
}

function catalogueCounts(catalogue: Catalogue) {
  // Rule 4 keeps, per artist, the record of the song with the smallest song_id.
  const kept = new Map<number, Song>();
  const conflicting = new Set<number>();
  for (const song of catalogue.songs) {
    const current = kept.get(song.artist);
    if (current && !samePlace(current.place, song.place)) conflicting.add(song.artist);
    if (!current || song.songId < current.songId) kept.set(song.artist, song);
  }
  let artistsWithoutLocation = 0;
  for (const song of kept.values()) if (song.place.location === '') artistsWithoutLocation++;
  return {
    songs: new Set(catalogue.songs.map((song) => song.songId)).size,
    songsWithYearZero: catalogue.songs.filter((song) => song.year === 0).length,
    artists: kept.size,
    artistsWithoutLocation,
    artistsWithConflictingRecords: conflicting.size,
  };
}

function samePlace(a: ArtistPlace, b: ArtistPlace): boolean {
  return a.location === b.location && a.latitude === b.latitude && a.longitude === b.longitude;
}

function countDistinct(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  return distinct;
}
