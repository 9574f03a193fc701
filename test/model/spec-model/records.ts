/**
 * SPEC.md's "Bad input" types, applied to one parsed value: an accepted event or
 * song, or a rejected record's reason kind. Identifiers are BigInt, exact to 64 bits.
 */
import { integerValue, type JsonValue } from './json-text.js';

export type RejectKind = 'json' | 'ts' | 'userId' | 'sessionId' | 'itemInSession';

export interface ModelEvent {
  readonly artist: string | null;
  readonly firstName: string | null;
  readonly gender: string | null;
  readonly itemInSession: bigint | null;
  readonly lastName: string | null;
  readonly length: number | null;
  readonly level: string | null;
  readonly location: string | null;
  readonly page: string | null;
  readonly sessionId: bigint | null;
  readonly song: string | null;
  readonly ts: bigint;
  readonly userAgent: string | null;
  /** null for a logged-out visitor (`""`). */
  readonly userId: bigint | null;
}

export interface ModelSong {
  readonly songId: string;
  readonly title: string | null;
  readonly artistId: string | null;
  readonly artistName: string | null;
  readonly location: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly duration: number | null;
  readonly year: number | null;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z. */
export const TS_MIN = -62135596800000n;
export const TS_MAX = 253402300799999n;

type Fields = ReadonlyMap<string, JsonValue>;

const isNumber = (v: JsonValue | undefined): v is { number: string } => typeof v === 'object' && v !== null && 'number' in v;
const text = (v: JsonValue | undefined): string | null => (typeof v === 'string' ? v : null);
const float = (v: JsonValue | undefined): number | null => (isNumber(v) ? Number(v.number) : null);
const inInt64 = (n: bigint) => n >= INT64_MIN && n <= INT64_MAX;

function nullableId(v: JsonValue | undefined): bigint | null | 'bad' {
  if (v === undefined || v === null) return null;
  if (!isNumber(v)) return 'bad';
  const n = integerValue(v.number);
  return n !== undefined && inInt64(n) ? n : 'bad';
}

function userIdOf(v: JsonValue | undefined): bigint | null | 'bad' {
  let n: bigint | undefined;
  if (typeof v === 'string') {
    if (v === '') return null;
    if (!/^[0-9]+$/.test(v)) return 'bad';
    n = BigInt(v);
  } else if (isNumber(v)) {
    n = integerValue(v.number);
  }
  return n !== undefined && n >= 0n && n <= INT64_MAX ? n : 'bad';
}

export function toEvent(value: JsonValue): ModelEvent | RejectKind {
  if (!(value instanceof Map)) return 'json';
  const f = value as Fields;
  const tsField = f.get('ts');
  const ts = isNumber(tsField) ? integerValue(tsField.number) : undefined;
  if (ts === undefined || ts < TS_MIN || ts > TS_MAX) return 'ts';
  const userId = userIdOf(f.get('userId'));
  if (userId === 'bad') return 'userId';
  const sessionId = nullableId(f.get('sessionId'));
  if (sessionId === 'bad') return 'sessionId';
  const itemInSession = nullableId(f.get('itemInSession'));
  if (itemInSession === 'bad') return 'itemInSession';
  return {
    artist: text(f.get('artist')),
    firstName: text(f.get('firstName')),
    gender: text(f.get('gender')),
    itemInSession,
    lastName: text(f.get('lastName')),
    length: float(f.get('length')),
    level: text(f.get('level')),
    location: text(f.get('location')),
    page: text(f.get('page')),
    sessionId,
    song: text(f.get('song')),
    ts,
    userAgent: text(f.get('userAgent')),
    userId,
  };
}

/** Songs: SPEC.md types no song field, so only a non-object is rejected. */
export function toSong(value: JsonValue): ModelSong | RejectKind {
  if (!(value instanceof Map)) return 'json';
  const f = value as Fields;
  const year = f.get('year');
  return {
    songId: text(f.get('song_id')) ?? '',
    title: text(f.get('title')),
    artistId: text(f.get('artist_id')),
    artistName: text(f.get('artist_name')),
    location: text(f.get('artist_location')),
    latitude: float(f.get('artist_latitude')),
    longitude: float(f.get('artist_longitude')),
    duration: float(f.get('duration')),
    year: isNumber(year) ? Number(year.number) : null,
  };
}
