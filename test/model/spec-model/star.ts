/**
 * SPEC.md's Rules 1-6 over accepted records, as plain loops. Where SPEC.md leaves a
 * tie open, the model mirrors the project's documented choice (docs/design.md: "Ties
 * are broken by the source file's URI and line"): the first copy of a song and of a
 * play, and for a user's latest event, after ts and itemInSession, the later file and
 * line. Rows use plain values: ids as decimal strings, times as ISO strings.
 */
import type { ModelEvent, ModelSong } from './records.js';

export interface Located<T> {
  readonly file: string;
  readonly line: number;
  readonly record: T;
}

export interface StarTables {
  readonly songplays: SongplayRow[];
  readonly users: UserRow[];
  readonly songs: SongRow[];
  readonly artists: ArtistRow[];
  readonly time: TimeRow[];
}

export interface SongplayRow {
  start_time: string;
  user_id: string;
  level: string | null;
  song_id: string | null;
  artist_id: string | null;
  session_id: string | null;
  location: string | null;
  user_agent: string | null;
  item_in_session: string | null;
}
export interface UserRow {
  user_id: string;
  first_name: string | null;
  last_name: string | null;
  gender: string | null;
  level: string | null;
}
export interface SongRow {
  song_id: string;
  title: string | null;
  artist_id: string | null;
  year: number | null;
  duration: number | null;
}
export interface ArtistRow {
  artist_id: string;
  name: string | null;
  location: string | null;
  latitude: number | null;
  longitude: number | null;
}
export interface TimeRow {
  start_time: string;
  hour: number;
  day: number;
  week: number;
  month: number;
  year: number;
  weekday: number;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const bySource = <T>(a: Located<T>, b: Located<T>) => byText(a.file, b.file) || a.line - b.line;
const byBig = (a: bigint | null, b: bigint | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

/** The first of each group, in the given order. */
function firstPerKey<T>(items: readonly T[], keyOf: (item: T) => string | null, order: (a: T, b: T) => number): Map<string, T> {
  const picked = new Map<string, T>();
  for (const item of [...items].sort(order)) {
    const key = keyOf(item);
    if (key !== null && !picked.has(key)) picked.set(key, item);
  }
  return picked;
}

export function starTables(events: readonly Located<ModelEvent>[], songs: readonly Located<ModelSong>[]): StarTables {
  // Rule 3 (and 6): one row per song_id; the project keeps the first copy by file and line.
  const songRows = new Map<string, SongRow>();
  for (const [id, { record: s }] of firstPerKey(songs, (s) => s.record.songId, bySource)) {
    songRows.set(id, { song_id: id, title: s.title, artist_id: s.artistId, year: s.year === 0 ? null : s.year, duration: s.duration });
  }

  // Rule 4: one row per artist_id, from the song with the smallest song_id.
  const artists = [...firstPerKey(songs, (s) => s.record.artistId, (a, b) => byText(a.record.songId, b.record.songId) || bySource(a, b)).values()].map(
    ({ record: s }): ArtistRow => ({
      artist_id: s.artistId as string,
      name: s.artistName,
      location: s.location === '' ? null : s.location,
      latitude: s.latitude,
      longitude: s.longitude,
    }),
  );

  // Rule 2: every logged-in user as of their latest event.
  const latestFirst = (a: Located<ModelEvent>, b: Located<ModelEvent>) =>
    byBig(b.record.ts, a.record.ts) || byBig(b.record.itemInSession, a.record.itemInSession) || bySource(b, a);
  const users = [...firstPerKey(events, (e) => (e.record.userId === null ? null : String(e.record.userId)), latestFirst).values()].map(
    ({ record: e }): UserRow => ({ user_id: String(e.userId), first_name: e.firstName, last_name: e.lastName, gender: e.gender, level: e.level }),
  );

  // Rules 1 and 6: one play per natural key (sessionId, itemInSession, userId, ts), its first copy.
  const plays = firstPerKey(
    events.filter((e) => e.record.page === 'NextSong' && e.record.userId !== null),
    ({ record: e }) => `${e.sessionId}|${e.itemInSession}|${e.userId}|${e.ts}`,
    bySource,
  );
  const songplays = [...plays.values()].map(({ record: e }): SongplayRow => {
    const songId = matchingSong(e, songs);
    return {
      start_time: isoTime(e.ts),
      user_id: String(e.userId),
      level: e.level,
      song_id: songId,
      artist_id: songId === null ? null : (songRows.get(songId)?.artist_id ?? null),
      session_id: e.sessionId === null ? null : String(e.sessionId),
      location: e.location,
      user_agent: e.userAgent,
      item_in_session: e.itemInSession === null ? null : String(e.itemInSession),
    };
  });

  const time = [...new Set(songplays.map((p) => p.start_time))].map(timeRow);
  return { songplays, users, songs: [...songRows.values()], artists, time };
}

/** Rule 1's match: same title and artist name, duration within 0.01 s; the smallest song_id. */
function matchingSong(e: ModelEvent, songs: readonly Located<ModelSong>[]): string | null {
  const ids = songs
    .map((s) => s.record)
    .filter((s) => s.title === e.song && s.artistName === e.artist && s.duration !== null && e.length !== null && Math.abs(s.duration - e.length) <= 0.01)
    .map((s) => s.songId)
    .sort(byText);
  return ids[0] ?? null;
}

function isoTime(ts: bigint): string {
  return new Date(Number(ts)).toISOString();
}

/** Rule 5, in UTC; week is the ISO-8601 week number, weekday 0 = Sunday. */
export function timeRow(startTime: string): TimeRow {
  const d = new Date(startTime);
  return {
    start_time: startTime,
    hour: d.getUTCHours(),
    day: d.getUTCDate(),
    week: isoWeek(d),
    month: d.getUTCMonth() + 1,
    year: d.getUTCFullYear(),
    weekday: d.getUTCDay(),
  };
}

function isoWeek(d: Date): number {
  const dayMs = 86_400_000;
  const midnight = Math.floor(d.getTime() / dayMs) * dayMs;
  const mondayBased = (d.getUTCDay() + 6) % 7;
  const thursday = new Date(midnight + (3 - mondayBased) * dayMs);
  const jan1 = new Date(0);
  jan1.setUTCFullYear(thursday.getUTCFullYear(), 0, 1); // setUTCFullYear, not Date.UTC: years 1-99 stay themselves
  return 1 + Math.floor((thursday.getTime() - jan1.getTime()) / (7 * dayMs));
}
