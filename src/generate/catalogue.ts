/**
 * The song catalogue: artists with several songs each, and "ghost" songs that users
 * play but that are not in the catalogue (most plays in the real logs are of such
 * songs). The catalogue also knows, for each song, which song SPEC rule 1 matches a
 * play of it to, so expected counts follow the rule rather than our intentions:
 *
 * - a few songs are re-releases (same artist, title, duration within 0.005 s, a
 *   different song_id): a play of either matches both, and the smaller id wins;
 * - a few are alternate takes (same artist and title, duration 1-40 s off): they
 *   match only themselves, which tests the duration tolerance;
 * - ghosts are checked never to match anything, even those that reuse a catalogue
 *   title or artist.
 */
import { Random, zipfSampler } from './random.js';
import { artistName, songTitle } from './song-names.js';
import { ARTIST_PLACES } from './vocabulary.js';

export interface ArtistPlace {
  readonly location: string;
  readonly latitude: number | null;
  readonly longitude: number | null;
}

export interface Artist {
  readonly id: string;
  readonly name: string;
  readonly place: ArtistPlace;
}

export interface Song {
  readonly trackId: string;
  readonly songId: string;
  /** Index into Catalogue.artists. */
  readonly artist: number;
  readonly title: string;
  readonly duration: number;
  /** 0 means unknown, as in the real files. */
  readonly year: number;
  /** The artist's place as this song's file states it; it disagrees for a few artists (SPEC rule 4). */
  place: ArtistPlace;
}

/** A song that users play but that is not in the catalogue. */
export interface GhostSong {
  readonly title: string;
  readonly artistName: string;
  readonly duration: number;
}

export interface Catalogue {
  readonly songs: readonly Song[];
  readonly artists: readonly Artist[];
  readonly ghosts: readonly GhostSong[];
  /** For each song, the index of the song a play of it matches under SPEC rule 1. */
  readonly matchOf: Int32Array;
}

const SONGS_PER_ARTIST = 3.5;
const RERELEASE_SHARE = 0.01;
const ALTERNATE_TAKE_SHARE = 0.01;
const CONFLICTING_ARTIST_SHARE = 0.03;
/** SPEC rule 1's duration tolerance. */
export const MATCH_TOLERANCE = 0.01;

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const HEX = '0123456789ABCDEF';
const EMPTY_PLACE: ArtistPlace = { location: '', latitude: null, longitude: null };

export const songKey = (title: string, artist: string): string => `${title}\u0000${artist}`;

export function generateCatalogue(random: Random, songCount: number): Catalogue {
  const ids = new IdFactory(random);
  const artistCount = songCount === 0 ? 0 : Math.max(1, Math.round(songCount / SONGS_PER_ARTIST));
  const artists: Artist[] = [];
  for (let i = 0; i < artistCount; i++) artists.push({ id: ids.artist(), name: artistName(random), place: artistPlace(random) });

  const songs: Song[] = [];
  const byKey = new Map<string, number[]>();
  const byArtist: number[][] = artists.map(() => []);
  // Prolific artists are a random few, not the first ids.
  const artistRanks = random.permutation(artistCount);
  const artistPopularity = artistCount > 0 ? zipfSampler(artistCount, 0.6) : null;

  for (let i = 0; i < songCount; i++) {
    // The first pass gives every artist one song, so no artist is empty.
    const artist = i < artistCount || !artistPopularity ? i : (artistRanks[artistPopularity.sample(random)] as number);
    const own = byArtist[artist] as number[];
    const name = (artists[artist] as Artist).name;
    const base = own.length > 0 ? (songs[random.pick(own)] as Song) : null;
    const variant = base ? variantOf(random, base, byKey.get(songKey(base.title, name)) ?? [], songs) : null;
    const title = variant?.title ?? freshTitle(random, name, byKey);
    const duration = variant?.duration ?? randomDuration(random);
    const index = songs.length;
    songs.push({ trackId: ids.track(), songId: ids.song(), artist, title, duration, year: randomYear(random), place: (artists[artist] as Artist).place });
    own.push(index);
    const key = songKey(title, name);
    const group = byKey.get(key);
    if (group) group.push(index);
    else byKey.set(key, [index]);
  }

  giveSomeArtistsConflictingRecords(random, songs, byArtist);
  return { songs, artists, ghosts: generateGhosts(random, songs, artists, byKey), matchOf: matchTargets(songs, byKey) };
}

/** Sometimes a re-release or an alternate take of `base`; `takes` are the songs sharing its title and artist name. */
function variantOf(random: Random, base: Song, takes: readonly number[], songs: readonly Song[]): { title: string; duration: number } | null {
  const roll = random.next();
  let duration: number;
  if (roll < RERELEASE_SHARE) duration = round5(base.duration + random.pick([0, 0, 0.001, -0.002, 0.003]));
  else if (roll < RERELEASE_SHARE + ALTERNATE_TAKE_SHARE) {
    const offset = random.between(1, 40);
    duration = round5(base.duration > 60 ? base.duration - offset : base.duration + offset);
  } else return null;
  // Every pair of takes is either clearly within the tolerance or clearly outside it, so
  // no engine's rounding (float4 columns, < versus <=) can change which songs match.
  const clear = takes.every((j) => {
    const gap = Math.abs((songs[j] as Song).duration - duration);
    return gap <= MATCH_TOLERANCE / 2 || gap >= 0.5;
  });
  return clear ? { title: base.title, duration } : null;
}

function freshTitle(random: Random, artist: string, byKey: Map<string, number[]>): string {
  let title = songTitle(random);
  // Repeated titles across artists are fine and realistic; within one artist name they
  // would be accidental re-releases, so draw again a few times.
  for (let attempt = 0; attempt < 8 && byKey.has(songKey(title, artist)); attempt++) title = songTitle(random);
  return title;
}

function giveSomeArtistsConflictingRecords(random: Random, songs: Song[], byArtist: readonly number[][]): void {
  for (const own of byArtist) {
    if (own.length < 2 || !random.chance(CONFLICTING_ARTIST_SHARE)) continue;
    const song = songs[random.pick(own)] as Song;
    // A moved or forgotten home town: the kind of disagreement rule 4 resolves.
    song.place = song.place.location === '' ? placeWithName(random) : EMPTY_PLACE;
  }
}

function generateGhosts(random: Random, songs: readonly Song[], artists: readonly Artist[], byKey: Map<string, number[]>): GhostSong[] {
  const count = Math.max(20, Math.round(songs.length * 0.2));
  const ghosts: GhostSong[] = [];
  while (ghosts.length < count) {
    const ghost = ghostCandidate(random, songs, artists);
    const group = byKey.get(songKey(ghost.title, ghost.artistName)) ?? [];
    // A margin well above the tolerance, so float4 storage can not turn a miss into a match.
    if (group.every((j) => Math.abs((songs[j] as Song).duration - ghost.duration) > 50 * MATCH_TOLERANCE)) ghosts.push(ghost);
  }
  return ghosts;
}

function ghostCandidate(random: Random, songs: readonly Song[], artists: readonly Artist[]): GhostSong {
  const roll = songs.length === 0 ? 0 : random.next();
  if (roll < 0.4) return { title: songTitle(random), artistName: artistName(random), duration: randomDuration(random) };
  const song = random.pick(songs);
  const name = (artists[song.artist] as Artist).name;
  // A catalogue artist's song we do not have.
  if (roll < 0.65) return { title: songTitle(random), artistName: name, duration: randomDuration(random) };
  // A catalogue title by someone else.
  if (roll < 0.85) return { title: song.title, artistName: random.pick(artists).name, duration: song.duration };
  // Another edit of a catalogue song: same title and artist, a different length.
  const offset = random.between(1.5, 30);
  return { title: song.title, artistName: name, duration: round5(song.duration > 60 ? song.duration - offset : song.duration + offset) };
}

/** SPEC rule 1 applied to a play of each song: the smallest song_id among its matches. */
function matchTargets(songs: readonly Song[], byKey: Map<string, number[]>): Int32Array {
  const matchOf = new Int32Array(songs.length);
  for (const group of byKey.values()) {
    for (const i of group) {
      const song = songs[i] as Song;
      let best = i;
      for (const j of group) {
        const other = songs[j] as Song;
        if (Math.abs(other.duration - song.duration) <= MATCH_TOLERANCE && other.songId < (songs[best] as Song).songId) best = j;
      }
      matchOf[i] = best;
    }
  }
  return matchOf;
}

function artistPlace(random: Random): ArtistPlace {
  return random.chance(0.4) ? EMPTY_PLACE : placeWithName(random);
}

function placeWithName(random: Random): ArtistPlace {
  const place = random.pick(ARTIST_PLACES);
  return { location: place.name, latitude: place.latitude, longitude: place.longitude };
}

/** Log-normal around 3'45", as song lengths are; five decimals like the real files. */
function randomDuration(random: Random): number {
  const seconds = Math.exp(Math.log(225) + 0.38 * random.normal());
  return round5(Math.min(1500, Math.max(12, seconds)));
}

/** More than half the real songs have year 0 (unknown); the rest lean recent. */
function randomYear(random: Random): number {
  if (random.chance(0.55)) return 0;
  return Math.max(1950, Math.round(2010 - Math.abs(random.normal()) * 14));
}

function round5(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

/** Ids shaped like the Million Song Dataset's, unique within one catalogue. */
class IdFactory {
  private readonly seen = new Set<string>();
  constructor(private readonly random: Random) {}

  /** TR + 16: the 3rd-5th characters name the folders; the first is always A, as in the public subset. */
  track(): string {
    return this.unique(() => `TRA${this.random.chars(UPPER, 4)}12${this.random.chars(HEX, 9)}`);
  }

  song(): string {
    return this.unique(() => `SO${this.random.chars(UPPER, 5)}12A${this.random.chars(HEX, 8)}`);
  }

  artist(): string {
    return this.unique(() => `AR${this.random.chars(UPPER + '0123456789', 5)}1187${this.random.chars(HEX, 7)}`);
  }

  private unique(make: () => string): string {
    let id = make();
    while (this.seen.has(id)) id = make();
    this.seen.add(id);
    return id;
  }
}
