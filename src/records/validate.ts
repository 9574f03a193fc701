/**
 * SPEC.md's record rules, applied once for every engine that parses in Node:
 * a line is a record when it is not blank; it is accepted when it is one JSON object
 * whose fields have the right types, and rejected with a reason otherwise.
 */
import type { EventFields, SongFields, StagingKind } from './staging-record.js';
import {
  FieldError, int64Field, optionalInteger, optionalNumber, optionalText, requiredEpochMillis, requiredText, userId,
} from './field-checks.js';
import { stringify } from 'lossless-json';
import { parseLossless } from './int64.js';

export type Validation<F> =
  | {
      readonly ok: true;
      readonly fields: F;
      /** The record as one line that a warehouse's JSON reader reads to these fields, when the input line is not (see TextRecord.raw). */
      readonly text?: string;
    }
  | { readonly ok: false; readonly reason: string };

type JsonObject = Record<string, unknown>;

/** `line` is the text `record` was parsed from: the slow path reads ids past 2^53 from it. */
export function validateEvent(record: JsonObject, line: string): EventFields {
  return {
    artist: optionalText(record, 'artist'),
    auth: optionalText(record, 'auth'),
    firstName: optionalText(record, 'firstName'),
    gender: optionalText(record, 'gender'),
    itemInSession: int64Field(record, 'itemInSession', line),
    lastName: optionalText(record, 'lastName'),
    length: optionalNumber(record, 'length'),
    level: optionalText(record, 'level'),
    location: optionalText(record, 'location'),
    method: optionalText(record, 'method'),
    page: optionalText(record, 'page'),
    registration: optionalNumber(record, 'registration'),
    sessionId: int64Field(record, 'sessionId', line),
    song: optionalText(record, 'song'),
    status: optionalInteger(record, 'status'),
    ts: requiredEpochMillis(record, 'ts'),
    userAgent: optionalText(record, 'userAgent'),
    userId: userId(record, 'userId', line),
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

/** Parses and validates one record's text (a non-blank line, or a song file's object). */
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
    if (kind === 'songs') {
      const fields = validateSong(parsed as JsonObject);
      return line.includes('\n') ? { ok: true, fields, text: oneLine(line) } : { ok: true, fields };
    }
    const fields = validateEvent(parsed as JsonObject, line);
    return needsRewrite(parsed as JsonObject, fields) ? { ok: true, fields, text: rewrittenEvent(line, fields) } : { ok: true, fields };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, reason: error.message };
    throw error;
  }
}

/**
 * A valid JSON text holds line breaks only between tokens (a string cannot), so a
 * pretty-printed object becomes one line by making them spaces.
 */
function oneLine(text: string): string {
  return text.replace(/[\r\n]/g, ' ');
}

/**
 * DuckDB reads the line again and must read the same ids: a userId that is a number or
 * has leading zeros would be read as other text than its canonical digits, and an id
 * past 2^53 written with a fraction or an exponent would be read into a double.
 */
function needsRewrite(record: JsonObject, fields: EventFields): boolean {
  return record.userId !== fields.userId || typeof fields.sessionId === 'bigint' || typeof fields.itemInSession === 'bigint';
}

/** The line with its ids as validated: exact digits, userId as its canonical string. The rest as written. */
function rewrittenEvent(line: string, fields: EventFields): string {
  const record = parseLossless(line);
  record.userId = fields.userId;
  if (typeof fields.sessionId === 'bigint') record.sessionId = fields.sessionId;
  if (typeof fields.itemInSession === 'bigint') record.itemInSession = fields.itemInSession;
  return stringify(record) as string;
}
