/**
 * Reads a generated tree back from disk and applies SPEC.md's rules to it by hand, in
 * plain JavaScript, sharing no code with the generator: the generator's own expected
 * counts are checked against this independent reading.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface SongRecord {
  num_songs: number;
  artist_id: string;
  artist_latitude: number | null;
  artist_longitude: number | null;
  artist_location: string;
  artist_name: string;
  song_id: string;
  title: string;
  duration: number;
  year: number;
}

export interface EventRecord {
  artist: string | null;
  auth: string;
  firstName: string | null;
  gender: string | null;
  itemInSession: number;
  lastName: string | null;
  length: number | null;
  level: string;
  location: string | null;
  method: string;
  page: string;
  registration: number | null;
  sessionId: number;
  song: string | null;
  status: number;
  ts: number;
  userAgent: string | null;
  userId: string;
}

export interface TextFile {
  /** Relative to the dataset's root, with forward slashes. */
  readonly relative: string;
  readonly raw: string;
}

export interface Dataset {
  readonly songFiles: TextFile[];
  readonly logFiles: TextFile[];
  readonly songs: SongRecord[];
  readonly events: EventRecord[];
  readonly blankLines: number;
  readonly bytes: number;
}

export function listFiles(root: string): string[] {
  const entries = readdirSync(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

export function readDataset(root: string): Dataset {
  const files = listFiles(root).map((relative) => ({ relative, raw: readFileSync(path.join(root, relative), 'utf8') }));
  const songFiles = files.filter((file) => file.relative.startsWith('song_data/'));
  const logFiles = files.filter((file) => file.relative.startsWith('log_data/'));
  const events: EventRecord[] = [];
  let blankLines = 0;
  for (const file of logFiles) {
    for (const line of file.raw.split('\n')) {
      if (line.trim() === '') blankLines++;
      else events.push(JSON.parse(line) as EventRecord);
    }
  }
  return {
    songFiles,
    logFiles,
    songs: songFiles.map((file) => JSON.parse(file.raw) as SongRecord),
    events,
    blankLines,
    bytes: files.reduce((sum, file) => sum + Buffer.byteLength(file.raw), 0),
  };
}

/** sha256 over every relative path and its bytes, in path order. */
export function treeHash(root: string): string {
  const hash = createHash('sha256');
  for (const relative of listFiles(root)) hash.update(`${relative}\n`).update(readFileSync(path.join(root, relative)));
  return hash.digest('hex');
}

/** SPEC.md rules 1-5, applied by hand. */
export function applySpecRules(data: Dataset) {
  const byKey = new Map<string, SongRecord[]>();
  for (const song of data.songs) {
    const key = `${song.title}\u0000${song.artist_name}`;
    byKey.set(key, [...(byKey.get(key) ?? []), song]);
  }
  // Rule 1.
  const songplays = data.events.filter((event) => event.page === 'NextSong' && event.userId !== '');
  const playedSongIds: string[] = [];
  for (const play of songplays) {
    const matches = (byKey.get(`${play.song}\u0000${play.artist}`) ?? []).filter((song) => Math.abs(song.duration - (play.length ?? NaN)) <= 0.01);
    if (matches.length > 0) playedSongIds.push(matches.map((song) => song.song_id).sort()[0] as string);
  }
  // Rule 2.
  const latest = new Map<string, EventRecord>();
  const levels = new Map<string, Set<string>>();
  for (const event of data.events) {
    if (event.userId === '') continue;
    const current = latest.get(event.userId);
    if (!current || event.ts > current.ts || (event.ts === current.ts && event.itemInSession > current.itemInSession)) latest.set(event.userId, event);
    levels.set(event.userId, (levels.get(event.userId) ?? new Set()).add(event.level));
  }
  // Rule 4.
  const keptArtist = new Map<string, SongRecord>();
  const places = new Map<string, Set<string>>();
  for (const song of data.songs) {
    const kept = keptArtist.get(song.artist_id);
    if (!kept || song.song_id < kept.song_id) keptArtist.set(song.artist_id, song);
    const place = JSON.stringify([song.artist_location, song.artist_latitude, song.artist_longitude]);
    places.set(song.artist_id, (places.get(song.artist_id) ?? new Set()).add(place));
  }
  return {
    events: data.events.length,
    blankLines: data.blankLines,
    eventsWithoutUser: data.events.filter((event) => event.userId === '').length,
    songplays: songplays.length,
    matchedSongplays: playedSongIds.length,
    distinctSongsPlayed: new Set(playedSongIds).size,
    distinctStartTimes: new Set(songplays.map((play) => play.ts)).size,
    users: latest.size,
    paidUsers: [...latest.values()].filter((event) => event.level === 'paid').length,
    levelChangers: [...levels.values()].filter((seen) => seen.size > 1).length,
    songs: new Set(data.songs.map((song) => song.song_id)).size,
    songsWithYearZero: data.songs.filter((song) => song.year === 0).length,
    artists: keptArtist.size,
    artistsWithoutLocation: [...keptArtist.values()].filter((song) => song.artist_location === '').length,
    artistsWithConflictingRecords: [...places.values()].filter((seen) => seen.size > 1).length,
  };
}
