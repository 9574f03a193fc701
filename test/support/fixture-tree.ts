/**
 * Writes a small source tree next to the test that reads it, so each case's input
 * sits beside its assertion. Lines are written exactly as given (raw strings), or
 * JSON-encoded when given as objects.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type FixtureLine = string | Record<string, unknown>;

export interface FixtureTree {
  /** Song files: relative name -> lines. */
  readonly songs?: Record<string, readonly FixtureLine[]>;
  /** Log files: relative name -> lines. */
  readonly events?: Record<string, readonly FixtureLine[]>;
}

export function writeFixtureTree(root: string, tree: FixtureTree): { songData: string; logData: string } {
  const songData = path.join(root, 'song_data');
  const logData = path.join(root, 'log_data');
  mkdirSync(songData, { recursive: true });
  mkdirSync(logData, { recursive: true });
  for (const [name, lines] of Object.entries(tree.songs ?? {})) writeLines(path.join(songData, name), lines);
  for (const [name, lines] of Object.entries(tree.events ?? {})) writeLines(path.join(logData, name), lines);
  return { songData, logData };
}

export function writeLines(file: string, lines: readonly FixtureLine[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
}

/** A well-formed song record; override any field. */
export function song(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    num_songs: 1,
    artist_id: 'ARTEST0000000001',
    artist_latitude: null,
    artist_longitude: null,
    artist_location: '',
    artist_name: 'Test Artist',
    song_id: 'SOTEST0000000001',
    title: 'Test Song',
    duration: 200.5,
    year: 2001,
    ...overrides,
  };
}

/** A well-formed NextSong event of user 7; override any field. */
export function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    artist: 'Test Artist',
    auth: 'Logged In',
    firstName: 'Ada',
    gender: 'F',
    itemInSession: 0,
    lastName: 'Lovelace',
    length: 200.5,
    level: 'free',
    location: 'London, UK',
    method: 'PUT',
    page: 'NextSong',
    registration: 1540919166796.0,
    sessionId: 1,
    song: 'Test Song',
    status: 200,
    ts: Date.UTC(2018, 10, 1, 12, 0, 0, 123),
    userAgent: '"Mozilla/5.0 (X11; Linux x86_64)"',
    userId: '7',
    ...overrides,
  };
}
