/**
 * JSON text in the two styles of the real files, byte for byte:
 *
 * - song files are Python's `json.dumps` with default settings: `", "` and `": "`
 *   separators, non-ASCII (and DEL) as lower-case \uXXXX, floats in Python's repr
 *   (`270.0`, `1e-05`), no trailing newline;
 * - event logs come from a Java-style writer: compact separators, `/` escaped as
 *   `\/`, non-ASCII as \uXXXX too, `registration` as a float (`1540919166796.0`).
 */
import type { ArtistPlace, Artist, Song } from './catalogue.js';

const NON_ASCII = /[\u007f-\uffff]/g;
const escapeCodeUnit = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A JSON string literal as Python's json.dumps(ensure_ascii=True) writes it. */
export function pythonJsonString(text: string): string {
  // JSON.stringify already escapes quotes, backslashes and control characters the way
  // Python does (\n, \t, \u001b...); only non-ASCII differs. Astral characters are
  // surrogate pairs in a JS string, so they come out as two escapes, as in Python.
  return JSON.stringify(text).replace(NON_ASCII, escapeCodeUnit);
}

/** A JSON string literal as the event logs write it: Python's, plus escaped slashes. */
export function logJsonString(text: string): string {
  return pythonJsonString(text).replaceAll('/', '\\/');
}

/** A float as Python's repr writes it: always a decimal point or an exponent. */
export function pythonFloat(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} has no JSON form`);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
    // JS writes 1e-7 and 0.00001; Python 1e-07 and 1e-05: two-digit exponents, and
    // exponent form from 1e-4 downwards.
    const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
    const sign = exponent.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  const text = String(value);
  return Number.isInteger(value) ? `${text}.0` : text;
}

const pythonNullableFloat = (value: number | null): string => (value === null ? 'null' : pythonFloat(value));

/** The whole text of one song file, keys in the real order, no trailing newline. */
export function songFileText(song: Song, artist: Artist): string {
  const place: ArtistPlace = song.place;
  return (
    `{"num_songs": 1, "artist_id": ${pythonJsonString(artist.id)}, ` +
    `"artist_latitude": ${pythonNullableFloat(place.latitude)}, "artist_longitude": ${pythonNullableFloat(place.longitude)}, ` +
    `"artist_location": ${pythonJsonString(place.location)}, "artist_name": ${pythonJsonString(artist.name)}, ` +
    `"song_id": ${pythonJsonString(song.songId)}, "title": ${pythonJsonString(song.title)}, ` +
    `"duration": ${pythonFloat(song.duration)}, "year": ${song.year}}`
  );
}
