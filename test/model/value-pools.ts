/**
 * The values generated datasets are made of: few enough that keys, ties and matches
 * recur, odd enough to break naive code. Numbers are JSON text, so they reach the files
 * exactly as written (`1541030400000.0`, 2^63 - 1).
 */
import type { Quirk } from './quirks.js';

const T0 = 1541030400000; // 2018-11-01T00:00:00.000Z

export const titles = [
  'Setanta matins',
  'Curl(ed) Up',
  'Line\u2028Separator',
  'Para\u2029graph',
  'Trailing space ',
  'Café',
  'Cafe\u0301',
  'say "hi" \\ back\\slash \\N',
  'tab\there',
  '東京 🎧',
  "it's <b>bold</b> url(x) href=\"y\"",
  '',
];
export const artistNames = ['Elena', 'Elena ', 'Motörhead', 'AC/DC', 'Null', ''];
export const songIds = ['SOAAAAA12', 'SOAAAAB34', 'SOBBBBB56', 'SOZZZZZ78'];
export const artistIds = ['ARAAAAA1', 'ARBBBBB2', 'ARZZZZZ3'];
export const durations = ['200.5', '123.45678', '0.01', '300', '99.999999'];
/** Added to a song's duration to make an event's length: inside, at and past 0.01 s. */
export const lengthDeltas = [0, 0.005, -0.0099, 0.011, -0.02, 0.5];
export const years = ['0', '1999', '2018', '1'];
export const locations = ['""', '"Paris, FR"', '"München"', 'null', '" "'];
export const coordinates = ['null', '48.8566', '-0.000123', '1e-7', '-179.999999'];

export const names = ['"Ann"', '"Zoë"', '"O\'Brien"', '"Line\u2028Sep"', '"emoji 🎧"', '""', 'null', '"Trailing "'];
export const pages = ['"NextSong"', '"NextSong"', '"NextSong"', '"Home"', '"Logout"', 'null'];
export const levels = ['"free"', '"paid"', 'null'];
export const genders = ['"F"', '"M"', 'null'];
export const eventLocations = ['"San Francisco-Oakland-Hayward, CA"', '""', 'null', '"Zürich\u2028CH"'];
export const userAgents = [
  '"\\"Mozilla\\/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit\\/537.36\\""',
  '"Mozilla/5.0 (X11; Linux x86_64)"',
  '"tab\\there \\\\N"',
  'null',
];
export const registrations = ['null', '1540919166796.0', '1.540919166796E12'];

export interface KeyPools {
  readonly sessionIds: readonly string[];
  readonly itemsInSession: readonly string[];
  /** userId as written: a JSON string or a JSON integer. */
  readonly userIds: readonly string[];
  readonly timestamps: readonly string[];
}

/** The natural-key parts; ids past 2^31 only when the int64 switch is on. */
export function keyPools(quirks: ReadonlySet<Quirk>): KeyPools {
  const wide = quirks.has('int64');
  const nulls = quirks.has('nullIds') ? ['null'] : [];
  return {
    sessionIds: ['1', '2', '-3', '2147483647', ...nulls, ...(wide ? ['2147483648', '3000000000', '9007199254740993', '9223372036854775807', '-9223372036854775808'] : [])],
    itemsInSession: ['0', '1', '5', ...nulls, ...(wide ? ['4294967296'] : [])],
    userIds: ['"7"', '"8"', '""', '"15"', '7', ...(wide ? ['"2147483648"', '"9223372036854775807"', '9007199254740993'] : [])],
    timestamps: [T0, T0, T0 + 1, T0 + 999, T0 + 3_600_000, T0 + 3 * 86_400_000, 1546214400123, 1230768000000, -1].map(String),
  };
}

/** Lines that SPEC.md rejects, and the reject they are. */
export const badLines = {
  truncated: '{"ts": 1541030400000, "userId": "7", "page": "NextSong"',
  notAnObject: '["NextSong"]',
  tsString: '{"ts": "1541030400000", "userId": "7", "sessionId": 1, "itemInSession": 0, "page": "NextSong"}',
  tsFraction: '{"ts": 1541030400000.5, "userId": "7", "sessionId": 1, "itemInSession": 0, "page": "NextSong"}',
  tsMissing: '{"userId": "7", "sessionId": 1, "itemInSession": 0, "page": "NextSong"}',
  userIdLetters: '{"ts": 1541030400000, "userId": "7a", "sessionId": 1, "itemInSession": 0, "page": "NextSong"}',
  userIdNegative: '{"ts": 1541030400000, "userId": -7, "sessionId": 1, "itemInSession": 0, "page": "NextSong"}',
  userIdPast64: '{"ts": 1541030400000, "userId": "9223372036854775808", "sessionId": 1, "itemInSession": 0, "page": "NextSong"}',
  sessionIdString: '{"ts": 1541030400000, "userId": "7", "sessionId": "1", "itemInSession": 0, "page": "NextSong"}',
  sessionIdPast64: '{"ts": 1541030400000, "userId": "7", "sessionId": 9223372036854775808, "itemInSession": 0, "page": "NextSong"}',
  itemFraction: '{"ts": 1541030400000, "userId": "7", "sessionId": 1, "itemInSession": 0.5, "page": "NextSong"}',
} as const;

/** Rejects behind a switch. */
export const switchedBadLines = {
  tsRange: [
    '{"ts": 253402300800000, "userId": "7", "sessionId": 1, "itemInSession": 0, "page": "NextSong"}',
    '{"ts": -62135596800001, "userId": "7", "sessionId": 1, "itemInSession": 0, "page": "NextSong"}',
  ],
} as const;

/** Valid extremes of ts (years 1 and 9999), generated with the tsRange switch. */
export const extremeTimestamps = ['-62135596800000', '253402300799999'];

/** Bytes that are not UTF-8: a lone continuation byte, a truncated sequence, an overlong '/', a surrogate. */
export const invalidUtf8 = [[0x80], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff]];
