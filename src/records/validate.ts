/**
 * SPEC.md's record rules, applied once for every engine that parses in Node:
 * a line is a record when it is not blank; it is accepted when it is one JSON object
 * whose fields have the right types, and rejected with a reason otherwise.
 */
import type { EventFields, SongFields, StagingKind } from './staging-record.js';
import {
  FieldError, optionalInteger, optionalNumber, optionalText, requiredEpochMillis, requiredInteger, requiredText, userId,
} from './field-checks.js';

export type Validation<F> = { readonly ok: true; readonly fields: F } | { readonly ok: false; readonly reason: string };

type JsonObject = Record<string, unknown>;

export function validateEvent(record: JsonObject): EventFields {
  return {
    artist: optionalText(record, 'artist'),
    auth: optionalText(record, 'auth'),
    firstName: optionalText(record, 'firstName'),
    gender: optionalText(record, 'gender'),
    itemInSession: requiredInteger(record, 'itemInSession'),
    lastName: optionalText(record, 'lastName'),
    length: optionalNumber(record, 'length'),
    level: optionalText(record, 'level'),
    location: optionalText(record, 'location'),
    method: optionalText(record, 'method'),
    page: optionalText(record, 'page'),
    registration: optionalNumber(record, 'registration'),
    sessionId: requiredInteger(record, 'sessionId'),
    song: optionalText(record, 'song'),
    status: optionalInteger(record, 'status'),
    ts: requiredEpochMillis(record, 'ts'),
    userAgent: optionalText(record, 'userAgent'),
    userId: userId(record, 'userId'),
  };
}

export function validateSong(record: JsonObject): SongFields {
  return {
    num_songs: optionalInteger(record, 'num_songs'),
    artist_id: requiredText(record, 'artist_id'),
    artist_latitude: optionalNumber(record, 'artist_latitude'),
    artist_longitude: optionalNumber(record, 'artist_longitude'),
    artist_location: optionalText(record, 'artist_location'),
    artist_name: optionalText(record, 'artist_name'),
    song_id: requiredText(record, 'song_id'),
    title: optionalText(record, 'title'),
    duration: optionalNumber(record, 'duration'),
    year: optionalInteger(record, 'year'),
  };
}

const validators = { events: validateEvent, songs: validateSong } as const;

/** Parses and validates one non-blank line. */
export function validateLine(kind: StagingKind, line: string): Validation<EventFields | SongFields> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${(error as Error).message})` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reason: 'not a JSON object' };
  }
  try {
    return { ok: true, fields: validators[kind](parsed as JsonObject) };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, reason: error.message };
    throw error;
  }
}
